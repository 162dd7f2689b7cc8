import type { Request } from 'express';
import { versionOfEtag } from '../services/designViews.js';
import type { Expected } from '../services/DesignService.js';
import { ServiceError } from '../services/ServiceError.js';

/** The write counter named by `If-Match`; 428 when it is missing, 412 when it is not an ETag of ours. */
export function ifMatch(req: Request): Expected {
  const header = req.get('if-match');
  if (!header) {
    throw new ServiceError('precondition-required', 'send If-Match with the ETag you read (GET the design first); this prevents overwriting someone else\'s save');
  }
  if (header.trim() === '*') return '*';
  // A foreign ETag can never match; -1 makes the service answer 412 with the current revision.
  return versionOfEtag(header) ?? -1;
}
