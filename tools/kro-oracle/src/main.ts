/**
 * Runs kro-oracle from the command line, building it first if needed, with the inputs the tests use:
 *
 *   node --import tsx tools/kro-oracle/src/main.ts verdict [-crd file]... rgd.yaml...
 *   node --import tsx tools/kro-oracle/src/main.ts eval < cases.json
 *   node --import tsx tools/kro-oracle/src/main.ts --build-only
 *
 * `verdict` gets `-schemas` (the core's kubernetes-1.35.json) and `-rgd-crd` (kro's RGD CRD from the module cache).
 */
import { spawnSync } from 'node:child_process';
import { buildOracle } from './buildOracle.js';

const args = process.argv.slice(2);
const build = await buildOracle();
if (args[0] === '--build-only') {
  console.log(JSON.stringify(build, null, 2));
  process.exit(0);
}
const extra = args[0] === 'verdict' ? ['-schemas', build.kubernetesSchemas, '-rgd-crd', build.rgdCrd] : [];
const r = spawnSync(build.binary, [...args.slice(0, 1), ...extra, ...args.slice(1)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
