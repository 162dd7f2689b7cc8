import { describe, expect, it } from 'vitest';
import { AuthApi } from './authApi';
import { csrfFetch } from './csrfFetch';

const origin = 'http://designer.test';

function recorder(status = 200) {
  const calls: { url: string; headers: Headers }[] = [];
  const inner: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    return new Response('{}', { status, headers: { 'content-type': 'application/json' } });
  };
  return { calls, inner };
}

describe('csrfFetch', () => {
  it('adds the session token to unsafe requests to this origin’s API only', async () => {
    const { calls, inner } = recorder();
    const f = csrfFetch(inner, { origin, token: () => 'tok', onUnauthorized: () => undefined });
    await f('/api/designs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await f('/api/designs');
    await f('https://elsewhere.test/api/x', { method: 'POST' });
    await f(`${origin}/api/designs/1`, { method: 'DELETE' });
    expect(calls.map((c) => [c.url, c.headers.get('x-csrf-token')])).toEqual([
      ['/api/designs', 'tok'],
      ['/api/designs', null],
      ['https://elsewhere.test/api/x', null],
      [`${origin}/api/designs/1`, 'tok'],
    ]);
    expect(calls[0]!.headers.get('content-type')).toBe('application/json');
  });

  it('sends no token in single-user mode and reports a 401 except for sign-in and who-am-I', async () => {
    const { calls, inner } = recorder(401);
    let unauthorized = 0;
    const f = csrfFetch(inner, { origin, token: () => undefined, onUnauthorized: () => unauthorized++ });
    await f('/api/designs', { method: 'PUT' });
    await f('/api/auth/login', { method: 'POST' });
    await f('/api/auth/me');
    expect(calls[0]!.headers.get('x-csrf-token')).toBeNull();
    expect(unauthorized).toBe(1);
  });
});

describe('AuthApi', () => {
  const answer = (status: number, headers: Record<string, string> = {}) => async () => new Response(JSON.stringify({ title: 'x', status }), { status, headers: { 'content-type': 'application/problem+json', ...headers } });

  it('turns 401 and 429 into messages a person can act on', async () => {
    await expect(new AuthApi(answer(401)).login('a', 'b')).rejects.toThrow('Wrong username or password.');
    await expect(new AuthApi(answer(429, { 'retry-after': '42' })).login('a', 'b')).rejects.toThrow('Too many failed sign-in attempts. Try again in 42 s.');
    await expect(new AuthApi(answer(429, { 'retry-after': '600' })).login('a', 'b')).rejects.toThrow('Try again in 10 min.');
  });

  it('tells a signed-in visitor, one who must sign in, and no server apart', async () => {
    expect(await new AuthApi(answer(401)).visitor()).toEqual({ kind: 'sign-in-required' });
    expect(
      await new AuthApi(async () => {
        throw new TypeError('Failed to fetch');
      }).visitor(),
    ).toEqual({ kind: 'no-server' });
    const me = { authMode: 'local', user: { username: 'ann' }, csrfToken: 't' };
    expect(await new AuthApi(async () => new Response(JSON.stringify(me), { headers: { 'content-type': 'application/json' } })).visitor()).toEqual({ kind: 'signed-in', me });
  });
});
