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

  // The list's resourceVersion moves with every CRD change the watch sees: a cheap ETag, so clients can poll for
  // changes and get 304 until one happens.
  r.get('/clusters/:cluster/crds', async (req, res) => {
    const list = await clusters.crds(principal(res), req.params.cluster);
    const etag = `"crds-${list.resourceVersion}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (list.resourceVersion !== '' && req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.json(list);
  });

  return r;
}
