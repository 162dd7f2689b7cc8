import { isAbsolute, resolve } from 'node:path';
import type { StorageConfig } from '../adapters/storage/openStorage.js';
import type { AuthMode } from '../services/AuthService.js';

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly storage: StorageConfig;
  readonly authMode: AuthMode;
  /** First administrator, created at start when the server has no users yet. */
  readonly admin?: { readonly username: string; readonly password: string };
  readonly webDir: string;
  readonly bodyLimit: number;
  readonly secureCookies: boolean;
  readonly trustProxy: boolean | number | string;
  readonly logLevel: string;
  readonly sessionTtlMs: number;
  readonly shutdownTimeoutMs: number;
}

/** A configuration the server must not start with; the message says why and what to set. */
export class ConfigError extends Error {}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

function int(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name}=${raw} is not an integer between ${min} and ${max}`);
  return n;
}

/**
 * Reads the server's configuration from the environment. Throws ConfigError for settings that are wrong or unsafe —
 * above all single-user mode (no login) on an address other people can reach.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string, defaultWebDir: string): Config {
  const host = env.HOST?.trim() || '127.0.0.1';
  const port = int(env, 'PORT', 8080, 0, 65535);
  const rawAuth = env.AUTH?.trim().toLowerCase();
  if (rawAuth !== undefined && rawAuth !== '' && rawAuth !== 'none' && rawAuth !== 'local') {
    throw new ConfigError(`AUTH=${env.AUTH} is not a mode; use AUTH=local (users and passwords) or AUTH=none (single user, localhost only)`);
  }
  const authMode: AuthMode = rawAuth === 'none' || rawAuth === 'local' ? rawAuth : isLoopback(host) ? 'none' : 'local';
  if (authMode === 'none' && !isLoopback(host)) {
    throw new ConfigError(
      `refusing to start: HOST=${host} lets other machines reach the server, and AUTH=none (single-user mode) has no login, so anyone who can reach it could read and change every design. ` +
        'Either bind to this machine only (HOST=127.0.0.1) or turn on accounts: AUTH=local with ADMIN_USERNAME and ADMIN_PASSWORD for the first administrator.',
    );
  }
  const adminUser = env.ADMIN_USERNAME?.trim();
  const adminPassword = env.ADMIN_PASSWORD;
  if (adminPassword !== undefined && adminPassword !== '' && adminPassword.length < 12) {
    throw new ConfigError('ADMIN_PASSWORD must have at least 12 characters');
  }
  const admin = adminPassword ? { username: (adminUser || 'admin').toLowerCase(), password: adminPassword } : undefined;

  const databaseUrl = env.DATABASE_URL?.trim();
  const dataDir = env.DATA_DIR?.trim() || '.data';
  const storage: StorageConfig = databaseUrl
    ? { driver: 'postgres', connectionString: databaseUrl }
    : { driver: 'pglite', dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir) };

  const webDir = env.WEB_DIR?.trim() ? resolve(cwd, env.WEB_DIR.trim()) : defaultWebDir;
  const trust = env.TRUST_PROXY?.trim();
  return {
    host,
    port,
    storage,
    authMode,
    ...(admin ? { admin } : {}),
    webDir,
    bodyLimit: int(env, 'BODY_LIMIT_BYTES', 10 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    secureCookies: env.COOKIE_SECURE === 'true',
    trustProxy: trust === undefined || trust === '' || trust === 'false' ? false : trust === 'true' ? true : /^\d+$/.test(trust) ? Number(trust) : trust,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    sessionTtlMs: int(env, 'SESSION_TTL_HOURS', 168, 1, 24 * 365) * 3_600_000,
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
  };
}
