import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateCrd, type CrdSchemaFields } from '../src/crd/index.js';
import type { OpenApiSchema } from '../src/schemas/OpenApiSchema.js';
import { buildSpecSchema } from '../src/simpleschema/index.js';
import { getValue, parseYamlSource, toPlain, type LocatedNode } from '../src/source/index.js';
import { CORPUS_DIR } from './corpusPath.js';

/**
 * Our generated CRD against the one kro v0.9.3 itself synthesizes, for every Kubernetes-only RGD of kro's examples
 * (`fixtures/crd/*.crd.yaml`, recorded by `scripts/generateExpectedCrds.ts`; `graph/*` holds no RGD).
 *
 * Inputs: `spec` comes from our own SimpleSchema stage (`buildSpecSchema`) on the example, never from kro's output.
 * `status` needs typed CEL inference (a later stage), so kro's inferred status fields are fed in as the status
 * schema, minus the `state`/`conditions` kro injects: what is checked for status is the injection (schemas, and
 * their place among the inferred fields), not the inference.
 *
 * Compared field by field and in key order, after removing what is not the CRD kro builds:
 * - kro's output has no `apiVersion`/`kind` (the Go object's TypeMeta is empty; client-go fills it on create) — we
 *   emit them, so they are checked to be the CRD type and dropped;
 * - kro's output ends with the CRD's zero-value `status` (`acceptedNames: {plural: "", kind: ""}`,
 *   `conditions`/`storedVersions: null`), an artifact of Go's non-pointer struct — dropped;
 * - the CLI replaces all annotations with `kro.run/cli-version: dev` — checked to be exactly that and dropped (no
 *   example sets `schema.metadata.annotations`);
 * - kro's controller labels are not on builder output, so we generate with `controllerLabels: false`.
 * The recorded fixtures were made with `spec.schema.group` defaulted to `kro.run`, as the API server would.
 */
const fixtureDir = join(import.meta.dirname, 'fixtures', 'crd');
const examples = join(CORPUS_DIR, 'kro-examples');
const fixtures = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.crd.yaml'))
  .sort();

type Json = Record<string, unknown>;

function sourceOf(fixtureText: string): string {
  const m = /^# kro v0\.9\.3 graph builder output for kro-examples\/(\S+)$/m.exec(fixtureText);
  if (!m?.[1]) throw new Error('fixture header does not name its example');
  return m[1];
}

function rgdSchemaNode(file: string): LocatedNode | undefined {
  const docs = parseYamlSource(readFileSync(join(examples, file), 'utf8')).value.documents;
  const rgd = docs.find((d) => {
    const kind = getValue(d.root, 'kind');
    return kind?.kind === 'scalar' && kind.value === 'ResourceGraphDefinition';
  });
  return getValue(getValue(rgd?.root, 'spec'), 'schema');
}

function schemaFields(schema: LocatedNode | undefined): CrdSchemaFields {
  const plain = (schema ? toPlain(schema) : {}) as Json;
  return plain as unknown as CrdSchemaFields;
}

/** kro's inferred status minus the two fields kro adds itself. */
function inferredStatus(kro: Json): OpenApiSchema {
  const version = ((kro.spec as Json).versions as Json[])[0] as Json;
  const status = (((version.schema as Json).openAPIV3Schema as Json).properties as Json).status as OpenApiSchema;
  const properties = { ...status.properties };
  delete properties.state;
  delete properties.conditions;
  return { ...status, properties };
}

describe('generated CRDs match kro v0.9.3 on the Kubernetes examples', () => {
  it('has a recorded CRD for every Kubernetes-only example RGD', () => {
    expect(fixtures).toHaveLength(12);
  });

  for (const fixture of fixtures) {
    const text = readFileSync(join(fixtureDir, fixture), 'utf8');
    const source = sourceOf(text);

    it(source, () => {
      const kro = parse(text) as Json;
      const schema = rgdSchemaNode(source);
      const built = buildSpecSchema(getValue(schema, 'spec'), getValue(schema, 'types'), { path: 'spec.schema' });
      expect(built.diagnostics).toEqual([]);

      const ours = generateCrd(schemaFields(schema), built.value.spec, inferredStatus(kro), { controllerLabels: false }) as unknown as Json;

      expect(ours.apiVersion).toBe('apiextensions.k8s.io/v1');
      expect(ours.kind).toBe('CustomResourceDefinition');
      const { apiVersion: _apiVersion, kind: _kind, ...oursComparable } = ours;

      const { status: _status, ...kroComparable } = kro;
      const kroMetadata = { ...(kroComparable.metadata as Json) };
      expect(kroMetadata.annotations).toEqual({ 'kro.run/cli-version': 'dev' });
      delete kroMetadata.annotations;
      kroComparable.metadata = kroMetadata;

      expect(oursComparable).toEqual(kroComparable);
      // Same keys in the same order everywhere: YAML output reads like kro's.
      expect(JSON.stringify(oursComparable)).toBe(JSON.stringify(kroComparable));
    });
  }
});
