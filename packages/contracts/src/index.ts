/**
 * @kro-designer/contracts — the HTTP contract of kro-designer: zod schemas (validated at the trust boundary by the
 * API, imported for types by the web app), RFC 9457 problem details, and the OpenAPI document built from them.
 */
export * from './common.js';
export * from './diagnostics.js';
export * from './problem.js';
export * from './designs.js';
export * from './validation.js';
export * from './access.js';
export { API_ROUTES, type ApiRoute, type HttpMethod, type RouteResponse } from './apiRoutes.js';
export { buildOpenApiDocument } from './buildOpenApiDocument.js';
export * from './render.js';
export * from './clusters.js';
export * from './live.js';
export * from './kinds.js';
