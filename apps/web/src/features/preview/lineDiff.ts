/** How a line of the new text relates to the old one. */
export type LineMark = 'same' | 'added' | 'changed';

export interface LineDiff {
  /** One mark per line of the new text. */
  readonly marks: readonly LineMark[];
  /** Old lines with no counterpart, keyed by the index of the new line they were removed before. */
  readonly removedBefore: ReadonlyMap<number, number>;
  readonly changed: boolean;
}

/** Past this many line pairs the diff is not computed (a forEach of 1,000 items); every line reads as unchanged. */
const MAX_CELLS = 4_000_000;

/**
 * Line diff of two texts by longest common subsequence. A run of removed lines directly followed by added lines
 * reads as `changed` (an edited value), the rest as `added` or removed.
 */
export function lineDiff(oldText: string, newText: string): LineDiff {
  const a = oldText === '' ? [] : oldText.split('\n');
  const b = newText === '' ? [] : newText.split('\n');
  if (oldText === newText || a.length * b.length > MAX_CELLS) return { marks: b.map(() => 'same'), removedBefore: new Map(), changed: oldText !== newText };
  // Trim the common head and tail so the table only covers the edited middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = table[i]!;
    const below = table[i + 1]!;
    for (let j = m - 1; j >= 0; j--) row[j] = am[i] === bm[j] ? below[j + 1]! + 1 : Math.max(below[j]!, row[j + 1]!);
  }
  const marks: LineMark[] = b.map(() => 'same');
  const removedBefore = new Map<number, number>();
  let i = 0;
  let j = 0;
  let removedRun = 0;
  const flushRemoved = (at: number) => {
    if (removedRun > 0) removedBefore.set(head + at, (removedBefore.get(head + at) ?? 0) + removedRun);
    removedRun = 0;
  };
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      flushRemoved(j);
      i++;
      j++;
    } else if (j < m && (i >= n || table[i]![j + 1]! > table[i + 1]![j]!)) {
      if (removedRun > 0) {
        marks[head + j] = 'changed';
        removedRun--;
      } else marks[head + j] = 'added';
      j++;
    } else {
      removedRun++;
      i++;
    }
  }
  flushRemoved(m);
  return { marks, removedBefore, changed: true };
}
