import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { clusterPaths, type ClusterPaths } from './clusterPaths.js';
import { computeBuildKey, type BuildRecipe } from './computeBuildKey.js';
import { runGo } from './runGo.js';

/** Binary names, as the Go harness expects them in its `-bin-dir`. */
export const BINARIES = {
  etcd: 'etcd',
  kubeApiserver: 'kube-apiserver',
  kroController: 'kro-controller',
  harness: 'kro-cluster',
} as const;

/** The pinned versions, read from the wrapper modules' go.mod files (the single source of truth). */
export interface ClusterVersions {
  readonly go: string;
  readonly kubernetes: string;
  readonly etcd: string;
  readonly kro: string;
}

/** A usable build: where the binaries are and which versions they are. */
export interface ClusterBuild {
  /** Holds `etcd`, `kube-apiserver` and `kro-controller`. */
  readonly binDir: string;
  /** The harness binary (`kro-cluster`). */
  readonly harness: string;
  /** kro's `helm/crds` directory inside the Go module cache. */
  readonly crdDir: string;
  readonly versions: ClusterVersions;
  /** Cache keys of the component binaries and of the harness. */
  readonly keys: { readonly components: string; readonly harness: string };
  /** True if anything was compiled by this call, false if everything came from the cache. */
  readonly built: boolean;
}

/** Options for {@link buildCluster}. */
export interface BuildClusterOptions {
  readonly paths?: ClusterPaths;
  /** Progress messages; default: stderr. */
  readonly log?: (message: string) => void;
  /** Receives the go tool's stderr lines (download and compile errors). Default: discarded. */
  readonly onGoOutput?: (line: string) => void;
}

interface Component {
  readonly module: 'k8s' | 'kro';
  readonly pkg: string;
  readonly out: string;
  readonly ldflags: string;
}

/** Recorded beside the binaries; the figures in CONTEXT.md come from these. */
interface BuildRecord {
  readonly key: string;
  readonly versions: ClusterVersions;
  readonly seconds: Readonly<Record<string, number>>;
  readonly bytes: Readonly<Record<string, number>>;
}

const KRO_MODULE = 'github.com/kubernetes-sigs/kro';

/**
 * Returns the control-plane binaries for the pinned versions, compiling them first if the cache
 * has no build for the current recipe (go.mod/go.sum, Go version, platform and flags).
 *
 * A cold build downloads modules through the Go module proxy and takes minutes; a warm call
 * only hashes the recipe and stats the cache. Safe to call from several processes at once:
 * each builds into a private directory and renames it into place.
 */
export async function buildCluster(options: BuildClusterOptions = {}): Promise<ClusterBuild> {
  const paths = options.paths ?? clusterPaths();
  const log = options.log ?? ((m: string) => process.stderr.write(`kro-cluster build: ${m}\n`));
  const goOpts = (module: string) => ({ cwd: join(paths.goRoot, module), onStderrLine: options.onGoOutput });

  const goEnv = JSON.parse(await runGo(['env', '-json', 'GOVERSION', 'GOOS', 'GOARCH'], goOpts('.'))) as Record<string, string>;
  const [goVersion, goos, goarch] = [goEnv['GOVERSION'], goEnv['GOOS'], goEnv['GOARCH']];
  if (!goVersion || !goos || !goarch) throw new Error(`unexpected "go env" output: ${JSON.stringify(goEnv)}`);

  const k8sMod = await readFile(join(paths.goRoot, 'k8s', 'go.mod'), 'utf8');
  const kroMod = await readFile(join(paths.goRoot, 'kro', 'go.mod'), 'utf8');
  const versions: ClusterVersions = {
    go: goVersion,
    kubernetes: requiredVersion(k8sMod, 'k8s.io/kubernetes'),
    etcd: requiredVersion(k8sMod, 'go.etcd.io/etcd/server/v3'),
    kro: requiredVersion(kroMod, KRO_MODULE),
  };
  const components = componentsFor(versions);

  const componentRecipe: BuildRecipe = {
    goVersion,
    goos,
    goarch,
    files: await readFiles(paths.goRoot, ['k8s/go.mod', 'k8s/go.sum', 'kro/go.mod', 'kro/go.sum']),
    flags: ['CGO_ENABLED=0', '-trimpath', ...components.map((c) => `${c.out}:${c.pkg}:${c.ldflags}`)],
  };
  const harnessRecipe: BuildRecipe = {
    goVersion,
    goos,
    goarch,
    files: await readFiles(paths.goRoot, await harnessSources(paths.goRoot)),
    flags: ['CGO_ENABLED=0', '-trimpath', '-ldflags=-s -w'],
  };
  const keys = { components: computeBuildKey(componentRecipe), harness: computeBuildKey(harnessRecipe) };
  const binDir = join(paths.cacheDir, `bin-${keys.components}`);
  const harnessDir = join(paths.cacheDir, `harness-${keys.harness}`);

  let built = false;
  if (!existsSync(join(binDir, 'build.json'))) {
    built = true;
    log(
      `no cached build ${keys.components}; compiling kube-apiserver ${versions.kubernetes}, etcd ${versions.etcd} and ` +
        `kro ${versions.kro} with ${goVersion} (a cold build takes several minutes; see tools/cluster/CONTEXT.md)`,
    );
    await buildInto(binDir, keys.components, versions, log, async (dir, seconds) => {
      for (const c of components) {
        const t0 = performance.now();
        log(`go build ${c.pkg}`);
        await runGo(['build', '-mod=readonly', '-trimpath', `-ldflags=${c.ldflags}`, '-o', join(dir, c.out), c.pkg], goOpts(c.module));
        seconds[c.out] = round((performance.now() - t0) / 1000);
        log(`built ${c.out} in ${String(seconds[c.out])} s`);
      }
    });
  }
  if (!existsSync(join(harnessDir, 'build.json'))) {
    built = true;
    await buildInto(harnessDir, keys.harness, versions, log, async (dir, seconds) => {
      const t0 = performance.now();
      await runGo(['build', '-mod=readonly', '-trimpath', '-ldflags=-s -w', '-o', join(dir, BINARIES.harness), './cmd/kro-cluster'], goOpts('.'));
      seconds[BINARIES.harness] = round((performance.now() - t0) / 1000);
    });
  }

  return {
    binDir,
    harness: join(harnessDir, BINARIES.harness),
    crdDir: await kroCrdDir(paths),
    versions,
    keys,
    built,
  };
}

function componentsFor(v: ClusterVersions): Component[] {
  const [major, minor] = v.kubernetes.replace(/^v/, '').split('.');
  // The same stamping Kubernetes' release build does, so `--version` and GET /version report the
  // real version instead of v0.0.0-master (clients gate features on it).
  const k8sStamp = ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']
    .flatMap((p) => [`-X ${p}.gitVersion=${v.kubernetes}`, `-X ${p}.gitMajor=${major ?? ''}`, `-X ${p}.gitMinor=${minor ?? ''}`])
    .join(' ');
  return [
    { module: 'k8s', pkg: 'k8s.io/kubernetes/cmd/kube-apiserver', out: BINARIES.kubeApiserver, ldflags: `-s -w ${k8sStamp}` },
    // etcd's main package is the module root, which go would name "server"; hence the explicit -o.
    { module: 'k8s', pkg: 'go.etcd.io/etcd/server/v3', out: BINARIES.etcd, ldflags: '-s -w' },
    {
      module: 'kro',
      pkg: `${KRO_MODULE}/cmd/controller`,
      out: BINARIES.kroController,
      ldflags: `-s -w -X sigs.k8s.io/release-utils/version.gitVersion=${v.kro}`,
    },
  ];
}

async function buildInto(
  finalDir: string,
  key: string,
  versions: ClusterVersions,
  log: (m: string) => void,
  compile: (dir: string, seconds: Record<string, number>) => Promise<void>,
): Promise<void> {
  const tmpDir = `${finalDir}.partial-${String(process.pid)}-${Date.now().toString(36)}`;
  await mkdir(tmpDir, { recursive: true });
  try {
    const seconds: Record<string, number> = {};
    await compile(tmpDir, seconds);
    const bytes: Record<string, number> = {};
    for (const name of await readdir(tmpDir)) bytes[name] = (await stat(join(tmpDir, name))).size;
    const record: BuildRecord = { key, versions, seconds, bytes };
    await writeFile(join(tmpDir, 'build.json'), JSON.stringify(record, null, 2) + '\n');
    try {
      await rename(tmpDir, finalDir);
    } catch (err) {
      // Another process finished the same build first; its result is identical, keep it.
      if (!existsSync(join(finalDir, 'build.json'))) throw new Error(`cannot move build into ${finalDir}`, { cause: err });
      log(`build ${key} was completed concurrently by another process; using that one`);
    }
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}

/** The `require` version of module `path` in a go.mod text. */
export function requiredVersion(goMod: string, path: string): string {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(goMod);
  if (!m?.[1]) throw new Error(`go.mod does not require ${path}`);
  return m[1];
}

async function readFiles(root: string, rel: readonly string[]): Promise<{ path: string; content: string }[]> {
  return Promise.all(rel.map(async (path) => ({ path, content: await readFile(join(root, path), 'utf8') })));
}

/** go.mod plus every .go file of the harness module, skipping nested modules (k8s/, kro/). */
async function harnessSources(root: string): Promise<string[]> {
  const out: string[] = ['go.mod'];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!existsSync(join(full, 'go.mod'))) await walk(full);
      } else if (entry.name.endsWith('.go')) {
        out.push(relative(root, full));
      }
    }
  };
  await walk(root);
  if (existsSync(join(root, 'go.sum'))) out.push('go.sum');
  return out;
}

/**
 * kro's CRDs are read from the kro module in the Go module cache, never copied into this
 * repository. `go mod download` is a no-op when the module is already there.
 */
async function kroCrdDir(paths: ClusterPaths): Promise<string> {
  const out = await runGo(['mod', 'download', '-json', KRO_MODULE], { cwd: join(paths.goRoot, 'kro') });
  const info = JSON.parse(out) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${KRO_MODULE}: ${info.Error ?? 'no Dir in output'}`);
  const dir = join(info.Dir, 'helm', 'crds');
  if (!existsSync(dir)) throw new Error(`kro module has no helm/crds directory: ${dir}`);
  return dir;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
