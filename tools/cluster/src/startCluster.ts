import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { buildCluster, type BuildClusterOptions, type ClusterBuild } from './buildCluster.js';
import { clusterPaths } from './clusterPaths.js';
import { parseReadyLine, type ClusterInfo } from './parseReadyLine.js';

/** Options for {@link startCluster}. */
export interface StartClusterOptions {
  /** Where the admin kubeconfig is written. Default `<repo>/.cluster/kubeconfig`. */
  readonly kubeconfigPath?: string;
  /** Where component logs go (kept after stop). Default `<repo>/.cluster/logs`. */
  readonly logDir?: string;
  /** Parent of the per-run data directories (etcd data, certificates). Default `$TMPDIR/kro-designer-cluster`. */
  readonly runRoot?: string;
  /** Start the kro controller. Default true. */
  readonly kro?: boolean;
  /** Extra kro controller flags, e.g. `['--allow-crd-deletion']`. */
  readonly kroArgs?: readonly string[];
  /** Copy component logs to the harness's stderr (and so to `onOutput`). */
  readonly verbose?: boolean;
  /** The harness gives up if the control plane is not ready within this time. Default 180 000 ms. */
  readonly startTimeoutMs?: number;
  /** Receives each stderr line of the harness. Default: written to `process.stderr`. */
  readonly onOutput?: (line: string) => void;
  /** Passed to {@link buildCluster}. */
  readonly build?: BuildClusterOptions;
}

/** How the harness process ended. */
export interface ClusterExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A started harness. Call {@link Cluster.stop} when done, also after a failed {@link Cluster.waitForReady}. */
export interface Cluster {
  /** Process id of the harness (children: etcd, kube-apiserver, kro). */
  readonly pid: number;
  readonly build: ClusterBuild;
  /** Settles when the harness has exited, for whatever reason. */
  readonly exited: Promise<ClusterExit>;
  /**
   * Resolves once the control plane is ready (CRDs installed, kro's readiness probe green).
   * Rejects if the harness exits first or `timeoutMs` (default 240 000) passes.
   */
  waitForReady(timeoutMs?: number): Promise<ClusterInfo>;
  /**
   * Stops the harness with SIGTERM (it stops kro, kube-apiserver and etcd in that order and
   * deletes its data) and resolves when it has exited. After `timeoutMs` (default 60 000) it
   * SIGKILLs the harness; the kernel then kills the children (they carry PDEATHSIG).
   */
  stop(timeoutMs?: number): Promise<void>;
  /**
   * Restarts kube-apiserver in place (same port, certificates and etcd, so objects and resourceVersions survive) and
   * resolves once it is ready again. Clients' connections and watches end meanwhile. For fault tests.
   */
  restartApiServer(timeoutMs?: number): Promise<void>;
}

/**
 * Builds the binaries if the cache lacks them, then spawns the harness. Resolves as soon as the
 * harness runs; use {@link Cluster.waitForReady} to wait for the control plane.
 *
 * Orphan safety: the harness is told to stop when its stdin closes, so it shuts down even if
 * this process is SIGKILLed; and if this process exits normally without calling `stop`, an
 * exit hook sends SIGTERM.
 *
 * @example
 * const cluster = await startCluster();
 * const { kubeconfigPath } = await cluster.waitForReady();
 * // ... new KubeConfig().loadFromFile(kubeconfigPath) ...
 * await cluster.stop();
 */
export async function startCluster(options: StartClusterOptions = {}): Promise<Cluster> {
  const paths = options.build?.paths ?? clusterPaths();
  const build = await buildCluster(options.build);
  const args = [
    `-bin-dir=${build.binDir}`,
    `-crd-dir=${build.crdDir}`,
    `-kubeconfig=${options.kubeconfigPath ?? join(paths.stateDir, 'kubeconfig')}`,
    `-log-dir=${options.logDir ?? join(paths.stateDir, 'logs')}`,
    ...(options.runRoot ? [`-run-root=${options.runRoot}`] : []),
    `-kro=${String(options.kro ?? true)}`,
    `-start-timeout=${String(options.startTimeoutMs ?? 180_000)}ms`,
    '-exit-on-stdin-eof',
    ...(options.verbose ? ['-v'] : []),
    ...(options.kroArgs ?? []).map((a) => `-kro-arg=${a}`),
  ];
  // detached: its own session and process group, so a terminal Ctrl-C aimed at the test runner
  // does not hit the harness before the runner's teardown asks it to stop in order.
  const child = spawn(build.harness, args, { cwd: paths.repoRoot, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  return new HarnessProcess(child, build, options.onOutput ?? ((l) => process.stderr.write(`${l}\n`)));
}

class HarnessProcess implements Cluster {
  readonly pid: number;
  readonly exited: Promise<ClusterExit>;
  private readonly ready: Promise<ClusterInfo>;
  private readonly stderrTail: string[] = [];
  private readonly lineWatchers = new Set<(line: string) => void>();
  private hasExited = false;
  private readonly onProcessExit = (): void => {
    this.child.kill('SIGTERM');
  };

  constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, Readable>,
    readonly build: ClusterBuild,
    onOutput: (line: string) => void,
  ) {
    if (child.pid === undefined) {
      // spawn reports ENOENT/EACCES asynchronously through 'error'; pid is undefined then.
      throw new Error(`could not start the cluster harness ${build.harness}`);
    }
    this.pid = child.pid;
    process.on('exit', this.onProcessExit);

    createInterface({ input: child.stderr }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > 80) this.stderrTail.shift();
      for (const w of [...this.lineWatchers]) w(line);
      onOutput(line);
    });

    this.exited = new Promise((resolveExit) => {
      child.on('exit', (code, signal) => {
        this.hasExited = true;
        process.off('exit', this.onProcessExit);
        resolveExit({ code, signal });
      });
    });

    this.ready = new Promise<ClusterInfo>((resolveReady, rejectReady) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        try {
          const info = parseReadyLine(line);
          if (info) resolveReady(info);
        } catch (err) {
          rejectReady(err instanceof Error ? err : new Error(String(err)));
        }
      });
      child.on('error', (err) => {
        rejectReady(new Error(`cluster harness ${build.harness} failed: ${err.message}`, { cause: err }));
      });
      void this.exited.then(({ code, signal }) => {
        rejectReady(
          new Error(
            `cluster harness exited (${signal ?? `exit ${String(code)}`}) before it was ready; its output:\n` +
              this.stderrTail.join('\n'),
          ),
        );
      });
    });
    // The ready promise may legitimately be ignored (e.g. stop right after start).
    this.ready.catch(() => undefined);
  }

  async waitForReady(timeoutMs = 240_000): Promise<ClusterInfo> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`cluster not ready after ${String(timeoutMs)} ms; harness output:\n${this.stderrTail.join('\n')}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  restartApiServer(timeoutMs = 120_000): Promise<void> {
    if (this.hasExited) return Promise.reject(new Error('the cluster harness has exited'));
    return new Promise<void>((resolveRestart, rejectRestart) => {
      const done = (err?: Error) => {
        clearTimeout(timer);
        this.lineWatchers.delete(watch);
        if (err) rejectRestart(err);
        else resolveRestart();
      };
      const watch = (line: string) => {
        if (line.includes('kube-apiserver restarted')) done();
        else if (line.includes('kube-apiserver restart failed')) done(new Error(line));
      };
      const timer = setTimeout(() => done(new Error(`kube-apiserver did not restart within ${String(timeoutMs)} ms`)), timeoutMs);
      this.lineWatchers.add(watch);
      // The harness handles SIGUSR1 as "restart kube-apiserver".
      this.child.kill('SIGUSR1');
    });
  }

  async stop(timeoutMs = 60_000): Promise<void> {
    if (this.hasExited) return;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolveTimeout) => {
        timer = setTimeout(() => resolveTimeout(true), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      try {
        // The harness leads its own process group (detached); kill the whole group.
        process.kill(-this.pid, 'SIGKILL');
      } catch (err) {
        // ESRCH: it exited between the timeout and the kill, which is what we wanted.
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw new Error('could not kill the cluster harness', { cause: err });
      }
      await this.exited;
    }
  }
}
