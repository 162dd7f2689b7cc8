import { describe, expect, it } from 'vitest';
import { LineIndex } from './LineIndex.js';

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and UTF-16 columns across LF, CRLF and CR breaks', () => {
    const idx = new LineIndex('ab\ncd\r\nef\rgh');
    expect(idx.lineCount).toBe(4);
    expect(idx.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(idx.positionAt(3)).toEqual({ line: 2, column: 1 });
    expect(idx.positionAt(7)).toEqual({ line: 3, column: 1 });
    expect(idx.positionAt(10)).toEqual({ line: 4, column: 1 });
    expect(idx.lineText(2)).toBe('cd');
    expect(idx.lineText(3)).toBe('ef');
  });

  it('round-trips offsets and clamps out-of-range input', () => {
    const text = 'x: 1\n  y: 😀z\n';
    const idx = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) expect(idx.offsetAt(idx.positionAt(o))).toBe(o);
    expect(idx.positionAt(-5)).toEqual({ line: 1, column: 1 });
    expect(idx.positionAt(10_000)).toEqual(idx.positionAt(text.length));
    // The emoji is two UTF-16 code units, as Monaco counts them.
    expect(idx.positionAt(text.indexOf('z'))).toEqual({ line: 2, column: 8 });
  });
});
