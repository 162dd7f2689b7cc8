#!/usr/bin/env node
// `npm start`: starts what kro-designer has so far. Today that is the validator; the API server and the web
// designer join here as they land. It validates the bundled examples so a newcomer sees the tool work at once.
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const cli = ['node_modules/.bin/kro-designer'];

console.log('kro-designer: validating the bundled examples (examples/webapp.yaml is valid, examples/broken.yaml is not)\n');
for (const file of ['examples/webapp.yaml', 'examples/broken.yaml']) {
  console.log(`$ npx kro-designer validate ${file}`);
  const r = spawnSync(cli[0], ['validate', file], { cwd: root, stdio: 'inherit' });
  console.log(`(exit status ${r.status})\n`);
}
console.log('Try it on your own RGDs:  npx kro-designer validate <file|dir> [--crd <file|dir>] [--format json]');
console.log('Print the generated CRD:  npx kro-designer crd examples/webapp.yaml');
