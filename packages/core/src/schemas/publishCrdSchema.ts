import type { KubernetesSchemaBundle } from './KubernetesSchemaBundle.js';
import type { OpenApiSchema } from './OpenApiSchema.js';

type ObjectProperties = KubernetesSchemaBundle['objectProperties'];

/**
 * The schema of a CRD version as the API server publishes it in OpenAPI v3, which is what kro's resolver reads
 * (apiextensions-apiserver `buildKubeNative`): the written schema with `metadata` replaced by a reference to
 * ObjectMeta and `apiVersion`/`kind` from TypeMeta, and the same three properties added to every nested object
 * marked `x-kubernetes-embedded-resource` (which also get `kind` and `apiVersion` required).
 * Without this, `${resource.metadata.name}` would not type against a CRD whose schema says `metadata: {type: object}`.
 * The input is not modified; unchanged subtrees are shared.
 */
export function publishCrdSchema(schema: OpenApiSchema, objectProperties: ObjectProperties): OpenApiSchema {
  const withEmbedded = addEmbeddedProperties(schema, objectProperties);
  return {
    ...withEmbedded,
    properties: {
      ...withEmbedded.properties,
      apiVersion: objectProperties.apiVersion,
      kind: objectProperties.kind,
      metadata: objectProperties.metadata,
    },
  };
}

function addEmbeddedProperties(schema: OpenApiSchema, objectProperties: ObjectProperties): OpenApiSchema {
  let changed = false;
  let properties = schema.properties;
  if (properties) {
    const next: Record<string, OpenApiSchema> = {};
    for (const [name, child] of Object.entries(properties)) {
      next[name] = addEmbeddedProperties(child, objectProperties);
      if (next[name] !== child) changed = true;
    }
    if (changed) properties = next;
  }
  const items = schema.items && addEmbeddedProperties(schema.items, objectProperties);
  const additional =
    typeof schema.additionalProperties === 'object' ? addEmbeddedProperties(schema.additionalProperties, objectProperties) : schema.additionalProperties;
  changed ||= items !== schema.items || additional !== schema.additionalProperties;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  if (!changed && !embedded) return schema;

  const out: OpenApiSchema = { ...schema };
  if (properties) out.properties = properties;
  if (items) out.items = items;
  if (additional !== undefined) out.additionalProperties = additional;
  if (embedded) {
    out.properties = { ...out.properties, apiVersion: objectProperties.apiVersion, kind: objectProperties.kind, metadata: objectProperties.metadata };
    const required = [...(schema.required ?? [])];
    if (!required.includes('kind')) required.push('kind');
    if (!required.includes('apiVersion')) required.push('apiVersion');
    out.required = required;
  }
  return out;
}
