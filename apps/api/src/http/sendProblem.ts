import { problemTypeUri, type Problem, type ProblemType } from '@kro-designer/contracts';
import type { Request, Response } from 'express';
import type { ServiceErrorExtras } from '../services/ServiceError.js';

/** HTTP status and title of each problem type. */
export const PROBLEM_STATUS: Record<ProblemType, { status: number; title: string }> = {
  'bad-request': { status: 400, title: 'Bad request' },
  'validation-failed': { status: 400, title: 'The request is not valid' },
  unauthorized: { status: 401, title: 'Sign-in required' },
  forbidden: { status: 403, title: 'Forbidden' },
  'csrf-failed': { status: 403, title: 'Cross-site request refused' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  'precondition-failed': { status: 412, title: 'The resource changed since you read it' },
  'content-too-large': { status: 413, title: 'Content too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'Unprocessable content' },
  'precondition-required': { status: 428, title: 'If-Match required' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
};

/** Writes an RFC 9457 problem+json response. The only way errors leave the API. */
export function sendProblem(req: Request, res: Response, type: ProblemType, detail: string, extras: ServiceErrorExtras = {}): void {
  const { status, title } = PROBLEM_STATUS[type];
  const body: Problem = {
    type: problemTypeUri(type),
    title,
    status,
    detail,
    instance: req.originalUrl.split('?')[0] ?? req.originalUrl,
    ...(typeof req.id === 'string' ? { requestId: req.id } : {}),
    ...(extras.errors ? { errors: [...extras.errors] } : {}),
    ...(extras.diagnostics ? { diagnostics: [...extras.diagnostics] } : {}),
    ...(extras.current ? { current: extras.current } : {}),
    ...(extras.retryAfter !== undefined ? { retryAfter: extras.retryAfter } : {}),
  };
  if (extras.current) res.setHeader('ETag', extras.current.etag);
  if (extras.retryAfter !== undefined) res.setHeader('Retry-After', String(extras.retryAfter));
  if (type === 'unauthorized') res.setHeader('WWW-Authenticate', 'Bearer realm="kro-designer"');
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}
