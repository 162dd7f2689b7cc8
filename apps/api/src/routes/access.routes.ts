import { AuditQuery, CreateTokenRequest, CreateUserRequest, CreateWorkspaceRequest, SetMemberRequest } from '@kro-designer/contracts';
import { Router } from 'express';
import { principal } from '../http/authenticate.js';
import { parseInput } from '../http/parseInput.js';
import type { AccessService } from '../services/AccessService.js';
import type { AuthService } from '../services/AuthService.js';

/** `/api/users`, `/api/tokens`, `/api/workspaces…`: accounts, API tokens, memberships and the audit log. */
export function accessRouter(auth: AuthService, access: AccessService): Router {
  const r = Router();

  r.get('/users', async (_req, res) => {
    res.json({ items: await auth.listUsers(principal(res)) });
  });
  r.post('/users', async (req, res) => {
    res.status(201).json(await auth.createUser(principal(res), parseInput(CreateUserRequest, req.body)));
  });

  r.get('/tokens', async (_req, res) => {
    res.json({ items: await auth.listTokens(principal(res)) });
  });
  r.post('/tokens', async (req, res) => {
    res.status(201).json(await auth.createToken(principal(res), parseInput(CreateTokenRequest, req.body)));
  });
  r.delete('/tokens/:tokenId', async (req, res) => {
    await auth.revokeToken(principal(res), req.params.tokenId);
    res.status(204).end();
  });

  r.get('/workspaces', async (_req, res) => {
    res.json({ items: await access.listWorkspaces(principal(res)) });
  });
  r.post('/workspaces', async (req, res) => {
    res.status(201).json(await access.createWorkspace(principal(res), parseInput(CreateWorkspaceRequest, req.body)));
  });
  r.get('/workspaces/:workspace/members', async (req, res) => {
    res.json({ items: await access.listMembers(principal(res), req.params.workspace) });
  });
  r.put('/workspaces/:workspace/members/:username', async (req, res) => {
    const body = parseInput(SetMemberRequest, req.body);
    res.json({ items: await access.setMember(principal(res), req.params.workspace, req.params.username, body.role) });
  });
  r.delete('/workspaces/:workspace/members/:username', async (req, res) => {
    await access.removeMember(principal(res), req.params.workspace, req.params.username);
    res.status(204).end();
  });
  r.get('/workspaces/:workspace/audit', async (req, res) => {
    const q = parseInput(AuditQuery, req.query, 'query');
    res.json(await access.listAudit(principal(res), req.params.workspace, q));
  });

  return r;
}
