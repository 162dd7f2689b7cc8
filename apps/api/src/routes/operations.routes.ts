import { buildOpenApiDocument } from '@kro-designer/contracts';
import { Router } from 'express';

export interface Readiness {
  /** Throws when a dependency is not usable; resolves with per-check notes when ready. */
  check(): Promise<Record<string, string>>;
  /** True once shutdown began: the load balancer should stop sending requests. */
  stopping(): boolean;
}

/** `/healthz`, `/readyz` and `/api/openapi.json`. */
export function operationsRouter(readiness: Readiness): Router {
  const r = Router();
  let openapi: string | undefined;

  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  r.get('/readyz', async (req, res) => {
    if (readiness.stopping()) {
      res.status(503).json({ status: 'stopping' });
      return;
    }
    try {
      res.json({ status: 'ok', checks: await readiness.check() });
    } catch (err) {
      // Not ready is an answer, not an error: logged for operators, reported as 503 without details.
      req.log?.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', checks: { storage: 'unreachable' } });
    }
  });

  r.get('/api/openapi.json', (_req, res) => {
    openapi ??= JSON.stringify(buildOpenApiDocument(), null, 2);
    res.type('application/json').send(openapi);
  });

  return r;
}
