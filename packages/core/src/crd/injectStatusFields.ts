import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { cloneJson } from './canonicalSchema.js';

/** `status.state` as kro declares it (`pkg/graph/crd/defaults.go`). */
const STATE_SCHEMA: OpenApiSchema = { type: 'string' };

/** `status.conditions` as kro declares it: metav1.Condition's fields, all strings but `observedGeneration`. */
const CONDITIONS_SCHEMA: OpenApiSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      type: { type: 'string' },
      status: { type: 'string' },
      reason: { type: 'string' },
      message: { type: 'string' },
      lastTransitionTime: { type: 'string' },
      observedGeneration: { type: 'integer' },
    },
  },
};

/**
 * Adds the status fields kro's instance controller writes, `state` and `conditions`, to an instance status schema,
 * unless the schema already has a property of that name (kro's `SetCRDStatus` with `statusFieldsOverride`). A user
 * `state` keeps its inferred schema although kro overwrites the value at runtime; a user `conditions` block never
 * reaches here, because kro takes it out for custom conditions before inferring types.
 */
export function injectStatusFields(status: OpenApiSchema): OpenApiSchema {
  const out = cloneJson(status);
  const properties = { ...out.properties };
  if (!Object.hasOwn(properties, 'state')) properties.state = cloneJson(STATE_SCHEMA);
  if (!Object.hasOwn(properties, 'conditions')) properties.conditions = cloneJson(CONDITIONS_SCHEMA);
  out.properties = properties;
  return out;
}
