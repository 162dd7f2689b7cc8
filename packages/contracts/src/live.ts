import { z } from 'zod';
import { Timestamp } from './common.js';

/**
 * Health of one RGD node in a live instance — a closed union. Roll-up priority (worst first):
 * error > not-ready > deleting > creating > waiting > excluded > ready > unknown.
 */
export const NODE_HEALTH = ['error', 'not-ready', 'deleting', 'creating', 'waiting', 'excluded', 'ready', 'unknown'] as const;
export const NodeHealth = z.enum(NODE_HEALTH);
export type NodeHealth = z.infer<typeof NodeHealth>;

export const Condition = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
  observedGeneration: z.number().int().optional(),
});

export const LiveObjectRef = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  uid: z.string().optional(),
});

export const LiveNode = z
  .object({
    id: z.string(),
    health: NodeHealth,
    /** Why, in words (the readyWhen that is false, the dependency waited on, the error). */
    reason: z.string().optional(),
    /** Resource ids this node waits on. */
    waitingOn: z.array(z.string()).default([]),
    objects: z.array(z.object({ ref: LiveObjectRef, object: z.record(z.string(), z.unknown()), conditions: z.array(Condition) })),
    events: z.array(z.object({ type: z.string(), reason: z.string(), message: z.string(), at: z.string().optional() })).default([]),
    /** When the node first became ready in this instance, if it did. */
    readyAt: Timestamp.optional(),
    /** Health changes seen by the server (oldest first, bounded): when each began and what the node waited on. */
    timeline: z
      .array(z.object({ health: NodeHealth, at: Timestamp, reason: z.string().optional(), waitingOn: z.array(z.string()).optional() }))
      .optional(),
  })
  .meta({ id: 'LiveNode' });
export type LiveNode = z.infer<typeof LiveNode>;

export const LiveInstance = z
  .object({
    cluster: z.string(),
    rgdName: z.string(),
    name: z.string(),
    namespace: z.string().optional(),
    uid: z.string().optional(),
    state: z.string().optional(),
    ready: z.enum(['True', 'False', 'Unknown']),
    /** The ResourcesReady condition's message. */
    message: z.string().optional(),
    conditions: z.array(Condition),
    nodes: z.array(LiveNode),
    deleting: z.boolean(),
    gone: z.boolean().default(false),
  })
  .meta({ id: 'LiveInstance' });
export type LiveInstance = z.infer<typeof LiveInstance>;

/**
 * What `GET /api/clusters/{cluster}/rgds/{rgd}/instances/{ns}/{name}/live` streams as Server-Sent Events. Every event
 * has an increasing `id:` so a browser resumes with `Last-Event-ID`; `snapshot` is the whole view (sent first, and
 * after any gap the server cannot replay), `node`/`instance` are updates, `stream` reports the server's own watch health.
 */
export const LiveEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), instance: LiveInstance }),
  z.object({ type: z.literal('instance'), instance: LiveInstance.omit({ nodes: true }) }),
  z.object({ type: z.literal('node'), node: LiveNode }),
  z.object({ type: z.literal('stream'), state: z.enum(['live', 'reconnecting', 'relisting']), message: z.string().optional() }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;
