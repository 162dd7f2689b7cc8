import { DeployPlanRequest, DeployRequest } from '@kro-designer/contracts';
import { Router } from 'express';
import { principal } from '../http/authenticate.js';
import { parseInput } from '../http/parseInput.js';
import type { DeployService } from '../services/DeployService.js';

/** Deploy plans, deploys (202, then follow `…/deployments/{id}`) and the RGDs a cluster has. */
export function deployRouter(deploys: DeployService): Router {
  const r = Router();

  r.post('/clusters/:cluster/deploy/plan', async (req, res) => {
    const { yaml } = parseInput(DeployPlanRequest, req.body);
    res.json(await deploys.plan(principal(res), req.params.cluster, yaml));
  });

  r.post('/clusters/:cluster/deployments', async (req, res) => {
    const deployment = await deploys.deploy(principal(res), req.params.cluster, parseInput(DeployRequest, req.body));
    res.setHeader('Location', `/api/clusters/${encodeURIComponent(req.params.cluster)}/deployments/${deployment.id}`);
    res.status(202).json(deployment);
  });

  r.get('/clusters/:cluster/deployments/:id', async (req, res) => {
    res.json(await deploys.get(principal(res), req.params.cluster, req.params.id));
  });

  r.get('/clusters/:cluster/rgds', async (req, res) => {
    res.json({ items: await deploys.listRgds(principal(res), req.params.cluster) });
  });

  r.get('/clusters/:cluster/rgds/:rgd', async (req, res) => {
    res.json(await deploys.getRgd(principal(res), req.params.cluster, req.params.rgd));
  });

  return r;
}
