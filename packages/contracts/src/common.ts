import { z } from 'zod';

/**
 * Largest YAML text accepted in any request body, in UTF-16 code units: the core's own source limit
 * (`DEFAULT_SOURCE_LIMITS.maxLength`), so the API rejects early what the core would refuse anyway.
 */
export const MAX_YAML_LENGTH = 4 * 1024 * 1024;

/** A YAML text carried in a JSON body. */
export const YamlText = z
  .string()
  .max(MAX_YAML_LENGTH, { message: `the YAML text is longer than ${MAX_YAML_LENGTH} characters` })
  .meta({ description: 'YAML text (UTF-8 in transit); at most 4 MiB characters' });

/** ISO 8601 timestamp in UTC. */
export const Timestamp = z.string().meta({ description: 'ISO 8601 timestamp (UTC)', example: '2026-11-24T10:00:00.000Z' });

/** Roles per workspace, weakest first. Each role can do everything the ones before it can. */
export const ROLES = ['viewer', 'editor', 'deployer', 'admin'] as const;
export const Role = z.enum(ROLES).meta({ id: 'Role', description: 'viewer < editor < deployer < admin' });
export type Role = z.infer<typeof Role>;

/** Workspace ids are lower-case slugs, like Kubernetes names. */
export const WorkspaceId = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: 'a workspace id is 1-63 lower-case letters, digits and dashes, starting and ending with a letter or digit' });

export const DEFAULT_WORKSPACE = 'default';

/** Offset paging parameters shared by list endpoints (query strings, so numbers are coerced). */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Wraps an item schema into a page `{ items, total, limit, offset }`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}
