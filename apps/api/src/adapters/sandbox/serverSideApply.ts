import { ClusterError } from '../../ports/ClusterGateway.js';
import { clone, deepEqual, deletePath, getPath, isMap, leafPaths, mergeInto, type JsonMap } from './objectPaths.js';

/** Which leaf fields each field manager applied last, keyed by the path joined with NUL (keys may contain dots). */
export type Ownership = Map<string, Set<string>>;

const SEP = '\u0000';
export const joinPath = (path: readonly string[]): string => path.join(SEP);
export const splitPath = (key: string): string[] => key.split(SEP);

const FINALIZER_PREFIX = joinPath(['metadata', 'finalizers', '']);

function finalizersOf(object: JsonMap): string[] {
  const meta = object['metadata'];
  const list = isMap(meta) ? meta['finalizers'] : undefined;
  return Array.isArray(list) ? list.filter((f): f is string => typeof f === 'string') : [];
}

/** Metadata the server owns: never taken from an applied configuration. */
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink'];

/** The fields an apply configuration sets: the object without `status` (a subresource) and server-owned metadata. */
export function applyConfiguration(object: JsonMap): JsonMap {
  const config = clone(object);
  delete config['status'];
  const meta = isMap(config['metadata']) ? config['metadata'] : {};
  for (const key of SERVER_METADATA) delete meta[key];
  config['metadata'] = meta;
  return config;
}

/**
 * An approximation of server-side apply (structured-merge-diff) good enough for a simulator:
 * - the configuration is deep-merged into the live object (maps by key; lists are atomic and replaced whole —
 *   real SSA merges `listType: map` lists such as containers by key);
 * - the manager then owns every leaf it applied; leaves it owned before and no longer applies are removed unless
 *   another manager still owns them;
 * - a leaf owned by another Apply manager with a different live value is a 409 Conflict unless `force`, which takes
 *   ownership, as on a real server.
 * Returns the new object (the input is not modified) and updates `ownership` in place.
 */
export function mergeApply(live: JsonMap | undefined, config: JsonMap, manager: string, force: boolean, ownership: Ownership): JsonMap {
  const configFinalizers = finalizersOf(config);
  const applied = new Set(
    leafPaths(config)
      .filter((p) => !(p[0] === 'apiVersion' || p[0] === 'kind') && !(p[0] === 'metadata' && p[1] === 'finalizers'))
      .map(joinPath),
  );
  // `metadata.finalizers` is a set (`listType: set`): each manager owns its items, nobody owns the whole list.
  for (const f of configFinalizers) applied.add(joinPath(['metadata', 'finalizers', f]));
  const conflicts: string[] = [];
  for (const [other, owned] of ownership) {
    if (other === manager) continue;
    for (const key of applied) {
      if (!owned.has(key) || key.startsWith(FINALIZER_PREFIX)) continue;
      const path = splitPath(key);
      if (live !== undefined && !deepEqual(getPath(live, path), getPath(config, path))) {
        if (force) owned.delete(key);
        else conflicts.push(`conflict with "${other}": .${path.join('.')}`);
      }
    }
  }
  if (conflicts.length > 0) {
    const causes = conflicts.map((message) => ({ message, reason: 'FieldManagerConflict' }));
    throw new ClusterError(`Apply failed with ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: ${conflicts.join('; ')}`, 409, 'Conflict', causes);
  }
  const result: JsonMap = live ? clone(live) : {};
  let finalizers = live ? finalizersOf(live) : [];
  const previous = ownership.get(manager) ?? new Set<string>();
  for (const key of previous) {
    if (applied.has(key)) continue;
    const sharedWith = [...ownership].some(([m, owned]) => m !== manager && owned.has(key));
    if (sharedWith) continue;
    if (key.startsWith(FINALIZER_PREFIX)) finalizers = finalizers.filter((f) => f !== key.slice(FINALIZER_PREFIX.length));
    else deletePath(result, splitPath(key));
  }
  mergeInto(result, config);
  const merged = [...finalizers, ...configFinalizers.filter((f) => !finalizers.includes(f))];
  const meta = isMap(result['metadata']) ? result['metadata'] : {};
  if (merged.length > 0) meta['finalizers'] = merged;
  else delete meta['finalizers'];
  result['metadata'] = meta;
  ownership.set(manager, applied);
  for (const [m, owned] of ownership) if (owned.size === 0) ownership.delete(m);
  return result;
}
