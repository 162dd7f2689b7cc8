import type { RgdValidation, SchemaRegistry } from '@kro-designer/core';
import type { PreviewSnapshot, RgdSummary } from './protocol';

export interface RenderPreviewInput {
  readonly rgd: RgdValidation;
  readonly summary: RgdSummary;
  readonly rgdText: string;
  readonly version: number;
  readonly instanceText: string;
  readonly registry: SchemaRegistry;
}

/** Renders an instance with the core's engine (runs in the validation worker). */
export function renderPreview(input: RenderPreviewInput): PreviewSnapshot {
  throw new Error(`The render engine (packages/core/src/render) is not in this build yet; ${input.summary.resources.length} resources wait for it.`);
}
