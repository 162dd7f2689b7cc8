/**
 * Composition root of the kro-designer API server: configuration, storage, services, HTTP, signals.
 * Run: `npm start` at the repository root (or `node --import tsx apps/api/src/main.ts`).
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { nodeSecrets, scryptPasswordHasher } from './adapters/crypto/nodeSecrets.js';
import { CompositeClusterGateway } from './adapters/CompositeClusterGateway.js';
import { createSandboxCluster, SANDBOX_SUMMARY } from './adapters/sandbox/createSandboxCluster.js';
import { loadKubeGateway } from './adapters/k8s/KubeconfigGateway.js';
import { openStorage } from './adapters/storage/openStorage.js';
import { redact } from './adapters/storage/createPostgresDatabase.js';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config/loadConfig.js';
import { createServices } from './createServices.js';

const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

async function start(config: Config): Promise<void> {
  const logger = pino({ level: config.logLevel, base: { service: 'kro-designer' } });
  const where = config.storage.driver === 'pglite' ? `PGlite in ${config.storage.dataDir}` : `PostgreSQL at ${redact(config.storage.connectionString)}`;
  logger.info({ storage: config.storage.driver }, `opening storage: ${where}`);
  const storage = await openStorage(
    config.storage.driver === 'postgres'
      ? { ...config.storage, onIdleError: (err) => logger.warn({ err }, 'an idle PostgreSQL connection failed; the pool replaces it') }
      : config.storage,
  );
  // The sandbox (in-memory, simulated) is always listed first; its state is not kept across restarts.
  const sandbox = createSandboxCluster();
  const clusterGateway = new CompositeClusterGateway([{ summary: SANDBOX_SUMMARY, connection: sandbox }], [openKubeGateway(logger)]);
  const services = createServices({
    designs: storage.designs,
    access: storage.access,
    audit: storage.audit,
    clock: { now: () => new Date() },
    secrets: nodeSecrets,
    passwords: scryptPasswordHasher(),
    authMode: config.authMode,
    sessionTtlMs: config.sessionTtlMs,
    clusterGateway,
    deployments: storage.deployments,
  });
  if (config.authMode === 'local') {
    if (config.admin && (await services.auth.bootstrapAdmin(config.admin.username, config.admin.password))) {
      logger.info(`created the first administrator ${config.admin.username} from ADMIN_USERNAME/ADMIN_PASSWORD`);
    }
    if (!(await services.auth.hasUsers())) {
      await storage.close();
      throw new ConfigError('refusing to start: AUTH=local but there are no users yet, so nobody could sign in. Set ADMIN_USERNAME and ADMIN_PASSWORD (12+ characters) for the first start.');
    }
  }

  let stopping = false;
  const app = createApp({
    services,
    logger,
    newRequestId: nodeSecrets.newId,
    readiness: {
      stopping: () => stopping,
      check: async () => {
        await storage.ping();
        return { storage: config.storage.driver };
      },
    },
    options: { bodyLimit: config.bodyLimit, webDir: config.webDir, secureCookies: config.secureCookies, trustProxy: config.trustProxy },
  });
  const server = createServer(app);
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.info(
    { port, host: config.host, auth: config.authMode, storage: config.storage.driver },
    `kro-designer listening on http://${shownHost}:${port} (${config.authMode === 'none' ? 'single-user mode, no login' : 'sign-in required'})`,
  );

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      logger.warn('requests still running after the shutdown timeout; closing their connections');
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    force.unref();
    // Live streams never finish by themselves: end them (browsers reconnect elsewhere) and stop the cluster watches.
    services.live.close();
    services.deploys.close();
    services.clusters.close();
    sandbox.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearTimeout(force);
    await storage.close();
    logger.info('stopped');
    logger.flush();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      shutdown(signal).then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

/**
 * Clusters from KUBECONFIG (or ~/.kube/config), else the in-cluster service account. A kubeconfig that cannot be
 * read is logged and skipped: the designer still works offline and with the sandbox.
 */
function openKubeGateway(logger: Logger) {
  try {
    const gateway = loadKubeGateway(process.env);
    const where = gateway.source.kind === 'kubeconfig' ? `kubeconfig ${gateway.source.files.join(', ')}` : gateway.source.kind === 'in-cluster' ? 'the in-cluster service account' : 'no kubeconfig found';
    logger.info({ clusters: gateway.source.kind }, `clusters: ${where}`);
    return gateway;
  } catch (err) {
    logger.warn({ err }, 'the kubeconfig could not be read; only the sandbox is available');
    return loadKubeGateway({ KUBECONFIG: '', HOME: '/nonexistent' });
  }
}

try {
  const config = loadConfig(process.env, process.cwd(), DEFAULT_WEB_DIR);
  await start(config);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`kro-designer: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`kro-designer: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
