import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { authenticate, csrfGuard, loopbackHostGuard } from './http/authenticate.js';
import { errorHandler } from './http/errorHandler.js';
import { requireMediaType } from './http/requireMediaType.js';
import { sendProblem } from './http/sendProblem.js';
import { serveWeb } from './http/serveWeb.js';
import { accessRouter } from './routes/access.routes.js';
import { authRouter } from './routes/auth.routes.js';
import { designsRouter } from './routes/designs.routes.js';
import { kindsRouter } from './routes/kinds.routes.js';
import { liveRouter } from './routes/live.routes.js';
import { clustersRouter } from './routes/clusters.routes.js';
import { deployRouter } from './routes/deploy.routes.js';
import { instancesRouter } from './routes/instances.routes.js';
import { operationsRouter, type Readiness } from './routes/operations.routes.js';
import { RAW_YAML_TYPES, validationRouter } from './routes/validation.routes.js';
import { renderRouter } from './routes/render.routes.js';
import type { Services } from './createServices.js';

export interface AppOptions {
  /** Largest request body in bytes (413 beyond). */
  readonly bodyLimit: number;
  /** Directory of the built web app; a placeholder page is served when it has no index.html. */
  readonly webDir?: string;
  /** Set `Secure` on cookies (behind HTTPS). */
  readonly secureCookies: boolean;
  /** Express `trust proxy` setting, so `req.ip` (rate limiting, logs) is the client's behind a reverse proxy. */
  readonly trustProxy?: boolean | number | string;
}

export interface AppDeps {
  readonly services: Services;
  readonly logger: Logger;
  readonly readiness: Readiness;
  readonly newRequestId: () => string;
  readonly options: AppOptions;
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * Builds the HTTP application: request ids and logs, authentication, CSRF, body limits, the routers, the web app and
 * the problem+json error handler. No I/O happens here; `main.ts` (or a test) supplies the services and listens.
 */
export function createApp(deps: AppDeps): Express {
  const { services, options } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('etag', false);

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : deps.newRequestId();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // Bodies and cookies are never logged: they hold designs, passwords and session ids.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });

  app.use(operationsRouter(deps.readiness));

  const api = express.Router();
  if (services.auth.mode === 'none') api.use(loopbackHostGuard());
  api.use(requireMediaType((path) => (path === '/import' ? RAW_YAML_TYPES : [])));
  api.use(express.json({ limit: options.bodyLimit, strict: true }));
  api.use(authenticate(services.auth));
  api.use(csrfGuard());
  api.use('/auth', authRouter(services.auth, { secureCookies: options.secureCookies }));
  api.use('/designs', designsRouter(services.designs));
  api.use('/kinds', kindsRouter(services.kinds));
  api.use(validationRouter(services.validation, services.imports, options.bodyLimit));
  api.use(renderRouter(services.render));
  api.use(accessRouter(services.auth, services.access));
  api.use(clustersRouter(services.clusters));
  api.use(deployRouter(services.deploys));
  api.use(instancesRouter(services.instances));
  api.use(liveRouter(services.live));
  api.use((req, res) => sendProblem(req, res, 'not-found', `no API route ${req.method} ${req.path}`));
  app.use('/api', api);

  app.use(serveWeb(options.webDir));
  app.use((req, res) => sendProblem(req, res, 'not-found', `nothing at ${req.path}`));
  app.use(errorHandler);
  return app;
}
