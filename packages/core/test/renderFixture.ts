import { LineIndex } from '../src/source/LineIndex.js';
import type { RenderResult } from '../src/render/RenderTypes.js';

/** A render result in the fixtures' form: diagnostics as `document line:col-line:col severity code: message`. */
export function fixtureView(result: RenderResult, rgdText: string, instanceText: string): unknown {
  const rgdLines = new LineIndex(rgdText);
  const instanceLines = new LineIndex(instanceText);
  return {
    valid: result.valid,
    diagnostics: result.diagnostics.map((d) => {
      const lines = d.document === 'rgd' ? rgdLines : instanceLines;
      const s = lines.positionAt(d.span.start);
      const e = lines.positionAt(d.span.end);
      return `${d.document} ${s.line}:${s.column}-${e.line}:${e.column} ${d.severity} ${d.code}: ${d.message}`;
    }),
    ...(result.instance ? { instance: result.instance } : {}),
    resources: result.resources,
    status: result.status,
    ...(result.applySetId ? { applySetId: result.applySetId } : {}),
    ...(result.parent ? { parent: result.parent } : {}),
  };
}
