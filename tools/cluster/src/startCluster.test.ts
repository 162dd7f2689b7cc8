// Process hygiene of the harness: a second, kro-less control plane beside the smoke test's one.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';
import { startCluster, type Cluster } from './startCluster.js';

/** Linux process state from /proc, or undefined if the process is gone. */
async function procStat(pid: number): Promise<{ state: string; ppid: number } | undefined> {
  try {
    const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so split after the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '?', ppid: Number(ppid) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Running means present and not a zombie (a container's pid 1 may never reap orphans). */
async function running(pid: number): Promise<boolean> {
  const s = await procStat(pid);
  return s !== undefined && s.state !== 'Z';
}

async function childrenOf(pid: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d)).map(Number);
  const out: number[] = [];
  for (const p of pids) if ((await procStat(p))?.ppid === pid) out.push(p);
  return out;
}

describe('startCluster process hygiene', () => {
  let dir: string;
  let cluster: Cluster | undefined;

  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function start(): Promise<Cluster> {
    dir = await mkdtemp(join(tmpdir(), 'kro-cluster-test-'));
    cluster = await startCluster({
      kro: false,
      kubeconfigPath: join(dir, 'kubeconfig'),
      logDir: join(dir, 'logs'),
      // Inside the test's directory, so the run directory a SIGKILLed harness leaves is removed too.
      runRoot: join(dir, 'runs'),
      onOutput: () => undefined,
    });
    const info = await cluster.waitForReady();
    expect(info.crds).toEqual(['graphrevisions.internal.kro.run', 'resourcegraphdefinitions.kro.run']);
    return cluster;
  }

  it('stop() ends etcd and kube-apiserver and the harness exits 0', async () => {
    const c = await start();
    const children = await childrenOf(c.pid);
    expect(children).toHaveLength(2);
    await c.stop();
    expect(await c.exited).toEqual({ code: 0, signal: null });
    for (const pid of children) expect(await running(pid)).toBe(false);
  });

  it('restartApiServer() replaces kube-apiserver on the same address, keeps the harness up, and stop() still ends all', async () => {
    const c = await start();
    const before = await childrenOf(c.pid);
    await c.restartApiServer();
    const after = await childrenOf(c.pid);
    expect(after).toHaveLength(2);
    // etcd is the same process; kube-apiserver is a new one.
    expect(after.filter((p) => before.includes(p))).toHaveLength(1);
    for (const pid of before.filter((p) => !after.includes(p))) expect(await running(pid)).toBe(false);
    await c.stop();
    expect(await c.exited).toEqual({ code: 0, signal: null });
    for (const pid of after) expect(await running(pid)).toBe(false);
  });

  it('a SIGKILLed harness takes its children with it', async () => {
    const c = await start();
    const children = await childrenOf(c.pid);
    expect(children).toHaveLength(2);
    process.kill(c.pid, 'SIGKILL');
    expect(await c.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await eventually(async () => ((await Promise.all(children.map(running))).some(Boolean) ? undefined : true), {
      timeoutMs: 10_000,
      description: 'the children to die with the harness',
    });
  });
});
