import { describe, expect, it } from 'vitest';
import { diffLines, renderUnifiedDiff, splitLines } from './diffLines.js';

/** Applies a diff's hunks to the old text; a correct diff must reproduce the new text exactly. */
function apply(oldText: string, diff: ReturnType<typeof diffLines>): string[] {
  const a = splitLines(oldText);
  const out: string[] = [];
  let pos = 0;
  for (const h of diff.hunks) {
    const start = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
    out.push(...a.slice(pos, start));
    pos = start;
    for (const l of h.lines) {
      if (l.op === '+') out.push(l.text);
      else {
        expect(a[pos]).toBe(l.text);
        if (l.op === ' ') out.push(l.text);
        pos++;
      }
    }
  }
  out.push(...a.slice(pos));
  return out;
}

describe('diffLines', () => {
  it('reports nothing for equal texts and ignores a final line break difference in line count', () => {
    expect(diffLines('a\nb\n', 'a\nb\n').hunks).toEqual([]);
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual([]);
  });

  it('produces a minimal unified diff with context', () => {
    const d = diffLines('a\nb\nc\nd\ne\n', 'a\nb\nX\nd\ne\nf\n', { context: 1 });
    expect(d.added).toBe(2);
    expect(d.removed).toBe(1);
    expect(renderUnifiedDiff(d, 'r1', 'r2')).toBe('--- r1\n+++ r2\n@@ -2,4 +2,5 @@\n b\n-c\n+X\n d\n e\n+f\n');
  });

  it('splits distant changes into separate hunks and merges close ones', () => {
    const old = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const lines = old.split('\n');
    lines[2] = 'changed 2';
    lines[25] = 'changed 25';
    const far = diffLines(old, lines.join('\n'));
    expect(far.hunks.length).toBe(2);
    expect(far.hunks[0]).toMatchObject({ oldStart: 1, oldLines: 6, newStart: 1, newLines: 6 });
    lines[6] = 'changed 6';
    expect(diffLines(old, lines.join('\n')).hunks.length).toBe(2);
  });

  it('handles insertions into and deletions to an empty text', () => {
    const add = diffLines('', 'x\ny\n');
    expect(add.hunks).toEqual([{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 2, lines: [{ op: '+', text: 'x' }, { op: '+', text: 'y' }] }]);
    const del = diffLines('x\ny\n', '');
    expect(del.hunks[0]).toMatchObject({ oldStart: 1, oldLines: 2, newStart: 0, newLines: 0 });
  });

  it('always yields a diff that transforms the old text into the new one', () => {
    // Deterministic pseudo-random edits (a linear congruential generator) so failures reproduce.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(next() * 20) }, () => 'abcde'[Math.floor(next() * 5)]!);
      const b = a.flatMap((l) => (next() < 0.2 ? [] : next() < 0.2 ? [l, 'abcde'[Math.floor(next() * 5)]!] : [l]));
      if (next() < 0.3) b.unshift('z');
      const d = diffLines(a.join('\n'), b.join('\n'), { context: Math.floor(next() * 4) });
      expect(apply(a.join('\n'), d)).toEqual(b);
      expect(d.approximate).toBe(false);
    }
  });

  it('falls back to a whole-block replacement past the edit budget, still correct', () => {
    const a = Array.from({ length: 50 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 50 }, (_, i) => `b${i}`).join('\n');
    const d = diffLines(a, b, { maxEdits: 10 });
    expect(d.approximate).toBe(true);
    expect(apply(a, d)).toEqual(b.split('\n'));
    expect(d.removed).toBe(50);
    expect(d.added).toBe(50);
  });
});
