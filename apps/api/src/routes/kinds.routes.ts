import { Router } from 'express';
import { principal } from '../http/authenticate.js';
import type { KindsService } from '../services/KindsService.js';

/** `GET /api/kinds`: kinds defined by the stored designs of the caller's workspaces (for the palette). */
export function kindsRouter(kinds: KindsService): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    res.json(await kinds.list(principal(res)));
  });
  return r;
}
