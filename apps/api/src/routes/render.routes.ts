import { RenderRequest } from '@kro-designer/contracts';
import { Router } from 'express';
import { principal } from '../http/authenticate.js';
import { parseInput } from '../http/parseInput.js';
import { roleIn } from '../services/Principal.js';
import type { RenderService } from '../services/RenderService.js';
import { ServiceError } from '../services/ServiceError.js';

/** `POST /api/render` `{yaml, instance, crds?}` → what kro would apply for the instance. */
export function renderRouter(render: RenderService): Router {
  const r = Router();
  r.post('/render', (req, res) => {
    const p = principal(res);
    // Like validation, rendering reads nothing stored: any signed-in user with a role somewhere may use it.
    if (!p.siteAdmin && ![...p.memberships.keys()].some((w) => roleIn(p, w) !== null)) {
      throw new ServiceError('forbidden', 'rendering needs a role in at least one workspace');
    }
    res.json(render.render(parseInput(RenderRequest, req.body)));
  });
  return r;
}
