import type { Fix } from '@kro-designer/core';
import type { Command } from '../DesignStore';

/**
 * Applies a diagnostic's quick fix: its text edits, by span, to the text the diagnostic was computed from. Refuses
 * when the text changed since (`expectedText`), since the spans would no longer point at the same characters.
 */
export function applyFix(fix: Fix, expectedText: string): Command {
  return {
    label: fix.title,
    run(text) {
      if (text !== expectedText) return { ok: false, message: 'The text changed since this problem was found; try again' };
      const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
      let out = text;
      let last = Infinity;
      for (const e of edits) {
        if (e.span.end > last || e.span.start < 0 || e.span.end > text.length) return { ok: false, message: `The fix "${fix.title}" has overlapping or out-of-range edits` };
        out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
        last = e.span.start;
      }
      return { ok: true, text: out };
    },
  };
}
