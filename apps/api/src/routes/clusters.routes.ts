import { Router } from 'express';
import { principal } from '../http/authenticate.js';
import type { ClusterService } from '../services/ClusterService.js';

/** `GET /api/clusters`, `…/{cluster}/status`, `…/{cluster}/crds`: what the server can reach, never its credentials. */
export function clustersRouter(clusters: ClusterService): Router {
  const r = Router();

  r.get('/clusters', async (_req, res) => {
    res.json({ items: await clusters.list(principal(res)) });
  });

  r.get('/clusters/:cluster/status', async (req, res) => {
    res.json(await clusters.status(principal(res), req.params.cluster));
  });

  r.get('/clusters/:cluster/crds', async (req, res) => {
    res.json(await clusters.crds(principal(res), req.params.cluster));
  });

  return r;
}
