import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runServerExpectingExit, spawnServer } from './testing/spawnServer.js';

describe('main: start-up rules and shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kro-designer-main-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to run without login on a non-loopback address, and says why', async () => {
    const { code, output } = await runServerExpectingExit({ DATA_DIR: dataDir, HOST: '0.0.0.0', AUTH: 'none' });
    expect(code).toBe(2);
    expect(output).toContain('refusing to start: HOST=0.0.0.0 lets other machines reach the server');
    expect(output).toContain('AUTH=local');
  });

  it('refuses AUTH=local with no user to sign in as', async () => {
    const { code, output } = await runServerExpectingExit({ DATA_DIR: dataDir, HOST: '0.0.0.0' });
    expect(code).toBe(2);
    expect(output).toContain('there are no users yet');
  });

  it('starts with accounts once an administrator is configured, logs request ids, and stops gracefully on SIGTERM', async () => {
    const server = await spawnServer({ DATA_DIR: dataDir, HOST: '127.0.0.1', AUTH: 'local', ADMIN_USERNAME: 'boss', ADMIN_PASSWORD: 'a very long password' });
    try {
      expect(server.output()).toContain('created the first administrator boss');
      const me = await fetch(`${server.url}/api/auth/me`);
      expect(me.status).toBe(401);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'boss', password: 'a very long password' }),
      });
      expect(login.status).toBe(200);
      expect(login.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
    expect(server.output()).toMatch(/"req":\{"id":"[0-9a-f-]{36}","method":"POST","url":"\/api\/auth\/login"\}/);
    expect(server.output()).not.toContain('a very long password');
  });
});
