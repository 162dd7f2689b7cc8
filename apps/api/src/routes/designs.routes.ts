import {
  CreateDesignRequest, DiffQuery, ListDesignsQuery, ListRevisionsQuery, RestoreRequest, SaveDraftRequest, UpdateDesignRequest,
} from '@kro-designer/contracts';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { principal } from '../http/authenticate.js';
import { ifMatch } from '../http/ifMatch.js';
import { parseInput } from '../http/parseInput.js';
import { draftVersionOfEtag } from '../services/designViews.js';
import type { DesignService } from '../services/DesignService.js';
import { ServiceError } from '../services/ServiceError.js';

const RevisionNumber = z.coerce.number().int().min(1).max(2_147_483_647);

function revisionParam(value: unknown): number {
  const r = RevisionNumber.safeParse(value);
  if (!r.success) throw new ServiceError('not-found', `revision ${String(value)} does not exist (revisions are numbered from 1)`);
  return r.data;
}

function sendDesign(res: Response, status: number, design: { etag: string }) {
  res.status(status).setHeader('ETag', design.etag).json(design);
}

function sendYaml(res: Response, file: { fileName: string; yaml: string }) {
  res.type('application/yaml; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`).send(file.yaml);
}

/** `/api/designs…`: designs, their revisions, diffs, drafts and exports. Each handler is one service call. */
export function designsRouter(designs: DesignService): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    res.json(await designs.list(principal(res), parseInput(ListDesignsQuery, req.query, 'query')));
  });

  r.post('/', async (req, res) => {
    const design = await designs.create(principal(res), parseInput(CreateDesignRequest, req.body));
    res.setHeader('Location', `/api/designs/${design.id}`);
    sendDesign(res, 201, design);
  });

  r.get('/:id', async (req, res) => {
    const design = await designs.get(principal(res), req.params.id);
    if (req.get('if-none-match') === design.etag && design.draft === null) {
      res.status(304).setHeader('ETag', design.etag).end();
      return;
    }
    sendDesign(res, 200, design);
  });

  r.put('/:id', async (req, res) => {
    const body = parseInput(UpdateDesignRequest, req.body);
    sendDesign(res, 200, await designs.update(principal(res), req.params.id, ifMatch(req), body));
  });

  r.delete('/:id', async (req, res) => {
    await designs.delete(principal(res), req.params.id, ifMatch(req));
    res.status(204).end();
  });

  r.get('/:id/export', async (req, res) => {
    sendYaml(res, await designs.export(principal(res), req.params.id));
  });

  r.get('/:id/revisions', async (req, res) => {
    const q = parseInput(ListRevisionsQuery, req.query, 'query');
    res.json(await designs.listRevisions(principal(res), req.params.id, q.limit, q.offset));
  });

  r.get('/:id/revisions/:revision', async (req, res) => {
    res.json(await designs.getRevision(principal(res), req.params.id, revisionParam(req.params.revision)));
  });

  r.get('/:id/revisions/:revision/export', async (req, res) => {
    sendYaml(res, await designs.export(principal(res), req.params.id, revisionParam(req.params.revision)));
  });

  r.post('/:id/revisions/:revision/restore', async (req, res) => {
    const body = parseInput(RestoreRequest, req.body ?? {});
    sendDesign(res, 200, await designs.restore(principal(res), req.params.id, revisionParam(req.params.revision), ifMatch(req), body.message));
  });

  r.get('/:id/diff', async (req, res) => {
    res.json(await designs.diff(principal(res), req.params.id, parseInput(DiffQuery, req.query, 'query')));
  });

  r.get('/:id/draft', async (req, res) => {
    const draft = await designs.getDraft(principal(res), req.params.id);
    res.setHeader('ETag', draft.etag).json(draft);
  });

  r.put('/:id/draft', async (req, res) => {
    const body = parseInput(SaveDraftRequest, req.body);
    const header = req.get('if-match');
    // Optional here: autosave is last-writer-wins unless the client asks to detect a second tab.
    const expected = header ? (draftVersionOfEtag(header) ?? -1) : undefined;
    const draft = await designs.saveDraft(principal(res), req.params.id, body, expected);
    res.setHeader('ETag', draft.etag).json(draft);
  });

  r.delete('/:id/draft', async (req, res) => {
    await designs.deleteDraft(principal(res), req.params.id);
    res.status(204).end();
  });

  return r;
}
