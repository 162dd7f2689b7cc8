import { request } from 'node:http';
import type { AuditList, Design, Me, Problem } from '@kro-designer/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, sampleRgd } from '../testing/HttpClient.js';
import { startTestServer, type TestServer } from '../testing/startTestServer.js';

const ADMIN = { username: 'root', password: 'correct horse battery' };
const PASSWORD = 'a long enough password';

describe('team access (AUTH=local)', () => {
  let server: TestServer;
  let admin: HttpClient;

  beforeAll(async () => {
    server = await startTestServer({ authMode: 'local', admin: ADMIN, loginRateLimit: { maxFailuresPerUser: 3, maxFailuresPerClient: 100, windowMs: 60_000 } });
    admin = new HttpClient(server.url);
    expect((await admin.login(ADMIN.username, ADMIN.password)).status).toBe(200);
    for (const username of ['vera', 'eddie', 'dana', 'olga']) {
      expect((await admin.post('/api/users', { username, password: PASSWORD })).status).toBe(201);
    }
    expect((await admin.post('/api/workspaces', { id: 'team', name: 'Team' })).status).toBe(201);
    for (const [username, role] of [['vera', 'viewer'], ['eddie', 'editor'], ['dana', 'deployer'], ['olga', 'admin']]) {
      expect((await admin.put(`/api/workspaces/team/members/${username}`, { role })).status).toBe(200);
    }
  });
  afterAll(() => server?.close());

  async function as(username: string) {
    const c = new HttpClient(server.url);
    expect((await c.login(username, PASSWORD)).status).toBe(200);
    return c;
  }

  it('requires sign-in, with problem+json 401', async () => {
    const anon = new HttpClient(server.url);
    const res = await anon.get<Problem>('/api/designs');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.title).toBe('Sign-in required');
    expect((await anon.get('/healthz')).status).toBe(200);
    expect((await anon.get('/api/openapi.json')).status).toBe(200);
  });

  it('sets an httpOnly SameSite=Strict session cookie and returns the CSRF token', async () => {
    const c = new HttpClient(server.url);
    const res = await c.login('eddie', PASSWORD);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^kd_session=[\w-]{43}; Path=\/; SameSite=Strict; Max-Age=\d+; HttpOnly$/);
    const me = await c.get<Me>('/api/auth/me');
    expect(me.body).toMatchObject({ authMode: 'local', via: 'session', user: { username: 'eddie' } });
    expect(me.body.memberships).toEqual([
      { workspace: 'default', role: 'viewer' },
      { workspace: 'team', role: 'editor' },
    ]);
    expect(me.body.csrfToken).toBe(c.csrfToken);
  });

  it('refuses cookie writes without the CSRF token or from another origin', async () => {
    const eddie = await as('eddie');
    const token = eddie.csrfToken;
    eddie.csrfToken = undefined;
    const missing = await eddie.post<Problem>('/api/designs', { name: 'x', yaml: sampleRgd(), workspace: 'team' });
    expect(missing.status).toBe(403);
    expect(missing.body.type).toBe('urn:kro-designer:problem:csrf-failed');
    eddie.csrfToken = token;
    const foreign = await eddie.post<Problem>('/api/designs', { name: 'x', yaml: sampleRgd(), workspace: 'team' }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const form = await eddie.request<Problem>('POST', '/api/designs', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect((await eddie.post('/api/designs', { name: 'ok', yaml: sampleRgd(), workspace: 'team' })).status).toBe(201);
  });

  it('enforces roles per workspace: viewer reads, editor writes, admin manages members and reads the audit log', async () => {
    const eddie = await as('eddie');
    const vera = await as('vera');
    const olga = await as('olga');
    const created = await eddie.post<Design>('/api/designs', { name: 'team design', yaml: sampleRgd('t'), workspace: 'team' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await vera.get(`/api/designs/${id}`)).status).toBe(200);
    const denied = await vera.put<Problem>(`/api/designs/${id}`, { yaml: sampleRgd('t', 1) }, { 'if-match': created.body.etag });
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toBe('this needs the editor role in workspace team; you are viewer');
    expect((await vera.post('/api/designs', { name: 'nope', yaml: sampleRgd(), workspace: 'team' })).status).toBe(403);
    // Outside their workspaces a design does not exist for them.
    const outsider = await as('vera');
    await admin.delete('/api/workspaces/team/members/vera');
    expect((await outsider.get(`/api/designs/${id}`)).status).toBe(404);
    await admin.put('/api/workspaces/team/members/vera', { role: 'viewer' });

    expect((await eddie.put('/api/workspaces/team/members/vera', { role: 'editor' })).status).toBe(403);
    expect((await eddie.get('/api/workspaces/team/audit')).status).toBe(403);
    const audit = await olga.get<AuditList>(`/api/workspaces/team/audit?designId=${id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e) => [e.action, e.actor, e.revision])).toEqual([['design.create', 'eddie', 1]]);
    const restored = await eddie.put<Design>(`/api/designs/${id}`, { yaml: sampleRgd('t', 2) }, { 'if-match': created.body.etag });
    await eddie.post(`/api/designs/${id}/revisions/1/restore`, {}, { 'if-match': restored.body.etag });
    const after = await olga.get<AuditList>(`/api/workspaces/team/audit?designId=${id}`);
    expect(after.body.items.map((e) => e.action)).toEqual(['design.restore', 'design.update', 'design.create']);
    const members = await olga.get<{ items: { username: string; role: string }[] }>('/api/workspaces/team/members');
    expect(members.body.items.map((m) => `${m.username}:${m.role}`)).toEqual(['dana:deployer', 'eddie:editor', 'olga:admin', 'root:admin', 'vera:viewer']);
  });

  it('lists only designs of the caller\'s workspaces', async () => {
    const eddie = await as('eddie');
    await admin.post('/api/workspaces', { id: 'secret', name: 'Secret' });
    await admin.post('/api/designs', { name: 'hidden-design', yaml: sampleRgd(), workspace: 'secret' });
    const list = await eddie.get<{ items: { name: string }[] }>('/api/designs?q=hidden');
    expect(list.body.items).toEqual([]);
    expect((await eddie.get('/api/designs?workspace=secret')).status).toBe(404);
    expect((await admin.get<{ total: number }>('/api/designs?q=hidden-design')).body.total).toBe(1);
  });

  it('issues API tokens for CLI/CI: bearer auth, no CSRF, role cap, revocation', async () => {
    const eddie = await as('eddie');
    const created = await eddie.post<{ id: string; token: string }>('/api/tokens', { name: 'ci', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^kdt_[\w-]{43}$/);
    const ci = new HttpClient(server.url);
    ci.bearer = created.body.token;
    expect((await ci.get<Me>('/api/auth/me')).body.via).toBe('token');
    expect((await ci.get('/api/designs?workspace=team')).status).toBe(200);
    // Capped at viewer although eddie is an editor.
    expect((await ci.post('/api/designs', { name: 'x', yaml: sampleRgd(), workspace: 'team' })).status).toBe(403);
    const listed = await eddie.get<{ items: { id: string; name: string; lastUsedAt: string | null }[] }>('/api/tokens');
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id, name: 'ci', lastUsedAt: expect.any(String) })]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect((await eddie.delete(`/api/tokens/${created.body.id}`)).status).toBe(204);
    expect((await ci.get('/api/designs')).status).toBe(401);
    ci.bearer = 'kdt_forged';
    expect((await ci.get('/api/designs')).status).toBe(401);
  });

  it('rate-limits failed logins with 429 and Retry-After', async () => {
    const c = new HttpClient(server.url);
    for (let i = 0; i < 3; i++) expect((await c.login('dana', 'wrong password!')).status).toBe(401);
    const blocked = await c.login('dana', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((blocked.body as Problem).retryAfter).toBeGreaterThan(0);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const c = new HttpClient(server.url);
    const unknown = await c.login('nobody', 'whatever password');
    const wrong = await c.login('olga', 'whatever password');
    expect(unknown.status).toBe(401);
    expect((unknown.body as Problem).detail).toBe((wrong.body as Problem).detail);
  });

  it('logs out, ending the session server-side', async () => {
    const c = await as('olga');
    const cookie = (c as unknown as { cookie: string }).cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const replay = new HttpClient(server.url);
    const res = await replay.get('/api/auth/me', { cookie });
    expect(res.status).toBe(401);
  });

  it('changes a password and ends the user\'s other sessions', async () => {
    const first = await as('vera');
    const second = new HttpClient(server.url);
    await admin.post('/api/users', { username: 'pat', password: PASSWORD });
    expect((await second.login('pat', PASSWORD)).status).toBe(200);
    const other = await as('pat');
    expect((await other.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long password' })).status).toBe(204);
    expect((await second.get('/api/auth/me')).status).toBe(401);
    expect((await other.get('/api/auth/me')).status).toBe(200);
    expect((await first.get('/api/users')).status).toBe(403);
    expect((await admin.post<Problem>('/api/users', { username: 'pat', password: PASSWORD })).status).toBe(409);
    expect((await admin.post<Problem>('/api/users', { username: 'short', password: 'short' })).body.errors?.[0]?.path).toBe('body.password');
  });
});

describe('single-user mode (AUTH=none)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('needs no login on localhost and refuses other Host names (DNS rebinding)', async () => {
    const c = new HttpClient(server.url);
    expect((await c.get<Me>('/api/auth/me')).body).toMatchObject({ authMode: 'none', via: 'anonymous-local', user: { username: 'local' } });
    const port = new URL(server.url).port;
    // fetch always sends the URL's host, so the rebinding request is made with node:http.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/designs', headers: { host: `attacker.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    expect((await c.post<Problem>('/api/auth/login', { username: 'a', password: 'b' })).status).toBe(400);
    expect((await c.post<Problem>('/api/tokens', { name: 'x' })).status).toBe(400);
  });
});
