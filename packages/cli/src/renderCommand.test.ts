import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { repo, run, tempFile } from './runCli.testing.js';

const rgd = join(repo, 'examples/webapp.yaml');

const instance = tempFile('shop.yaml', 'apiVersion: kro.run/v1alpha1\nkind: WebApp\nmetadata:\n  name: shop\n  namespace: prod\nspec:\n  name: shop\n  ingress:\n    enabled: true\n');

describe('kro-designer render', () => {
  it('prints the objects kro would apply as a YAML stream, in topological order, and exits 0', async () => {
    const r = await run('render', rgd, '--instance', instance);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as { kind?: string; metadata?: { name: string; namespace: string; labels: Record<string, string> } } | null);
    expect(docs.filter((d) => d?.kind).map((d) => d!.kind)).toEqual(['Deployment', 'Service', 'Ingress']);
    expect(docs[0]!.metadata).toMatchObject({ name: 'shop', namespace: 'prod' });
    expect(docs[0]!.metadata!.labels['kro.run/node-id']).toBe('deployment');
    expect(r.stdout).toContain('# deployment: rendered');
  });

  it('prints exactly the documented JSON shape', async () => {
    const r = await run('render', rgd, '--instance', instance, '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown> & { resources: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['valid', 'diagnostics', 'resources', 'status']);
    expect(json.valid).toBe(true);
    expect(json.resources.map((x) => [x.id, x.state])).toEqual([
      ['deployment', 'rendered'],
      ['service', 'rendered'],
      ['ingress', 'rendered'],
    ]);
    for (const res of json.resources) expect(Object.keys(res)).toEqual(['id', 'state', 'objects', 'pending']);
    expect(json.status).toEqual({});
  });

  it('comments excluded resources and pending reads in the YAML stream', async () => {
    const plain = tempFile('plain.yaml', 'apiVersion: kro.run/v1alpha1\nkind: WebApp\nmetadata: {name: plain}\nspec: {name: plain}\n');
    const r = await run('render', rgd, '--instance', plain);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# ingress: excluded\n#   excluded by its includeWhen ${schema.spec.ingress.enabled}');
    const json = JSON.parse((await run('render', rgd, '--instance', plain, '--format', 'json')).stdout) as { resources: { id: string; excludedBy?: unknown }[] };
    expect(json.resources[2]).toMatchObject({ id: 'ingress', excludedBy: { resourceId: 'ingress', expression: 'schema.spec.ingress.enabled' } });
  });

  it('reports instance errors located in the instance file and exits 1', async () => {
    const bad = tempFile('bad.yaml', 'apiVersion: kro.run/v1alpha1\nkind: WebApp\nmetadata:\n  name: bad\nspec:\n  name: bad\n  replicas: 50\n');
    const r = await run('render', rgd, '--instance', bad, '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { valid: boolean; diagnostics: Record<string, unknown>[]; resources: unknown[] };
    expect(json.valid).toBe(false);
    expect(json.resources).toEqual([]);
    expect(json.diagnostics).toEqual([
      expect.objectContaining({
        document: 'instance',
        file: bad,
        code: 'instance/invalid-value',
        message: 'spec.replicas in body should be less than or equal to 20',
        range: { start: { line: 7, column: 13 }, end: { line: 7, column: 15 } },
      }),
    ]);
    const text = await run('render', rgd, '--instance', bad);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(`--> ${bad}:7:13`);
  });

  it('exits 2 on usage and I/O errors', async () => {
    const noInstance = await run('render', rgd);
    expect(noInstance.code).toBe(2);
    expect(noInstance.stderr).toContain('render needs --instance <file>');
    expect((await run('render', rgd, '--instance', '/no/such/instance.yaml')).code).toBe(2);
    expect((await run('render', rgd, '--instance', instance, '--format', 'text')).stderr).toContain('--format must be yaml or json');
  });
});
