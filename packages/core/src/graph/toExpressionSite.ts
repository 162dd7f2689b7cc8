import type { ExpressionSite } from '../cel/types/ExpressionSite.js';
import { celSourceOf } from './buildResourceGraph.js';
import type { ExpressionOccurrence } from './ExpressionOccurrence.js';

/** Turns a scanned occurrence into the unit the typed-CEL stage checks. */
export function toExpressionSite(occ: ExpressionOccurrence): ExpressionSite {
  const { celSource, toSourceOffset } = celSourceOf(occ);
  const path =
    occ.context === 'forEach' ? occ.path.replace(/\.[^.]*$/, '') : occ.context === 'condition' ? occ.path.replace(/^status\./, '') : occ.path;
  // One object shape for every site (no conditional spreads): this runs once per expression on every keystroke.
  const site: { -readonly [K in keyof ExpressionSite]: ExpressionSite[K] } = {
    context: occ.context,
    path,
    documentPath: occ.documentPath,
    standalone: occ.standalone,
    celSource,
    displayText: occ.standalone ? occ.matches[0]!.expression : occ.text,
    toSourceOffset,
    span: occ.span,
  };
  if (occ.resourceId !== undefined) site.resourceId = occ.resourceId;
  if (occ.iterator !== undefined) site.iterator = occ.iterator;
  if (occ.expectedSchema) site.expectedSchema = occ.expectedSchema;
  return site;
}
