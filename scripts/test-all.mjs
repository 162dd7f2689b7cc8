#!/usr/bin/env node
// Runs every check and test suite, then prints one plain summary line `N passed, N failed` that CI reads.
// Vitest and Playwright summaries are not read by CI, so their JSON reports are summed here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

// Static checks count as one test each: a type error or a boundary violation fails the build like a test would.
for (const [name, cmd, args] of [
  ['typecheck', 'npx', ['tsc', '-b']],
  ['typecheck scripts', 'npx', ['tsc', '-p', 'packages/core/scripts']],
  ['typecheck bench', 'npx', ['tsc', '-p', 'bench']],
  // The web app and the e2e suite are type-checked without emitting (a Vite app is not a tsc -b project).
  ['typecheck web', 'npx', ['tsc', '-p', 'apps/web']],
  ['typecheck e2e', 'npx', ['tsc', '-p', 'e2e']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
]) {
  if (run(name, cmd, args)) passed++;
  else {
    failed++;
    console.log(`FAILED: ${name}`);
  }
}

// docker-compose.yml is checked offline when docker-compose is installed (.ci/run installs it); there is no engine.
const compose = spawnSync('docker-compose', ['version', '--short'], { cwd: root });
if (compose.status === 0) {
  if (run('compose-config', 'docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'])) passed++;
  else {
    failed++;
    console.log('FAILED: docker-compose config');
  }
} else console.log('\n=== compose-config: skipped, docker-compose is not installed (CI installs it)');

const vitestJson = join(reports, 'vitest.json');
const vitestOk = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  // A suite that fails to load (syntax error, setup failure) has no failed tests but must still fail the run.
  const brokenSuites = (r.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).every((a) => a.status !== 'failed'));
  failed += brokenSuites.length;
  for (const s of brokenSuites) console.log(`FAILED suite: ${s.name}: ${(s.message ?? '').split('\n')[0]}`);
} else if (!vitestOk) {
  failed++;
  console.log('FAILED: vitest produced no report');
}
if (!vitestOk && failed === 0) failed++;

// Browser journeys: build the web app, then Playwright (Debian's chromium, vite preview) with its JSON reporter.
const playwrightJson = join(reports, 'playwright.json');
if (run('build web', 'npm', ['run', 'build', '-w', '@kro-designer/web'])) {
  passed++;
  const e2eOk = run('playwright', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
  if (existsSync(playwrightJson)) {
    const stats = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats ?? {};
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
    // A run that fails outside tests (web server, config, global errors) has no unexpected test but must fail.
    if (!e2eOk && (stats.unexpected ?? 0) === 0) {
      failed++;
      console.log('FAILED: playwright exited with an error outside the tests');
    }
  } else {
    failed++;
    console.log('FAILED: playwright produced no report');
  }
} else {
  failed++;
  console.log('FAILED: build web (playwright not run)');
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
