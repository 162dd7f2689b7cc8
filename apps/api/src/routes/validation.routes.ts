import { ImportRequest, ValidateRequest } from '@kro-designer/contracts';
import express, { Router } from 'express';
import { principal } from '../http/authenticate.js';
import { parseInput } from '../http/parseInput.js';
import type { ImportService } from '../services/ImportService.js';
import { roleIn } from '../services/Principal.js';
import { ServiceError } from '../services/ServiceError.js';
import type { ValidationService } from '../services/ValidationService.js';

export const RAW_YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];

/** `POST /api/validate` and `POST /api/import` (JSON `{yaml}`, or the YAML itself as the body). */
export function validationRouter(validation: ValidationService, imports: ImportService, bodyLimit: number): Router {
  const r = Router();

  r.post('/validate', (req, res) => {
    const p = principal(res);
    // Validation reads nothing stored; any signed-in user may use it (the viewer role anywhere, or a site admin).
    if (!p.siteAdmin && ![...p.memberships.keys()].some((w) => roleIn(p, w) !== null)) {
      throw new ServiceError('forbidden', 'validation needs a role in at least one workspace');
    }
    res.json(validation.validate(parseInput(ValidateRequest, req.body)));
  });

  r.post('/import', express.text({ type: RAW_YAML_TYPES, limit: bodyLimit }), async (req, res) => {
    const raw = typeof req.body === 'string';
    const input = raw
      ? { yaml: req.body as string, dryRun: req.query.dryRun === 'true', ...(typeof req.query.workspace === 'string' ? { workspace: req.query.workspace } : {}) }
      : req.body;
    const result = await imports.import(principal(res), parseInput(ImportRequest, input));
    res.status(result.created.length > 0 ? 201 : 200).json(result);
  });

  return r;
}
