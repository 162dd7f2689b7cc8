import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repo, run, tempFile } from './runCli.testing.js';


describe('kro-designer validate', () => {
  it('exits 0 for a valid RGD and says so', async () => {
    const r = await run('validate', join(repo, 'examples/webapp.yaml'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ 1 ResourceGraphDefinition in 1 file: valid');
  });

  it('lists every error of a broken RGD with file:line:col code frames and exits 1', async () => {
    const file = join(repo, 'examples/broken.yaml');
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`--> ${file}:9:11`); // kind: brokenApp
    expect(r.stdout).toContain(`--> ${file}:17:11`); // id: config-map
    expect(r.stdout).toContain(`--> ${file}:33:7`); // templte
    expect(r.stdout).toContain(`--> ${file}:24:31`); // schema.spec.teir
    expect(r.stdout).toContain("kind 'brokenApp' is not a valid KRO kind name");
    expect(r.stdout).toMatch(/✖ 1 ResourceGraphDefinition in 1 file: 1 file with errors \(\d+ errors/);
  });

  it('prints the documented JSON shape with 1-based ranges', async () => {
    const file = tempFile('bad.yaml', 'apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata: {name: x}\nspec:\n  schema:\n    apiVersion: v1alpha1\n    kind: app\n');
    const r = await run('validate', file, '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.files).toHaveLength(1);
    expect(json.files[0]).toMatchObject({ path: file, valid: false, kind: 'app', topologicalOrder: [] });
    expect(json.files[0].diagnostics[0]).toMatchObject({
      code: 'naming/kind',
      severity: 'error',
      range: { start: { line: 7, column: 11 }, end: { line: 7, column: 14 } },
    });
  });

  it('validates directories recursively and notes documents that are not RGDs', async () => {
    const r = await run('validate', join(repo, 'examples'), '--format', 'json');
    const json = JSON.parse(r.stdout);
    expect(json.files.map((f: { path: string }) => f.path.split('/').pop())).toEqual(['broken.yaml', 'webapp.yaml']);
    const instance = tempFile('instance.yaml', 'apiVersion: kro.run/v1alpha1\nkind: WebApp\nmetadata: {name: x}\n');
    const r2 = await run('validate', instance);
    expect(r2.code).toBe(0);
    expect(r2.stdout).toContain('info[document/not-rgd]: skipped: this document is a WebApp');
  });

  it('exits 2 with a clear message on usage and I/O errors', async () => {
    expect((await run()).code).toBe(0);
    const missing = await run('validate', '/no/such/file.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/no/such/file.yaml: no such file or directory');
    const badFlag = await run('validate', '--formt', 'json', 'x.yaml');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('unknown option --formt');
    const badFormat = await run('validate', 'x.yaml', '--format', 'xml');
    expect(badFormat.code).toBe(2);
    expect((await run('frobnicate')).stderr).toContain('unknown command "frobnicate"');
  });

  it('uses CRDs supplied with --crd for kinds that are not built in', async () => {
    const rgd = tempFile(
      'rgd.yaml',
      'apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata: {name: x}\nspec:\n  schema:\n    apiVersion: v1alpha1\n    kind: App\n  resources:\n  - id: rg\n    template:\n      apiVersion: kro.run/v1alpha1\n      kind: ResourceGraphDefinition\n      metadata: {name: nested}\n',
    );
    const without = await run('validate', rgd);
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('schema/unknown-kind');
    const withCrd = await run('validate', rgd, '--crd', join(process.env.KRO_CORPUS ?? join(repo, '../shared/corpus'), 'kro-crds'));
    expect(withCrd.stdout).not.toContain('schema/unknown-kind');
    expect(withCrd.code).toBe(0);
  });
});

describe('kro-designer crd', () => {
  it('prints the generated instance CRD as YAML', async () => {
    const r = await run('crd', join(repo, 'examples/webapp.yaml'));
    expect(r.code).toBe(0);
    const crd = parse(r.stdout);
    expect(crd).toMatchObject({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'webapps.kro.run' },
      spec: { group: 'kro.run', names: { kind: 'WebApp', plural: 'webapps' }, scope: 'Namespaced' },
    });
    expect(crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.replicas).toMatchObject({ type: 'integer', default: 2, minimum: 1, maximum: 20 });
  });
});
