/**
 * `npm run cluster [-- options]`: builds the control plane if needed and runs it in the
 * foreground until Ctrl-C.
 *
 *   --build-only   build (or find in the cache) and print the build as JSON, then exit
 *   --no-kro       start etcd and kube-apiserver only
 *   -v             copy component logs to the terminal
 *   any other argument is passed to the harness (see `kro-cluster -h`)
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { buildCluster } from './buildCluster.js';
import { clusterPaths } from './clusterPaths.js';

async function main(argv: readonly string[]): Promise<number> {
  const paths = clusterPaths();
  const buildOnly = argv.includes('--build-only');
  const rest = argv.filter((a) => a !== '--build-only' && a !== '--no-kro');
  const t0 = performance.now();
  const build = await buildCluster({ paths, onGoOutput: (l) => process.stderr.write(`  ${l}\n`) });
  process.stderr.write(
    `kro-cluster build: ${build.built ? 'built' : 'cached'} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${build.binDir}\n`,
  );
  if (buildOnly) {
    process.stdout.write(JSON.stringify(build, null, 2) + '\n');
    return 0;
  }
  const args = [
    `-bin-dir=${build.binDir}`,
    `-crd-dir=${build.crdDir}`,
    `-kubeconfig=${join(paths.stateDir, 'kubeconfig')}`,
    `-log-dir=${join(paths.stateDir, 'logs')}`,
    ...(argv.includes('--no-kro') ? ['-kro=false'] : []),
    ...rest,
  ];
  // Same process group as this one: Ctrl-C reaches the harness, which stops its children in
  // order (they run in their own groups). This process only waits for it. The harness also stops
  // when this process dies (its stdin pipe closes) or is orphaned (npm killed without passing the
  // signal on; the root script runs node directly so no relay process sits in between).
  const child = spawn(build.harness, [...args, '-exit-on-stdin-eof'], { cwd: paths.repoRoot, stdio: ['pipe', 'inherit', 'inherit'] });
  let stopSent = false;
  const stopHarness = (): void => {
    if (!stopSent) child.kill('SIGTERM');
    stopSent = true;
  };
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid !== parent) stopHarness();
  }, 1000);
  child.on('exit', () => clearInterval(orphanWatch));
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', stopHarness);
  return new Promise((resolveExit, reject) => {
    child.on('error', (err) => reject(new Error(`cannot run ${build.harness}`, { cause: err })));
    child.on('exit', (code, signal) => resolveExit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`kro-cluster: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
