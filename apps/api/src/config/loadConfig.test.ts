import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopback, loadConfig } from './loadConfig.js';

const load = (env: Record<string, string>) => loadConfig(env, '/srv/app', '/srv/app/apps/web/dist');

describe('loadConfig', () => {
  it('defaults to single-user mode on localhost:8080 with PGlite in ./.data', () => {
    expect(load({})).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      authMode: 'none',
      storage: { driver: 'pglite', dataDir: '/srv/app/.data' },
      webDir: '/srv/app/apps/web/dist',
      bodyLimit: 10 * 1024 * 1024,
    });
    expect(load({ DATA_DIR: '/var/lib/kd', PORT: '9000' })).toMatchObject({ port: 9000, storage: { dataDir: '/var/lib/kd' } });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(load({ DATABASE_URL: 'postgres://u:p@db/kd' }).storage).toEqual({ driver: 'postgres', connectionString: 'postgres://u:p@db/kd' });
  });

  it('refuses single-user mode on a reachable address and explains what to set', () => {
    expect(() => load({ HOST: '0.0.0.0', AUTH: 'none' })).toThrow(ConfigError);
    expect(() => load({ HOST: '192.168.1.5', AUTH: 'none' })).toThrow(/refusing to start: HOST=192\.168\.1\.5 .*AUTH=local with ADMIN_USERNAME and ADMIN_PASSWORD/);
    // Without AUTH, a reachable address means accounts.
    expect(load({ HOST: '0.0.0.0' }).authMode).toBe('local');
    expect(load({ HOST: '::1' }).authMode).toBe('none');
  });

  it('reads the first administrator and rejects weak or malformed settings', () => {
    expect(load({ AUTH: 'local', ADMIN_USERNAME: 'Boss', ADMIN_PASSWORD: 'twelve chars!' }).admin).toEqual({ username: 'boss', password: 'twelve chars!' });
    expect(load({ AUTH: 'local', ADMIN_PASSWORD: 'twelve chars!' }).admin?.username).toBe('admin');
    expect(() => load({ ADMIN_PASSWORD: 'short' })).toThrow(/at least 12/);
    expect(() => load({ AUTH: 'ldap' })).toThrow(/AUTH=ldap is not a mode/);
    expect(() => load({ PORT: 'http' })).toThrow(/PORT=http is not an integer/);
    expect(load({ TRUST_PROXY: '1', COOKIE_SECURE: 'true' })).toMatchObject({ trustProxy: 1, secureCookies: true });
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', 'example.com']) expect(isLoopback(h)).toBe(false);
  });
});
