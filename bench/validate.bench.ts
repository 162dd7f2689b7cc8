/**
 * Validation benchmark: median milliseconds per RGD for every RGD file of kro's examples corpus and for a
 * generated 300-resource RGD, then how long each kind of hostile input takes to end in a diagnostic (budget 1 s).
 *
 * Run: npm run bench (or npx tsx bench/validate.bench.ts). Set CORPUS=<dir> to point at another examples folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createSchemaRegistry, queryAt, validateSource } from '@kro-designer/core';
import { generateLargeRgd } from './generateLargeRgd.js';
import { measure, median } from './measureMedian.js';

const root = new URL('..', import.meta.url).pathname;
const corpus = process.env.CORPUS ?? join(root, '../shared/corpus/kro-examples');
const registry = createSchemaRegistry({}).value;


function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

console.log('# validate: median ms per RGD\n');
const rows: [string, number, number, number][] = [];
try {
  for (const file of yamlFiles(corpus).sort()) {
    const text = readFileSync(file, 'utf8');
    const first = validateSource(text, { registry });
    if (first.rgds.length === 0) continue;
    const ms = measure(() => validateSource(text, { registry }), 100) / first.rgds.length;
    rows.push([relative(corpus, file), ms, first.rgds[0]!.model.resources.length, first.diagnostics.filter((d) => d.severity === 'error').length]);
  }
} catch (err) {
  console.log(`corpus not readable at ${corpus}: ${(err as Error).message}`);
}
for (const [name, ms, resources, errors] of rows) {
  console.log(`${name.padEnd(64)} ${ms.toFixed(3).padStart(8)} ms  (${resources} resources, ${errors} errors)`);
}
if (rows.length > 0) console.log(`\ncorpus: ${rows.length} RGD files, median of medians ${median(rows.map((r) => r[1])).toFixed(3)} ms`);

const large = generateLargeRgd(300, 2000);
const largeResult = validateSource(large, { registry });
const largeMs = measure(() => validateSource(large, { registry }), 1000);
const expressions = (large.match(/\$\{/g) ?? []).length;
console.log(`generated RGD: 300 resources, ${expressions} expressions, ${(large.length / 1024).toFixed(0)} KiB: median ${largeMs.toFixed(2)} ms (${largeResult.diagnostics.length} diagnostics)`);
const webappRow = rows.find((r) => r[0] === 'kubernetes/webapp/rg.yaml');
console.log(`targets: 300-resource RGD ${largeMs.toFixed(1)} ms / 100 ms = ${(largeMs / 100).toFixed(2)}x budget; webapp ${webappRow ? webappRow[1].toFixed(2) : 'n/a'} ms / 5 ms = ${webappRow ? (webappRow[1] / 5).toFixed(2) : 'n/a'}x budget`);

console.log('\n# editor keystroke: validate + completions at the cursor\n');
const webapp = readFileSync(join(root, 'examples/webapp.yaml'), 'utf8');
const cursor = webapp.indexOf('${schema.spec.replicas}') + '${schema.spec.'.length;
const keystroke = measure(() => queryAt(validateSource(webapp, { registry }).rgds[0]!, cursor, registry), 300);
console.log(`examples/webapp.yaml: median ${keystroke.toFixed(2)} ms per keystroke`);
const largeCursor = large.indexOf('${schema.spec.name}') + '${schema.spec.'.length;
const largeKeystroke = measure(() => queryAt(validateSource(large, { registry }).rgds[0]!, largeCursor, registry), 1000);
console.log(`generated 300-resource RGD: median ${largeKeystroke.toFixed(2)} ms per keystroke`);

console.log('\n# hostile input: time to a diagnostic (budget 1000 ms)\n');
const bytes = new Uint8Array(1 << 20);
let s = 7;
for (let i = 0; i < bytes.length; i++) bytes[i] = (s = (s * 1103515245 + 12345) % 2147483648) & 0xff;
let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
let prev = 'a';
for (const k of 'bcdefghi') {
  bomb += `${k}: &${k} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
  prev = k;
}
const hostile: [string, string][] = [
  ['1 MiB of random bytes', new TextDecoder().decode(bytes)],
  ['random bytes without NUL', new TextDecoder().decode(bytes.map((b) => b || 1))],
  ['10,000-deep flow nesting', '['.repeat(10_000) + ']'.repeat(10_000)],
  ['10,000-deep block nesting', '- '.repeat(10_000) + 'x'],
  ['YAML alias bomb (9^9 nodes)', bomb],
  ['5 MB file', large.repeat(Math.ceil((5 * 1024 * 1024) / large.length))],
  ['100,000-character marker', `apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata: {name: x}\nspec:\n  schema:\n    apiVersion: v1alpha1\n    kind: X\n    spec:\n      f: string | description="${'x'.repeat(100_000)}\n`],
];
let over = 0;
for (const [name, text] of hostile) {
  const t = performance.now();
  const r = validateSource(text, { registry });
  const ms = performance.now() - t;
  if (ms > 1000) over++;
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  const first = errors.find((d) => d.code.startsWith('input/')) ?? errors[0];
  console.log(`${name.padEnd(32)} ${ms.toFixed(1).padStart(8)} ms  ${ms <= 1000 ? 'ok ' : 'OVER'}  ${first ? `${first.code}: ${first.message.slice(0, 70)}` : '(no error)'}`);
}
console.log(`\n${hostile.length - over}/${hostile.length} hostile inputs rejected within 1 s`);
if (over > 0) process.exitCode = 1;
