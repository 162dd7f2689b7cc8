import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface SpawnedServer {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  readonly exited: Promise<number | string>;
}

/**
 * Starts the real server (`main.ts` through tsx) as a child process with `env` and waits until it logs that it is
 * listening. Rejects with the process output when it exits first or takes longer than `timeoutMs`.
 */
export function spawnServer(env: Record<string, string>, timeoutMs = 60_000): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /"port":(\d+),"host":"([^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `http://${m[2]}:${m[1]}`, output: () => out, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${out}`));
    });
  });
}

/** Runs `main.ts` expecting it to refuse to start; resolves with its exit code and output. */
export async function runServerExpectingExit(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | string; output: string }> {
  try {
    const s = await spawnServer(env, timeoutMs);
    s.child.kill('SIGKILL');
    throw new Error(`the server started although it should have refused:\n${s.output()}`);
  } catch (err) {
    const message = (err as Error).message;
    const m = /^the server exited \(([^)]+)\) before listening:\n([\s\S]*)$/.exec(message);
    if (!m) throw err;
    return { code: /^\d+$/.test(m[1]!) ? Number(m[1]) : m[1]!, output: m[2]! };
  }
}
