import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// The cluster tool's go runner and cache key: same environment (GOTOOLCHAIN=local, CGO_ENABLED=0) and same
// -trimpath flag, so kro's packages compiled for the cluster's kro-controller are GOCACHE hits here.
import { computeBuildKey, type BuildRecipe } from '../../cluster/src/computeBuildKey.js';
import { runGo } from '../../cluster/src/runGo.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KRO_MODULE = 'github.com/kubernetes-sigs/kro';

/** Where the oracle's sources and inputs are. */
export const ORACLE_PATHS = {
  packageRoot,
  goRoot: join(packageRoot, 'go'),
  repoRoot: resolve(packageRoot, '..', '..'),
  /** The Kubernetes schemas the TypeScript core bundles: the oracle serves exactly these to kro. */
  kubernetesSchemas: resolve(packageRoot, '..', '..', 'packages', 'core', 'src', 'schemas', 'kubernetes-1.35.json'),
};

/** A usable oracle build. */
export interface OracleBuild {
  readonly binary: string;
  /** kro's ResourceGraphDefinition CRD from the kro module in the Go module cache (the API server's checks). */
  readonly rgdCrd: string;
  readonly kubernetesSchemas: string;
  readonly kroVersion: string;
  readonly goVersion: string;
  readonly key: string;
  /** True if this call compiled the binary. */
  readonly built: boolean;
  /** Seconds `go build` took when this call compiled it. */
  readonly buildSeconds?: number;
}

export interface BuildOracleOptions {
  /** Default: `$KRO_DESIGNER_ORACLE_CACHE`, else `$XDG_CACHE_HOME/kro-designer/kro-oracle`, else `~/.cache/...`. */
  readonly cacheDir?: string;
  readonly log?: (message: string) => void;
  readonly onGoOutput?: (line: string) => void;
}

export function oracleCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return env['KRO_DESIGNER_ORACLE_CACHE'] || join(xdg, 'kro-designer', 'kro-oracle');
}

const BUILD_FLAGS = ['-mod=readonly', '-trimpath', '-ldflags=-s -w'];

/**
 * Returns the `kro-oracle` binary for the current sources, compiling it into the cache first when no build for
 * this recipe (Go version and platform, go.mod, go.sum, every .go file, flags) exists. A cold build downloads
 * kro's module graph through the Go module proxy; see CONTEXT.md for figures. Safe to call concurrently.
 */
export async function buildOracle(options: BuildOracleOptions = {}): Promise<OracleBuild> {
  const log = options.log ?? ((m: string) => process.stderr.write(`kro-oracle build: ${m}\n`));
  const goOpts = { cwd: ORACLE_PATHS.goRoot, ...(options.onGoOutput ? { onStderrLine: options.onGoOutput } : {}) };
  const env = JSON.parse(await runGo(['env', '-json', 'GOVERSION', 'GOOS', 'GOARCH'], goOpts)) as Record<string, string>;
  const [goVersion, goos, goarch] = [env['GOVERSION'], env['GOOS'], env['GOARCH']];
  if (!goVersion || !goos || !goarch) throw new Error(`unexpected "go env" output: ${JSON.stringify(env)}`);

  const sources = ['go.mod', 'go.sum', ...(await readdir(ORACLE_PATHS.goRoot)).filter((f) => f.endsWith('.go')).sort()];
  const recipe: BuildRecipe = {
    goVersion,
    goos,
    goarch,
    files: await Promise.all(sources.map(async (path) => ({ path, content: await readFile(join(ORACLE_PATHS.goRoot, path), 'utf8') }))),
    flags: ['CGO_ENABLED=0', ...BUILD_FLAGS],
  };
  const key = computeBuildKey(recipe);
  const cacheDir = options.cacheDir ?? oracleCacheDir();
  const dir = join(cacheDir, `oracle-${key}`);
  const binary = join(dir, 'kro-oracle');
  const goMod = recipe.files.find((f) => f.path === 'go.mod')?.content ?? '';
  const kroVersion = /^\s*(?:require\s+)?github\.com\/kubernetes-sigs\/kro\s+(v\S+)/m.exec(goMod)?.[1] ?? 'unknown';

  let built = false;
  let buildSeconds: number | undefined;
  if (!existsSync(join(dir, 'build.json'))) {
    built = true;
    log(`no cached build ${key}; compiling kro-oracle against kro ${kroVersion} with ${goVersion} (cold: about a minute, see tools/kro-oracle/CONTEXT.md)`);
    const tmp = `${dir}.partial-${String(process.pid)}-${Date.now().toString(36)}`;
    await mkdir(tmp, { recursive: true });
    try {
      const t0 = performance.now();
      await runGo(['build', ...BUILD_FLAGS, '-o', join(tmp, 'kro-oracle'), '.'], goOpts);
      buildSeconds = Math.round((performance.now() - t0) / 100) / 10;
      const bytes = (await stat(join(tmp, 'kro-oracle'))).size;
      await writeFile(join(tmp, 'build.json'), JSON.stringify({ key, goVersion, kroVersion, seconds: buildSeconds, bytes }, null, 2) + '\n');
      try {
        await rename(tmp, dir);
      } catch (err) {
        if (!existsSync(join(dir, 'build.json'))) throw new Error(`cannot move the build into ${dir}`, { cause: err });
      }
      log(`built kro-oracle in ${String(buildSeconds)} s`);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  // kro's own RGD CRD, read from the module cache (never copied); a no-op download when present.
  const info = JSON.parse(await runGo(['mod', 'download', '-json', KRO_MODULE], goOpts)) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${KRO_MODULE}: ${info.Error ?? 'no Dir in output'}`);
  const rgdCrd = join(info.Dir, 'helm', 'crds', 'kro.run_resourcegraphdefinitions.yaml');
  if (!existsSync(rgdCrd)) throw new Error(`kro module has no RGD CRD at ${rgdCrd}`);

  return {
    binary,
    rgdCrd,
    kubernetesSchemas: ORACLE_PATHS.kubernetesSchemas,
    kroVersion,
    goVersion,
    key,
    built,
    ...(buildSeconds !== undefined ? { buildSeconds } : {}),
  };
}
