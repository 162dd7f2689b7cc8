import type { ExpressionSite } from '../cel/types/ExpressionSite.js';
import { celSourceOf } from './buildResourceGraph.js';
import type { ExpressionOccurrence } from './ExpressionOccurrence.js';

/** Turns a scanned occurrence into the unit the typed-CEL stage checks. */
export function toExpressionSite(occ: ExpressionOccurrence): ExpressionSite {
  const { celSource, toSourceOffset } = celSourceOf(occ);
  const path =
    occ.context === 'forEach' ? occ.path.replace(/\.[^.]*$/, '') : occ.context === 'condition' ? occ.path.replace(/^status\./, '') : occ.path;
  return {
    ...(occ.resourceId !== undefined ? { resourceId: occ.resourceId } : {}),
    context: occ.context,
    path,
    documentPath: occ.documentPath,
    ...(occ.iterator !== undefined ? { iterator: occ.iterator } : {}),
    standalone: occ.standalone,
    celSource,
    displayText: occ.standalone ? occ.matches[0]!.expression : occ.text,
    toSourceOffset,
    span: occ.span,
    ...(occ.expectedSchema ? { expectedSchema: occ.expectedSchema } : {}),
  };
}
