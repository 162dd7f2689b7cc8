import type { Diagnostic } from './Diagnostic.js';
import { LineIndex } from '../source/LineIndex.js';

export interface CodeFrameOptions {
  /** File name shown in the `-->` line. */
  readonly fileName?: string;
  /** Lines of context shown above the first marked line. */
  readonly contextLines?: number;
  /** Longest source line shown before it is cut around the marker. */
  readonly maxLineWidth?: number;
}

/**
 * Renders a diagnostic as plain text with a code frame:
 *
 * ```
 * error[simpleschema/unknown-type]: unknown type: number
 *   --> rgd.yaml:12:17
 *    |
 * 12 |       replicas: number | default=3
 *    |                 ^^^^^^
 * ```
 * Marks at most the first line of a multi-line span; tabs are shown as one space so carets line up.
 */
export function renderCodeFrame(text: string | LineIndex, d: Diagnostic, options: CodeFrameOptions = {}): string {
  const lines = typeof text === 'string' ? new LineIndex(text) : text;
  const start = lines.positionAt(d.span.start);
  const end = lines.positionAt(d.span.end);
  const where = `${options.fileName ?? '<input>'}:${start.line}:${start.column}`;
  const head = `${d.severity}[${d.code}]: ${d.message}${d.resourceId ? ` (resource "${d.resourceId}")` : ''}`;
  const out = [head, `  --> ${where}`];
  const gutter = String(start.line).length;
  const pad = ' '.repeat(gutter);
  const context = options.contextLines ?? 1;
  const maxWidth = options.maxLineWidth ?? 160;
  out.push(`${pad} |`);
  for (let l = Math.max(1, start.line - context); l < start.line; l++) {
    out.push(`${String(l).padStart(gutter)} | ${clip(lines.lineText(l), 0, maxWidth).text}`);
  }
  const lineText = lines.lineText(start.line);
  const caretEnd = end.line === start.line ? Math.max(end.column, start.column + 1) : lineText.length + 1;
  const clipped = clip(lineText, start.column - 1, maxWidth);
  out.push(`${String(start.line).padStart(gutter)} | ${clipped.text}`);
  const caretStart = start.column - 1 - clipped.shift;
  const caretLen = Math.max(1, Math.min(caretEnd - start.column, maxWidth - caretStart));
  out.push(`${pad} | ${' '.repeat(Math.max(0, caretStart))}${'^'.repeat(caretLen)}`);
  for (const r of d.related ?? []) {
    if (r.span) {
      const p = lines.positionAt(r.span.start);
      out.push(`${pad} = note: ${r.message} (${options.fileName ?? '<input>'}:${p.line}:${p.column})`);
    } else out.push(`${pad} = note: ${r.message}`);
  }
  return out.join('\n');
}

/** Cuts a long line to a window around `focus`, replacing tabs so carets align. */
function clip(line: string, focus: number, width: number): { text: string; shift: number } {
  const flat = line.replace(/\t/g, ' ');
  if (flat.length <= width) return { text: flat, shift: 0 };
  const from = Math.max(0, Math.min(focus - Math.floor(width / 3), flat.length - width));
  const body = flat.slice(from, from + width);
  return { text: (from > 0 ? '…' : '') + body + (from + width < flat.length ? '…' : ''), shift: from - (from > 0 ? 1 : 0) };
}
