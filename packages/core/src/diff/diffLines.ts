/** One line of a hunk: kept (`' '`), removed from the old text (`'-'`) or added in the new text (`'+'`). */
export interface DiffLine {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
}

/** A run of changes with its surrounding context, numbered like a unified diff (1-based; a count of 0 means empty). */
export interface DiffHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly DiffLine[];
}

export interface LineDiff {
  readonly hunks: readonly DiffHunk[];
  /** Number of lines added and removed over the whole diff. */
  readonly added: number;
  readonly removed: number;
  /**
   * True when the two texts differed too much for a minimal diff within the edit budget, so the changed middle is
   * reported as removed whole and added whole. Still a correct diff, only not a minimal one.
   */
  readonly approximate: boolean;
}

export interface DiffLinesOptions {
  /** Unchanged lines shown around each change (default 3, as `diff -u`). */
  readonly context?: number;
  /** Largest edit distance searched for a minimal diff before falling back to a whole-block replacement. */
  readonly maxEdits?: number;
}

/** Splits text into lines without their terminators; a trailing line break does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

type Op = DiffLine['op'];

/**
 * Line diff of two texts with Myers' O((N+M)·D) algorithm, grouped into unified-diff hunks.
 * Common leading and trailing lines are trimmed first, so the usual small edit of a large file stays cheap; the
 * search stops at `maxEdits` (default 4,000) and then reports the differing middle as one replacement.
 */
export function diffLines(oldText: string, newText: string, options: DiffLinesOptions = {}): LineDiff {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const context = Math.max(0, options.context ?? 3);
  const maxEdits = options.maxEdits ?? 4000;

  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;

  // Lines become small integers so the inner loop compares numbers, not strings.
  const ids = new Map<string, number>();
  const intern = (s: string) => {
    let id = ids.get(s);
    if (id === undefined) {
      id = ids.size;
      ids.set(s, id);
    }
    return id;
  };
  const midA = a.slice(prefix, a.length - suffix).map(intern);
  const midB = b.slice(prefix, b.length - suffix).map(intern);
  const middle = myers(midA, midB, maxEdits);
  const approximate = middle === undefined;
  const ops: Op[] = [];
  for (let i = 0; i < prefix; i++) ops.push(' ');
  if (middle) ops.push(...middle);
  else {
    for (let i = 0; i < midA.length; i++) ops.push('-');
    for (let i = 0; i < midB.length; i++) ops.push('+');
  }
  for (let i = 0; i < suffix; i++) ops.push(' ');
  return { ...toHunks(ops, a, b, context), approximate };
}

/** Myers' greedy forward search; returns the edit script, or undefined when it needs more than `maxEdits` edits. */
function myers(a: readonly number[], b: readonly number[], maxEdits: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v);
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && next[offset + k - 1]! < next[offset + k + 1]!)) x = next[offset + k + 1]!;
      else x = next[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, offset, d);
    }
    v = next;
  }
  return n + m === 0 ? [] : undefined;
}

function backtrack(trace: readonly Int32Array[], n: number, m: number, offset: number, dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    // `trace[d]` is V before round d, i.e. the furthest points reached with d-1 edits.
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(' ');
      x--;
      y--;
    }
    ops.push(down ? '+' : '-');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push(' ');
    x--;
    y--;
  }
  return ops.reverse();
}

function toHunks(ops: readonly Op[], a: readonly string[], b: readonly string[], context: number): Omit<LineDiff, 'approximate'> {
  // Position of every op in both texts, so hunks can be cut anywhere.
  const lines: { op: Op; text: string; ai: number; bi: number }[] = [];
  let ai = 0;
  let bi = 0;
  let added = 0;
  let removed = 0;
  for (const op of ops) {
    if (op === ' ') lines.push({ op, text: a[ai]!, ai: ai++, bi: bi++ });
    else if (op === '-') {
      lines.push({ op, text: a[ai]!, ai: ai++, bi });
      removed++;
    } else {
      lines.push({ op, text: b[bi]!, ai, bi: bi++ });
      added++;
    }
  }
  const hunks: DiffHunk[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.op === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    // Extend over changes separated by at most 2·context unchanged lines, so neighbouring hunks merge as diff -u does.
    let end = i;
    let lastChange = i;
    while (end < lines.length) {
      if (lines[end]!.op !== ' ') lastChange = end;
      else if (end - lastChange > 2 * context) break;
      end++;
    }
    end = Math.min(lines.length, lastChange + context + 1);
    const slice = lines.slice(start, end);
    const first = slice[0]!;
    const oldLines = slice.filter((l) => l.op !== '+').length;
    const newLines = slice.filter((l) => l.op !== '-').length;
    hunks.push({
      oldStart: oldLines === 0 ? first.ai : first.ai + 1,
      oldLines,
      newStart: newLines === 0 ? first.bi : first.bi + 1,
      newLines,
      lines: slice.map(({ op, text }) => ({ op, text })),
    });
    i = end;
  }
  return { hunks, added, removed };
}

/** Renders a line diff in unified format (`--- from`, `+++ to`, `@@ -a,b +c,d @@`). Empty when nothing changed. */
export function renderUnifiedDiff(diff: LineDiff, fromLabel: string, toLabel: string): string {
  if (diff.hunks.length === 0) return '';
  const out = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  for (const h of diff.hunks) {
    out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const l of h.lines) out.push(l.op + l.text);
  }
  return out.join('\n') + '\n';
}
