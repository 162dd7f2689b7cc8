// The one module that turns the core's UTF-16 spans into Monaco's 1-based positions (and back).
import type { Diagnostic, Span } from '@kro-designer/core';
import type { monaco } from './setupMonaco';

type Model = monaco.editor.ITextModel;
type Monaco = typeof monaco;

/** Span → Monaco range on `model`. Empty spans widen to one character (so markers stay visible) unless `widenEmpty` is false. */
export function spanToRange(m: Monaco, model: Model, span: Span, widenEmpty = true): monaco.IRange {
  const start = model.getPositionAt(span.start);
  const endOffset = span.end > span.start || !widenEmpty ? span.end : Math.min(span.start + 1, model.getValueLength());
  const end = model.getPositionAt(endOffset);
  return new m.Range(start.lineNumber, start.column, end.lineNumber, end.column);
}

/** Monaco position → UTF-16 offset into the text. */
export function positionToOffset(model: Model, position: monaco.IPosition): number {
  return model.getOffsetAt(position);
}

const SEVERITY = { error: 8, warning: 4, info: 2 } as const;

/** The core's diagnostics as Monaco markers (owner `kro`), with the code shown and related locations linked. */
export function toMarkers(m: Monaco, model: Model, diagnostics: readonly Diagnostic[]): monaco.editor.IMarkerData[] {
  return diagnostics.map((d) => {
    const r = spanToRange(m, model, d.span);
    return {
      severity: SEVERITY[d.severity] as monaco.MarkerSeverity,
      message: d.message,
      code: d.code,
      source: 'kro',
      startLineNumber: r.startLineNumber,
      startColumn: r.startColumn,
      endLineNumber: r.endLineNumber,
      endColumn: r.endColumn,
      ...(d.related?.some((x) => x.span)
        ? {
            relatedInformation: d.related
              .filter((x) => x.span)
              .map((x) => {
                const rr = spanToRange(m, model, x.span!);
                return { resource: model.uri, message: x.message, startLineNumber: rr.startLineNumber, startColumn: rr.startColumn, endLineNumber: rr.endLineNumber, endColumn: rr.endColumn };
              }),
          }
        : {}),
    };
  });
}
