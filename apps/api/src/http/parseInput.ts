import { MAX_YAML_LENGTH } from '@kro-designer/contracts';
import type { z } from 'zod';
import { ServiceError } from '../services/ServiceError.js';

/**
 * Parses untrusted input with a contract schema. A YAML text over the size limit is 413 (content too large);
 * any other mismatch is 400 with one entry per problem (`path`, `message`).
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what = 'body'): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const tooLarge = issues.find((i) => i.code === 'too_big' && i.origin === 'string' && Number(i.maximum) >= MAX_YAML_LENGTH);
  if (tooLarge) throw new ServiceError('content-too-large', tooLarge.message);
  const errors = issues.map((i) => ({ path: [what, ...i.path.map(String)].join('.'), message: i.message }));
  throw new ServiceError('validation-failed', `the ${what} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors });
}
