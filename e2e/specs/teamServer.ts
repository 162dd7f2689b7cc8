import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** The first administrator of a team-mode server. */
export const ADMIN = { username: 'admin', password: 'correct horse battery staple' };

export interface TeamServer {
  readonly baseURL: string;
  stop(): Promise<void>;
}

/**
 * Starts a second kro-designer server in team mode (AUTH=local, a first administrator, its own empty data directory)
 * on a free port, the way `npm start` runs; the default journeys keep their single-user server.
 */
export async function startTeamServer(name: string): Promise<TeamServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `kro-e2e-${name}-`));
  const server: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      AUTH: 'local',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'info',
      ...(process.env.E2E_WEB_DIR ? { WEB_DIR: process.env.E2E_WEB_DIR } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // The server logs its address as JSON once it listens (PORT=0 picks a free port).
  const baseURL = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the AUTH=local server did not start:\n${out}`)), 90_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /"port":(\d+),"host":"([^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://${m[2]}:${m[1]}`);
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => reject(new Error(`the AUTH=local server exited (${code}):\n${out}`)));
  });
  return {
    baseURL,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
