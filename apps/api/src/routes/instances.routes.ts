import { InstanceRequest } from '@kro-designer/contracts';
import { Router } from 'express';
import { principal } from '../http/authenticate.js';
import { parseInput } from '../http/parseInput.js';
import type { InstanceService } from '../services/InstanceService.js';

/**
 * Instances of an RGD on a cluster: list, apply (create or update), delete. Cluster-scoped instances use `_` as the
 * namespace segment. `GET …/{namespace}/{name}` (the live view) belongs to the live-status router.
 */
export function instancesRouter(instances: InstanceService): Router {
  const r = Router();
  const base = '/clusters/:cluster/rgds/:rgd/instances';

  r.get(base, async (req, res) => {
    res.json({ items: await instances.list(principal(res), req.params.cluster, req.params.rgd) });
  });

  r.put(`${base}/:namespace/:name`, async (req, res) => {
    const { yaml } = parseInput(InstanceRequest, req.body);
    const { cluster, rgd, namespace, name } = req.params;
    res.json(await instances.apply(principal(res), cluster, rgd, namespace, name, yaml));
  });

  r.delete(`${base}/:namespace/:name`, async (req, res) => {
    const { cluster, rgd, namespace, name } = req.params;
    await instances.delete(principal(res), cluster, rgd, namespace, name);
    res.status(204).end();
  });

  return r;
}
