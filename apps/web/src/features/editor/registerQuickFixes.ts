import type { Diagnostic } from '@kro-designer/core';
import type { monaco } from './setupMonaco';
import { spanToRange } from './toMonaco';

/** The diagnostics of the text now in the editor, or undefined while validation catches up. */
export type CurrentDiagnostics = () => readonly Diagnostic[] | undefined;

/**
 * Offers the core's quick fixes (a misspelt field or id → the suggestion) as Monaco code actions on the problem's
 * range: the light bulb and Ctrl+. apply them as ordinary edits, so they join the undo history like typing.
 */
export function registerQuickFixes(m: typeof monaco, current: CurrentDiagnostics): monaco.IDisposable {
  return m.languages.registerCodeActionProvider('yaml', {
    provideCodeActions(model, range) {
      const diagnostics = current() ?? [];
      const actions: monaco.languages.CodeAction[] = [];
      for (const d of diagnostics) {
        if (!d.fixes?.length) continue;
        const r = spanToRange(m, model, d.span);
        if (!m.Range.areIntersectingOrTouching(r, range)) continue;
        for (const fix of d.fixes) {
          actions.push({
            title: fix.title,
            kind: 'quickfix',
            isPreferred: true,
            edit: { edits: fix.edits.map((e) => ({ resource: model.uri, versionId: model.getVersionId(), textEdit: { range: spanToRange(m, model, e.span, false), text: e.newText } })) },
          });
        }
      }
      return { actions, dispose: () => undefined };
    },
  });
}
