import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthService } from '../services/AuthService.js';
import { LOCAL_PRINCIPAL, type Principal } from '../services/Principal.js';
import { ServiceError } from '../services/ServiceError.js';
import { readCookie } from './cookies.js';

export const SESSION_COOKIE = 'kd_session';

declare global {
  // Express's own extension point for per-response values.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      principal?: Principal;
    }
  }
}

/**
 * Establishes `res.locals.principal` from a bearer token or the session cookie (or the local user in single-user
 * mode). Requests without credentials pass through unauthenticated; `requireUser` stops them where needed.
 */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (auth.mode === 'none') {
      res.locals.principal = LOCAL_PRINCIPAL;
      return next();
    }
    const header = req.get('authorization');
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const p = m ? await auth.fromToken(m[1]!) : undefined;
      if (!p) throw new ServiceError('unauthorized', 'the API token is unknown, revoked or expired');
      res.locals.principal = p;
      return next();
    }
    const sessionId = readCookie(req.get('cookie'), SESSION_COOKIE);
    if (sessionId) {
      const p = await auth.fromSession(sessionId);
      if (p) res.locals.principal = p;
    }
    next();
  };
}

/** The caller; throws 401 when the request is not authenticated. */
export function principal(res: Response): Principal {
  const p = res.locals.principal;
  if (!p) throw new ServiceError('unauthorized', 'sign in (POST /api/auth/login) or send an API token (Authorization: Bearer kdt_…)');
  return p;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for cookie-authenticated writes: the session's token must come back in `X-CSRF-Token` (a page on
 * another site cannot read it). Independently, any unsafe request whose `Origin` is another site is refused.
 * Token-authenticated requests carry no ambient credential, so they need neither.
 */
export function csrfGuard(): RequestHandler {
  return (req, res, next) => {
    if (SAFE.has(req.method)) return next();
    const origin = req.get('origin');
    if (origin && origin !== 'null') {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        // An unparsable Origin is not this site: refuse below.
        host = undefined;
      }
      if (host !== req.get('host')) throw new ServiceError('csrf-failed', `requests from ${origin} are not accepted; use the designer at its own address`);
    } else if (origin === 'null') throw new ServiceError('csrf-failed', 'requests from an opaque origin are not accepted');
    const p = res.locals.principal;
    if (p?.via === 'session') {
      const sent = req.get('x-csrf-token');
      if (!sent || sent !== p.csrfToken) throw new ServiceError('csrf-failed', 'missing or wrong X-CSRF-Token header (GET /api/auth/me returns the token)');
    }
    next();
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * In single-user mode nothing checks who calls, so the Host header must name this machine: a page on another site
 * that resolves its own name to 127.0.0.1 (DNS rebinding) is refused.
 */
export function loopbackHostGuard(): RequestHandler {
  return (req, _res, next) => {
    const host = (req.get('host') ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!LOOPBACK_HOSTS.has(host)) throw new ServiceError('forbidden', `single-user mode answers only to localhost, not to the host name ${host || '(none)'}`);
    next();
  };
}
