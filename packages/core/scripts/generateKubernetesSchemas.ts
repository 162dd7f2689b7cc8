/**
 * Regenerates `src/schemas/kubernetes-1.35.json` from the OpenAPI v3 documents Kubernetes publishes in its Go
 * module (`k8s.io/kubernetes@v1.35.N`, directory `api/openapi-spec/v3`).
 *
 *   npm run generate:schemas -w @kro-designer/core                 # version: see resolveVersion()
 *   npm run generate:schemas -w @kro-designer/core -- --version v1.35.4
 *   npm run generate:schemas -w @kro-designer/core -- --spec-dir <dir>/api/openapi-spec/v3 --version v1.35.4
 *   npm run generate:schemas -w @kro-designer/core -- --check      # exit 1 if the committed file is stale
 *
 * Needs a Go toolchain (only `go list` / `go mod download`, nothing is compiled) unless `--spec-dir` is given.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildKubernetesBundle, serialiseBundle, type OpenApiDocument } from './buildKubernetesBundle.js';

/** The minor release kro v0.9.3 is built against. */
const MINOR = 'v1.35';
const MODULE = 'k8s.io/kubernetes';
const SPEC_DIR = 'api/openapi-spec/v3';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const repoRoot = join(packageDir, '..', '..');
const outFile = join(packageDir, 'src', 'schemas', 'kubernetes-1.35.json');

interface Args {
  version?: string;
  specDir?: string;
  check: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--version') args.version = argv[++i];
    else if (a === '--spec-dir') args.specDir = argv[++i];
    else if (a === '--check') args.check = true;
    else throw new Error(`unknown argument ${a}; expected --version vX.Y.Z, --spec-dir <dir> or --check`);
  }
  if (args.version !== undefined && !new RegExp(`^${MINOR.replace('.', '\\.')}\\.\\d+$`).test(args.version)) {
    throw new Error(`--version must be a ${MINOR}.N release, got ${args.version}`);
  }
  return args;
}

/** A throwaway module so `go` commands work from anywhere without touching the repository's Go modules. */
function withScratchModule<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'kro-designer-k8s-'));
  try {
    writeFileSync(join(dir, 'go.mod'), 'module scratch\n\ngo 1.24\n');
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function go(dir: string, args: readonly string[]): string {
  return execFileSync('go', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Version precedence: `--version`; else the k8s.io/kubernetes version pinned by a go.mod under tools/cluster (so
 * the bundle matches the local control plane the tests run); else the newest 1.35 patch on the module proxy.
 */
function resolveVersion(explicit: string | undefined): string {
  if (explicit) return explicit;
  for (const goMod of findGoMods(join(repoRoot, 'tools', 'cluster'), 3)) {
    const pinned = /^\s*(?:require\s+)?k8s\.io\/kubernetes\s+(v\S+)/m.exec(readFileSync(goMod, 'utf8'))?.[1];
    if (!pinned) continue;
    if (!pinned.startsWith(`${MINOR}.`)) throw new Error(`${goMod} pins ${MODULE} ${pinned}, not a ${MINOR} release`);
    console.log(`using ${MODULE} ${pinned} pinned by ${relative(repoRoot, goMod)}`);
    return pinned;
  }
  const versions = withScratchModule((dir) => go(dir, ['list', '-m', '-versions', MODULE])).trim().split(/\s+/).slice(1);
  const patches = versions
    .filter((v) => new RegExp(`^${MINOR.replace('.', '\\.')}\\.\\d+$`).test(v))
    .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]));
  const latest = patches.at(-1);
  if (!latest) throw new Error(`no ${MINOR}.N release of ${MODULE} found on the module proxy`);
  console.log(`using ${MODULE} ${latest}, the newest ${MINOR} patch on the module proxy`);
  return latest;
}

function findGoMods(dir: string, depth: number): string[] {
  if (depth < 0 || !existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isFile() && entry.name === 'go.mod') out.push(join(dir, entry.name));
    else if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...findGoMods(join(dir, entry.name), depth - 1));
  }
  return out;
}

function downloadSpecDir(version: string): string {
  const info = JSON.parse(withScratchModule((dir) => go(dir, ['mod', 'download', '-json', `${MODULE}@${version}`]))) as { Dir?: string; Error?: string };
  if (info.Error || !info.Dir) throw new Error(`go mod download ${MODULE}@${version} failed: ${info.Error ?? 'no Dir'}`);
  const specDir = join(info.Dir, SPEC_DIR);
  if (!existsSync(specDir)) throw new Error(`${MODULE}@${version} has no ${SPEC_DIR} directory (looked in ${info.Dir})`);
  return specDir;
}

function readDocuments(specDir: string): OpenApiDocument[] {
  const files = readdirSync(specDir).filter((f) => f.endsWith('_openapi.json')).sort();
  if (files.length === 0) throw new Error(`no *_openapi.json files in ${specDir}`);
  return files.map((f) => JSON.parse(readFileSync(join(specDir, f), 'utf8')) as OpenApiDocument);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const version = resolveVersion(args.version);
  const specDir = args.specDir ?? downloadSpecDir(version);
  const bundle = buildKubernetesBundle(readDocuments(specDir), version, `${MODULE}@${version}/${SPEC_DIR}`);
  const text = serialiseBundle(bundle);
  const summary = `${bundle.kinds.length} kinds, ${Object.keys(bundle.schemas).length} schemas, ${Buffer.byteLength(text)} bytes`;
  if (args.check) {
    const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
    if (current !== text) {
      console.error(`${outFile} is out of date with ${version} (${summary}); run npm run generate:schemas -w @kro-designer/core`);
      process.exit(1);
    }
    console.log(`${outFile} is up to date (${summary})`);
    return;
  }
  writeFileSync(outFile, text);
  console.log(`wrote ${outFile}: ${summary}`);
}

main();
