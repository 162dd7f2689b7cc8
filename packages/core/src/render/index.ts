/**
 * Instance rendering: what kro v0.9.3 would apply for an instance of an RGD ({@link renderInstance}), the API
 * server's defaulting and validation of the instance ({@link defaultInstance}), and the pieces the sandbox cluster
 * reuses (a compiled plan per RGD, readiness, the ApplySet id).
 */
export type { PlainObject, PendingExpression, RenderState, RenderedResource, ObservedNode, RenderOptions, RenderResult, ParentMetadata } from './RenderTypes.js';
export { renderInstance, renderWithPlan, PREVIEW_INSTANCE_UID } from './renderInstance.js';
export { compileRenderPlan, type RenderPlan, type PlannedNode, type PlannedExpression } from './compileRenderPlan.js';
export { checkReadiness, type Readiness } from './checkReadiness.js';
export { defaultInstance, type DefaultedInstance } from './defaultInstance.js';
export { applyDefaults } from './applyDefaults.js';
export { applySetId, base64UrlNoPad } from './applySetId.js';
export { childLabels, parentMetadata, safeKroVersion, type InstanceIdentity } from './kroMetadata.js';
export { toCelValue } from './toCelValue.js';
export { toJsonValue } from './toJsonValue.js';
