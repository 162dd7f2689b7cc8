import { renderInstance, type RgdValidation, type SchemaRegistry } from '@kro-designer/core';
import { buildPreview } from './buildPreview';
import type { PreviewSnapshot, RgdSummary } from './protocol';

export interface RenderPreviewInput {
  readonly rgd: RgdValidation;
  readonly summary: RgdSummary;
  readonly rgdText: string;
  readonly version: number;
  readonly instanceText: string;
  readonly registry: SchemaRegistry;
}

/**
 * Renders an instance with the core's engine, reusing the validation of that text version (runs in the validation
 * worker, so the preview follows every keystroke without a server round trip).
 */
export function renderPreview(input: RenderPreviewInput): PreviewSnapshot {
  const t0 = performance.now();
  const result = renderInstance(input.rgd, input.registry, input.instanceText);
  return buildPreview(result, { version: input.version, rgdText: input.rgdText, instanceText: input.instanceText, resources: input.summary.resources, elapsedMs: performance.now() - t0 });
}
