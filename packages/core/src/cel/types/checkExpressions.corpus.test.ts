import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CORPUS_DIR } from '../../../test/corpusPath.js';
import { collectOccurrences } from '../../graph/collectOccurrences.js';
import { toExpressionSite } from '../../graph/toExpressionSite.js';
import { parseRgd } from '../../rgd/parseRgd.js';
import { createSchemaRegistry } from '../../schemas/createSchemaRegistry.js';
import type { OpenApiSchema } from '../../schemas/OpenApiSchema.js';
import { buildSpecSchema } from '../../simpleschema/buildSpecSchema.js';
import { getValue, type LocatedMap } from '../../source/LocatedNode.js';
import { parseYamlSource } from '../../source/parseYamlSource.js';
import { checkExpressions } from './checkExpressions.js';
import { KRO_LIBRARY_LOADED } from './createBaseEnvironment.js';

/** Examples whose expressions call kro's function library (random, json, hash, base64, quantity, lists ext). */
const NEEDS_LIBRARY = new Set(['kubernetes/cel-functions/rg.yaml']);

/**
 * Every Kubernetes-only example RGD of kro type-checks clean, and the status schema we infer is the one kro v0.9.3
 * inferred for it (recorded in `test/fixtures/crd/*.crd.yaml` by `scripts/generateExpectedCrds.ts`, minus the
 * `state`/`conditions` fields CRD generation injects). Sites come from the graph stage's template walk.
 */
const fixtureDir = join(import.meta.dirname, '../../../test/fixtures/crd');
const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith('.crd.yaml')).sort();
const registry = createSchemaRegistry().value;
const objectMeta = registry.lookup('v1', 'ConfigMap')!.schema.properties!.metadata!;

type Json = Record<string, unknown>;

function kroStatus(text: string): OpenApiSchema {
  const crd = parse(text) as Json;
  const version = ((crd.spec as Json).versions as Json[])[0] as Json;
  const status = (((version.schema as Json).openAPIV3Schema as Json).properties as Json).status as OpenApiSchema;
  const properties = { ...status.properties };
  delete properties.state;
  delete properties.conditions;
  // Without user fields only the injected ones were there; we infer no `properties` at all then.
  return Object.keys(properties).length > 0 ? { ...status, properties } : { type: status.type! };
}

function rgdRoot(file: string): LocatedMap {
  const docs = parseYamlSource(readFileSync(join(CORPUS_DIR, 'kro-examples', file), 'utf8')).value.documents;
  const doc = docs.find((d) => {
    const kind = getValue(d.root, 'kind');
    return kind?.kind === 'scalar' && kind.value === 'ResourceGraphDefinition';
  });
  if (doc?.root.kind !== 'map') throw new Error(`${file} holds no RGD`);
  return doc.root;
}

function stringAt(node: Parameters<typeof getValue>[0], key: string): string | undefined {
  const v = getValue(node, key);
  return v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
}

describe('kro examples type-check clean and infer kro status schemas', () => {
  for (const fixture of fixtures) {
    const text = readFileSync(join(fixtureDir, fixture), 'utf8');
    const source = /^# kro v0\.9\.3 graph builder output for kro-examples\/(\S+)$/m.exec(text)![1]!;
    it.skipIf(NEEDS_LIBRARY.has(source) && !KRO_LIBRARY_LOADED)(source, () => {
      const model = parseRgd(rgdRoot(source)).value;
      const spec = buildSpecSchema(model.schema.spec, model.schema.types, { path: 'spec.schema' }).value.spec;
      const sites = collectOccurrences(model, registry).occurrences.map(toExpressionSite);
      const resources = model.resources.map((r) => {
        const object = r.template ?? r.externalRef;
        const apiVersion = stringAt(object, 'apiVersion');
        const kind = stringAt(object, 'kind');
        const info = apiVersion && kind ? registry.lookup(apiVersion, kind) : undefined;
        const selector = getValue(getValue(r.externalRef, 'metadata'), 'selector') !== undefined;
        return { id: r.id, ...(info ? { schema: info.schema } : {}), collection: r.forEach.length > 0 || selector };
      });
      const result = checkExpressions(
        { sites, resources, instance: { specSchema: spec, scope: model.schema.scope, objectMeta }, resolve: registry.resolve },
        { reportReferenceErrors: true },
      );
      expect(result.diagnostics.map((d) => d.message).join('\n')).toBe('');
      expect(result.value.statusSchema).toEqual(kroStatus(text));
    });
  }
});
