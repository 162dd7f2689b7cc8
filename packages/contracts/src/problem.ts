import { z } from 'zod';
import { Diagnostic } from './diagnostics.js';

/** Stable problem types; `type` is `urn:kro-designer:problem:<name>`. */
export const PROBLEM_TYPES = [
  'bad-request', 'validation-failed', 'unauthorized', 'forbidden', 'not-found', 'conflict', 'precondition-failed',
  'precondition-required', 'content-too-large', 'unsupported-media-type', 'unprocessable', 'too-many-requests',
  'internal', 'unavailable', 'csrf-failed',
] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

export const problemTypeUri = (t: ProblemType) => `urn:kro-designer:problem:${t}`;

/** The head of a design when a conditional write lost: what the client must merge with. */
export const CurrentRevision = z
  .object({
    revision: z.number().int(),
    etag: z.string(),
    contentHash: z.string(),
    author: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CurrentRevision' });
export type CurrentRevision = z.infer<typeof CurrentRevision>;

/** RFC 9457 problem details, the body of every error response (`application/problem+json`). */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    /** Field-level errors of a rejected request body or query. */
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** Located problems in a YAML text, when the error is about one. */
    diagnostics: z.array(Diagnostic).optional(),
    /** On 412: the design's current head, so the client can reload or merge. */
    current: CurrentRevision.optional(),
    /** On 429: seconds until the client may retry. */
    retryAfter: z.number().int().optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;
