import type { ErrorRequestHandler } from 'express';
import { ServiceError } from '../services/ServiceError.js';
import { sendProblem } from './sendProblem.js';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * The one error handler: service errors become their problem type, body-parser failures 400/413/415, anything else
 * a 500 that says only that it happened and under which request id — the stack goes to the log, never the client.
 */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (res.headersSent) {
    req.log?.error({ err }, 'error after the response started');
    res.destroy();
    return;
  }
  if (err instanceof ServiceError) {
    sendProblem(req, res, err.type, err.message, err.extras);
    return;
  }
  const e = (err ?? {}) as BodyParserError;
  switch (e.type) {
    case 'entity.too.large':
      sendProblem(req, res, 'content-too-large', `the request body is larger than ${e.limit ?? 'the limit of'} bytes`);
      return;
    case 'entity.parse.failed':
      sendProblem(req, res, 'bad-request', 'the request body is not valid JSON');
      return;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      sendProblem(req, res, 'unsupported-media-type', 'the request body must be UTF-8');
      return;
    case 'request.aborted':
      return;
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    sendProblem(req, res, 'bad-request', 'the request could not be read');
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  sendProblem(req, res, 'internal', `something went wrong on the server; quote request id ${String(req.id ?? '?')} when reporting it`);
};
