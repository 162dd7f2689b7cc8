import { z } from 'zod';
import { API_ROUTES, type ApiRoute } from './apiRoutes.js';
import { Problem } from './problem.js';

type JsonObject = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** The component id a schema was registered under with `.meta({ id })`, if any. */
function idOf(schema: z.ZodType): string | undefined {
  const meta = z.globalRegistry.get(schema);
  return typeof meta?.id === 'string' ? meta.id : undefined;
}

function strip(schema: JsonObject): JsonObject {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** Inline JSON Schema of a schema with no id (a query parameter, an anonymous body). */
function inline(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  return strip(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonObject);
}

/**
 * Builds the OpenAPI 3.1 document of the API from the zod contracts, so the document cannot drift from what the
 * server validates. Request bodies are described as the server accepts them (defaults optional), responses as it
 * sends them; every error response is a `Problem` (RFC 9457).
 */
export function buildOpenApiDocument(options: { version?: string; serverUrl?: string } = {}): JsonObject {
  const bodies = new Set(API_ROUTES.flatMap((r) => (r.body ? [idOf(r.body)] : [])).filter((x): x is string => x !== undefined));
  const convert = (io: 'input' | 'output') =>
    z.toJSONSchema(z.globalRegistry, { target: 'draft-2020-12', io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }).schemas as Record<string, JsonObject>;
  const input = convert('input');
  const output = convert('output');
  const schemas: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(output)) schemas[id] = strip(bodies.has(id) ? (input[id] ?? schema) : schema);

  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of API_ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);

  return {
    openapi: '3.1.0',
    info: {
      title: 'kro-designer API',
      version: options.version ?? '0.1.0',
      description:
        'Designs (kro ResourceGraphDefinitions as YAML), immutable revisions, drafts, validation and team access. ' +
        'Errors are RFC 9457 problem+json. Writes to a design need If-Match with its ETag; a stale one gets 412 with the current revision. ' +
        'Browser sessions use an httpOnly cookie and must echo the CSRF token in X-CSRF-Token; CLI/CI use `Authorization: Bearer <token>`.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    components: {
      schemas,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'kd_session' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token (kdt_…)' },
      },
    },
    paths,
  };
}

function operation(route: ApiRoute): JsonObject {
  const parameters: JsonObject[] = [];
  for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
    parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  for (const [name, schema] of Object.entries(route.query?.shape ?? {})) {
    const s = schema as z.ZodType;
    parameters.push({ name, in: 'query', required: !s.safeParse(undefined).success, schema: inline(s, 'input') });
  }
  if (route.ifMatch) {
    parameters.push({ name: 'If-Match', in: 'header', required: true, description: 'The design\'s current ETag', schema: { type: 'string' } });
  }
  const responses: Record<string, JsonObject> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    const code = Number(status);
    const id = r.schema ? idOf(r.schema) : undefined;
    if (code >= 400) {
      responses[status] = { description: r.description, content: { 'application/problem+json': { schema: ref('Problem') } } };
    } else if (r.schema) {
      responses[status] = { description: r.description, content: { [r.contentType ?? 'application/json']: { schema: id ? ref(id) : inline(r.schema, 'output') } } };
    } else if (r.contentType) {
      responses[status] = { description: r.description, content: { [r.contentType]: { schema: { type: 'string' } } } };
    } else responses[status] = { description: r.description };
  }
  responses.default = { description: 'Any error, as problem+json', content: { 'application/problem+json': { schema: ref(idOf(Problem) ?? 'Problem') } } };
  const body: JsonObject | undefined = route.body
    ? {
        required: true,
        content: {
          'application/json': { schema: idOf(route.body) ? ref(idOf(route.body)!) : inline(route.body, 'input') },
          ...Object.fromEntries((route.rawBody ?? []).map((t) => [t, { schema: { type: 'string' } }])),
        },
      }
    : undefined;
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    'x-access': route.access,
    ...(route.access === 'public' ? { security: [] } : { security: [{ session: [] }, { bearer: [] }] }),
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}
