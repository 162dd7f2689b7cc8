import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../src/schemas/index.js';
import { validateSource } from '../src/rgd/validateSource.js';
import { renderInstance } from '../src/render/renderInstance.js';
import { CORPUS_DIR, corpusCrds, corpusFiles } from './corpusPath.js';
import { fixtureView } from './renderFixture.js';

/**
 * Renders every instance of kro's examples (`*instance*.yaml` beside the RGD of its kind) and compares the whole
 * result with `fixtures/render/corpus/<path>.expected.json`. CRDs: ACK's (carried by the corpus) and the instance
 * CRDs of the corpus' own RGDs, so RGDs composing other RGDs type-check as on a cluster with both installed.
 * `UPDATE_FIXTURES=1` rewrites the expectations; review the diff before committing it.
 */
const files = corpusFiles('kro-examples').map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const kindOf = (text: string): string | undefined => {
  try {
    const doc = parseAllDocuments(text)[0]?.toJS() as { kind?: unknown } | undefined;
    return typeof doc?.kind === 'string' ? doc.kind : undefined;
  } catch {
    return undefined;
  }
};
const rgdFiles = files.filter((f) => kindOf(f.text) === 'ResourceGraphDefinition');
const baseRegistry = createSchemaRegistry({ crds: corpusCrds(files) }).value;
const generated = rgdFiles.flatMap((f) => validateSource(f.text, { registry: baseRegistry }).rgds.flatMap((r) => (r.crd ? [{ path: `${f.path}#crd`, text: JSON.stringify(r.crd) }] : [])));
const registry = createSchemaRegistry({ crds: [...corpusCrds(files), ...generated] }).value;

interface Pair {
  readonly name: string;
  readonly rgd: { path: string; text: string };
  readonly instance: { path: string; text: string };
}

const pairs: Pair[] = [];
for (const inst of files.filter((f) => /instance/i.test(f.path.slice(f.path.lastIndexOf('/') + 1)))) {
  const kind = kindOf(inst.text);
  const rgd = rgdFiles.find((r) => dirname(r.path) === dirname(inst.path) && validateSource(r.text, { registry }).rgds.some((x) => x.kind === kind));
  if (rgd) pairs.push({ name: relative(join(CORPUS_DIR, 'kro-examples'), inst.path).replace(/\.ya?ml$/, '').replace(/\//g, '__'), rgd, instance: inst });
}

/** Examples whose instance is a template with placeholders or otherwise not admissible as written. */
const NOT_RENDERABLE = new Set(['aws__rds-postgres__instance-template', 'aws__data-processor__instance-template', 'aws__elasticache-serverless__instance-template', 'aws__webstack__instance-tmpl', 'aws__dogsvscats-appstack__instance-template']);

describe('render: kro examples with instances', () => {
  it('pairs every Kubernetes example instance with its RGD', () => {
    expect(pairs.filter((p) => p.name.startsWith('kubernetes__')).map((p) => p.name).sort()).toEqual([
      'kubernetes__additionalPrinterColumns__instance',
      'kubernetes__cel-functions__instance',
      'kubernetes__core-dns__coredns-instance',
      'kubernetes__defaults__instance',
      'kubernetes__dogsvscats__result-app__instance',
      'kubernetes__dogsvscats__vote-app__instance',
      'kubernetes__dogsvscats__worker-app__instance',
      'kubernetes__job-example__instance',
      'kubernetes__saas-multi-tenant__tenant-instance',
      'kubernetes__webapp__instance',
    ]);
  });
  for (const p of pairs) {
    it(p.name, () => {
      const result = renderInstance(p.rgd.text, registry, p.instance.text);
      if (p.name.startsWith('kubernetes__') && !NOT_RENDERABLE.has(p.name)) {
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.resources.length).toBe(validateSource(p.rgd.text, { registry }).rgds[0]!.topologicalOrder.length);
      }
      const got = JSON.parse(JSON.stringify(fixtureView(result, p.rgd.text, p.instance.text))) as unknown;
      const expectedPath = new URL(`./fixtures/render/corpus/${p.name}.expected.json`, import.meta.url).pathname;
      if (process.env.UPDATE_FIXTURES === '1' || !existsSync(expectedPath)) writeFileSync(expectedPath, JSON.stringify(got, null, 2) + '\n');
      expect(got).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
