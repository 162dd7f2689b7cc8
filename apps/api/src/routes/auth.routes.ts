import { ChangePasswordRequest, LoginRequest } from '@kro-designer/contracts';
import { Router } from 'express';
import { principal, SESSION_COOKIE } from '../http/authenticate.js';
import { serializeCookie } from '../http/cookies.js';
import { parseInput } from '../http/parseInput.js';
import type { AuthService } from '../services/AuthService.js';

/** `/api/auth…`: sign in and out, who am I, password change. */
export function authRouter(auth: AuthService, options: { secureCookies: boolean }): Router {
  const r = Router();

  r.post('/login', async (req, res) => {
    const body = parseInput(LoginRequest, req.body);
    const { sessionId, principal: p, expiresAt } = await auth.login(body.username, body.password, req.ip ?? 'unknown');
    res.setHeader(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, sessionId, { maxAgeSeconds: (expiresAt.getTime() - Date.now()) / 1000, secure: options.secureCookies }),
    );
    res.json(await auth.me(p));
  });

  r.post('/logout', async (_req, res) => {
    await auth.logout(res.locals.principal);
    res.setHeader('Set-Cookie', serializeCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: options.secureCookies }));
    res.status(204).end();
  });

  r.get('/me', async (_req, res) => {
    res.json(await auth.me(principal(res)));
  });

  r.post('/password', async (req, res) => {
    const body = parseInput(ChangePasswordRequest, req.body);
    await auth.changePassword(principal(res), body.currentPassword, body.newPassword);
    res.status(204).end();
  });

  return r;
}
