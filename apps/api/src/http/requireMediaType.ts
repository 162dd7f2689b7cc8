import type { RequestHandler } from 'express';
import { ServiceError } from '../services/ServiceError.js';

/**
 * Request bodies must be JSON (or, where a route says so, YAML text). Refusing other types early gives a clear 415
 * instead of a confusing validation error, and keeps HTML forms of other sites from posting at all.
 */
export function requireMediaType(extra: (path: string) => readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (!hasBody || req.is('application/json')) return next();
    const allowed = extra(req.path);
    if (allowed.length > 0 && req.is([...allowed])) return next();
    throw new ServiceError('unsupported-media-type', `send the body as application/json${allowed.length ? ` or ${allowed.join(', ')}` : ''}, not ${req.get('content-type') ?? 'without a Content-Type'}`);
  };
}
