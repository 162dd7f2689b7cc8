import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { nodeSecrets, scryptPasswordHasher } from '../adapters/crypto/nodeSecrets.js';
import { openStorage, type Storage, type StorageConfig } from '../adapters/storage/openStorage.js';
import { createApp, type AppOptions } from '../app.js';
import { createServices, type Services } from '../createServices.js';
import type { Clock } from '../ports/Clock.js';
import type { ClusterGateway } from '../ports/ClusterGateway.js';
import type { LiveServiceOptions } from '../services/live/LiveService.js';
import type { AuthMode } from '../services/AuthService.js';
import type { RateLimitPolicy } from '../services/LoginRateLimiter.js';
import { dropSchema } from './postgresTarget.js';

export interface TestServer {
  readonly url: string;
  readonly services: Services;
  readonly storage: Storage;
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly authMode?: AuthMode;
  /** Storage to use; default a fresh PGlite in a temporary directory (removed on close). */
  readonly storage?: StorageConfig;
  readonly clock?: Clock;
  readonly app?: Partial<AppOptions>;
  readonly loginRateLimit?: RateLimitPolicy;
  /** First administrator to create (local mode). */
  readonly admin?: { username: string; password: string };
  /** Clusters for live status (and its options). */
  readonly clusterGateway?: ClusterGateway;
  readonly liveOptions?: LiveServiceOptions;
  /** Deploy progress polling (ms). */
  readonly deployTiming?: { readonly pollMs?: number; readonly timeoutMs?: number };
}

/**
 * The real application over real storage, listening on an ephemeral loopback port: what the HTTP tests call.
 * Passwords are hashed with cheap scrypt parameters so tests stay fast; everything else is as in production.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  let tempDir: string | undefined;
  let config = options.storage;
  if (!config) {
    tempDir = mkdtempSync(join(tmpdir(), 'kro-designer-api-'));
    config = { driver: 'pglite', dataDir: tempDir };
  }
  const storage = await openStorage(config);
  const services = createServices({
    designs: storage.designs,
    access: storage.access,
    audit: storage.audit,
    clock: options.clock ?? { now: () => new Date() },
    secrets: nodeSecrets,
    passwords: scryptPasswordHasher({ N: 1024, r: 8, p: 1 }),
    authMode: options.authMode ?? 'none',
    ...(options.loginRateLimit ? { loginRateLimit: options.loginRateLimit } : {}),
    ...(options.clusterGateway ? { clusterGateway: options.clusterGateway } : {}),
    deployments: storage.deployments,
    ...(options.deployTiming ? { deployTiming: options.deployTiming } : {}),
    ...(options.liveOptions ? { liveOptions: options.liveOptions } : {}),
  });
  if (options.admin) await services.auth.bootstrapAdmin(options.admin.username, options.admin.password);
  const app = createApp({
    services,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    newRequestId: nodeSecrets.newId,
    readiness: { stopping: () => false, check: async () => (await storage.ping(), { storage: config.driver }) },
    options: { bodyLimit: 10 * 1024 * 1024, secureCookies: false, ...options.app },
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    services,
    storage,
    async close() {
      services.live.close();
      services.deploys.close();
      services.clusters.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      if (config.driver === 'postgres' && config.schema) await dropSchema(config.connectionString, config.schema);
    },
  };
}
