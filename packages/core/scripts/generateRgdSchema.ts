/**
 * Regenerates src/rgd/rgdCrdSchema.json: the openAPIV3Schema of kro v0.9.3's ResourceGraphDefinition CRD, which the
 * core uses to check an RGD's own shape offline (unknown fields, types, patterns) the way the API server would.
 *
 * Usage: npx tsx packages/core/scripts/generateRgdSchema.ts [path/to/kro.run_resourcegraphdefinitions.yaml]
 * Default input: the corpus copy of kro's CRD in ../shared/corpus/kro-crds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const input = process.argv[2] ?? join(here, '../../../../shared/corpus/kro-crds/kro.run_resourcegraphdefinitions.yaml');
const crd = parse(readFileSync(input, 'utf8')) as {
  spec: { versions: { name: string; schema: { openAPIV3Schema: unknown } }[] };
};
const version = crd.spec.versions.find((v) => v.name === 'v1alpha1');
if (!version) throw new Error(`${input}: no v1alpha1 version`);
const out = join(here, '../src/rgd/rgdCrdSchema.json');
writeFileSync(out, JSON.stringify(version.schema.openAPIV3Schema) + '\n');
console.log(`wrote ${out}`);
