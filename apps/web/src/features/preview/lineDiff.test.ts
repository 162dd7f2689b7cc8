import { describe, expect, it } from 'vitest';
import { lineDiff } from './lineDiff';

describe('lineDiff', () => {
  it('marks an edited value as changed and leaves the rest alone', () => {
    const d = lineDiff('a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 5\nc: 3\n');
    expect(d.marks).toEqual(['same', 'changed', 'same', 'same']);
    expect(d.changed).toBe(true);
    expect([...d.removedBefore]).toEqual([]);
  });

  it('marks inserted lines as added and counts removed ones where they were', () => {
    const added = lineDiff('a\nc', 'a\nb\nc');
    expect(added.marks).toEqual(['same', 'added', 'same']);
    const removed = lineDiff('a\nb\nb2\nc', 'a\nc');
    expect(removed.marks).toEqual(['same', 'same']);
    expect([...removed.removedBefore]).toEqual([[1, 2]]);
  });

  it('reports no change for equal texts and treats a first render as all added', () => {
    expect(lineDiff('x\ny', 'x\ny')).toEqual({ marks: ['same', 'same'], removedBefore: new Map(), changed: false });
    expect(lineDiff('', 'x\ny').marks).toEqual(['added', 'added']);
  });
});
