import type { QueryAnswer } from '../validation/ValidationClient';
import type { monaco } from './setupMonaco';
import { positionToOffset, spanToRange } from './toMonaco';

/** Asks the validation worker about an offset of the current text. */
export type QueryFn = (model: monaco.editor.ITextModel, offset: number) => Promise<QueryAnswer>;

/**
 * Completion and hover inside `${...}` from the core's `queryAt`, answered by the validation worker for the exact
 * text version in the editor. Outside expressions the providers return nothing and monaco-yaml's schema-based
 * suggestions remain.
 */
export function registerCelProviders(m: typeof monaco, query: QueryFn): monaco.IDisposable[] {
  const kinds = { variable: m.languages.CompletionItemKind.Variable, field: m.languages.CompletionItemKind.Field, function: m.languages.CompletionItemKind.Function };
  return [
    m.languages.registerCompletionItemProvider('yaml', {
      triggerCharacters: ['.', '{'],
      async provideCompletionItems(model, position) {
        const answer = await query(model, positionToOffset(model, position));
        return {
          suggestions: answer.completions.map((c, i) => ({
            label: { label: c.label, description: c.detail },
            kind: kinds[c.kind],
            detail: c.detail,
            ...(c.documentation ? { documentation: c.documentation } : {}),
            insertText: c.label,
            // Fields first, in the order the core gives (declaration order of the schema).
            sortText: String(i).padStart(4, '0'),
            range: spanToRange(m, model, c.replace, false),
          })),
          incomplete: false,
        };
      },
    }),
    m.languages.registerHoverProvider('yaml', {
      async provideHover(model, position) {
        const answer = await query(model, positionToOffset(model, position));
        const h = answer.hover;
        if (!h) return null;
        return {
          range: spanToRange(m, model, h.span),
          contents: [{ value: `\`${h.path}\`: **${h.type}**` }, ...(h.description ? [{ value: h.description }] : [])],
        };
      },
    }),
  ];
}
