import type { CurrentRevision, Diagnostic, ProblemType } from '@kro-designer/contracts';

export interface ServiceErrorExtras {
  readonly current?: CurrentRevision;
  readonly diagnostics?: readonly Diagnostic[];
  readonly retryAfter?: number;
  readonly errors?: readonly { path: string; message: string }[];
}

/**
 * A failure a service reports to its caller on purpose (not found, forbidden, stale write…). The HTTP layer turns
 * it into problem+json; anything else that escapes a service is a bug and becomes a 500 without details.
 */
export class ServiceError extends Error {
  constructor(
    readonly type: ProblemType,
    message: string,
    readonly extras: ServiceErrorExtras = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const notFound = (what: string) => new ServiceError('not-found', `${what} does not exist or you may not see it`);
export const forbidden = (message: string) => new ServiceError('forbidden', message);
