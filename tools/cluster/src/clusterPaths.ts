import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the cluster tool's sources, state and caches live. */
export interface ClusterPaths {
  /** The repository root (holds `.cluster/`). */
  readonly repoRoot: string;
  /** `tools/cluster/go`: the harness module, with the wrapper modules `k8s/` and `kro/` inside. */
  readonly goRoot: string;
  /** Per-checkout state: kubeconfig and logs (`<repo>/.cluster`, gitignored). */
  readonly stateDir: string;
  /** Built binaries, one subdirectory per build key; outside git so it survives fresh clones. */
  readonly cacheDir: string;
}

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Resolves the tool's paths. The binary cache is `$KRO_DESIGNER_CLUSTER_CACHE`, else
 * `$XDG_CACHE_HOME/kro-designer/cluster`, else `~/.cache/kro-designer/cluster`.
 */
export function clusterPaths(env: NodeJS.ProcessEnv = process.env): ClusterPaths {
  const repoRoot = resolve(packageRoot, '..', '..');
  const xdg = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return {
    repoRoot,
    goRoot: join(packageRoot, 'go'),
    stateDir: join(repoRoot, '.cluster'),
    cacheDir: env['KRO_DESIGNER_CLUSTER_CACHE'] || join(xdg, 'kro-designer', 'cluster'),
  };
}
