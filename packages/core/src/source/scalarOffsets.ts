/**
 * Maps each UTF-16 index of a YAML scalar's parsed string value to the offset of the source character it came from,
 * so a problem found inside a value (a SimpleSchema marker, a CEL token) can be located in the file.
 *
 * `source` is the scalar's raw text as written (including quotes or the block header) and `start` its offset.
 * The returned array has `value.length + 1` entries; the last one is the offset just past the value.
 * If decoding does not reproduce `value` exactly, a proportional clamp is returned instead: never wrong by more than
 * the scalar's own extent.
 */
export function scalarOffsets(
  value: string,
  source: string,
  start: number,
  style: 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED',
): number[] {
  const decoded =
    style === 'QUOTE_DOUBLE'
      ? decodeDouble(source)
      : style === 'QUOTE_SINGLE'
        ? decodeFlow(source.slice(1, source.endsWith("'") && source.length > 1 ? -1 : undefined), 1, true)
        : style === 'PLAIN'
          ? decodeFlow(source, 0, false)
          : decodeBlock(source);
  if (decoded.text === value) {
    return [...decoded.offsets.map((o) => o + start), start + sourceEndOfValue(source, style)];
  }
  const out: number[] = [];
  const limit = Math.max(0, source.length - 1);
  for (let i = 0; i <= value.length; i++) out.push(start + Math.min(i + (style.startsWith('QUOTE') ? 1 : 0), limit));
  return out;
}

interface Decoded {
  text: string;
  offsets: number[];
}

function sourceEndOfValue(source: string, style: string): number {
  if (style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE') return Math.max(1, source.length - 1);
  return source.replace(/\s+$/, '').length;
}

/** Plain and single-quoted scalars: line folding (a single break becomes a space, n>1 breaks become n-1 `\n`). */
function decodeFlow(body: string, base: number, singleQuoted: boolean): Decoded {
  const text: string[] = [];
  const offsets: number[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '\n' || c === '\r') {
      const next = foldLineBreaks(body, i, base, text, offsets, false);
      if (next < 0) break;
      i = next;
      continue;
    }
    if (singleQuoted && c === "'" && body[i + 1] === "'") {
      text.push("'");
      offsets.push(base + i);
      i += 2;
      continue;
    }
    text.push(c);
    offsets.push(base + i);
    i++;
  }
  if (!singleQuoted) {
    while (text.length > 0 && /\s/.test(text[text.length - 1]!)) {
      text.pop();
      offsets.pop();
    }
  }
  return { text: text.join(''), offsets };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

function decodeDouble(source: string): Decoded {
  const body = source.slice(1, source.endsWith('"') && source.length > 1 ? -1 : undefined);
  const text: string[] = [];
  const offsets: number[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '\\') {
      const e = body[i + 1];
      if (e === undefined) break;
      if (e === '\n' || e === '\r') {
        // Escaped line break: joins lines without a space.
        i += 2;
        while (i < body.length && (body[i] === ' ' || body[i] === '\t' || body[i] === '\n' || body[i] === '\r')) i++;
        continue;
      }
      const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (hexLen > 0) {
        const cp = Number.parseInt(body.slice(i + 2, i + 2 + hexLen), 16);
        const ch = Number.isFinite(cp) ? String.fromCodePoint(cp) : '';
        for (let k = 0; k < ch.length; k++) {
          text.push(ch[k]!);
          offsets.push(1 + i);
        }
        i += 2 + hexLen;
        continue;
      }
      text.push(SIMPLE_ESCAPES[e] ?? e);
      offsets.push(1 + i);
      i += 2;
      continue;
    }
    if (c === '\n' || c === '\r') {
      i = foldLineBreaks(body, i, 1, text, offsets, true);
      continue;
    }
    text.push(c);
    offsets.push(1 + i);
    i++;
  }
  return { text: text.join(''), offsets };
}

const isFoldSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * YAML line folding inside flow scalars, from the line break at `i`: trailing blanks already emitted are dropped,
 * one break becomes a space and n > 1 breaks become n - 1 newlines, each mapped to the first break's offset.
 * Returns the index after the folded run, or -1 when the run reaches the end of `body` and `foldAtEnd` is false.
 */
function foldLineBreaks(body: string, i: number, base: number, text: string[], offsets: number[], foldAtEnd: boolean): number {
  while (text.length > 0 && (text[text.length - 1] === ' ' || text[text.length - 1] === '\t')) {
    text.pop();
    offsets.pop();
  }
  let breaks = 0;
  const breakAt = i;
  while (i < body.length && isFoldSpace(body[i])) {
    if (body[i] === '\n') breaks++;
    i++;
  }
  if (i >= body.length && !foldAtEnd) return -1;
  if (breaks <= 1) {
    text.push(' ');
    offsets.push(base + breakAt);
  } else {
    for (let b = 1; b < breaks; b++) {
      text.push('\n');
      offsets.push(base + breakAt);
    }
  }
  return i;
}

/** Block scalars: content lines keep their characters one-to-one; only indentation is dropped. */
function decodeBlock(source: string): Decoded {
  const headerEnd = source.indexOf('\n');
  if (headerEnd < 0) return { text: '', offsets: [] };
  const header = source.slice(0, headerEnd);
  const folded = header.startsWith('>');
  const explicit = /[1-9]/.exec(header);
  const lines: { start: number; text: string }[] = [];
  let pos = headerEnd + 1;
  while (pos <= source.length) {
    const nl = source.indexOf('\n', pos);
    const end = nl < 0 ? source.length : nl;
    lines.push({ start: pos, text: source.slice(pos, end).replace(/\r$/, '') });
    if (nl < 0) break;
    pos = nl + 1;
  }
  const firstContent = lines.find((l) => l.text.trim() !== '');
  const indent = explicit ? Number(explicit[0]) : firstContent ? firstContent.text.length - firstContent.text.trimStart().length : 0;
  const text: string[] = [];
  const offsets: number[] = [];
  let prevMoreIndented = false;
  lines.forEach((line, idx) => {
    const content = line.text.length >= indent ? line.text.slice(indent) : '';
    const empty = line.text.trim() === '';
    const moreIndented = content.startsWith(' ') || content.startsWith('\t');
    for (let k = 0; k < content.length; k++) {
      text.push(content[k]!);
      offsets.push(line.start + indent + k);
    }
    if (idx < lines.length - 1) {
      const next = lines[idx + 1]!;
      const nextEmpty = next.text.trim() === '';
      const nextMore = next.text.length > indent && /[ \t]/.test(next.text[indent] ?? '');
      const fold = folded && !empty && !nextEmpty && !moreIndented && !nextMore && !prevMoreIndented;
      text.push(fold ? ' ' : '\n');
      offsets.push(line.start + line.text.length);
    }
    prevMoreIndented = moreIndented;
  });
  // Chomping is decided by the parser; callers compare against the parsed value, so trim to it there.
  let joined = text.join('');
  const chompKeep = header.includes('+');
  const chompStrip = header.includes('-');
  if (!chompKeep) {
    let cut = joined.length;
    while (cut > 0 && joined[cut - 1] === '\n') cut--;
    const keep = chompStrip ? cut : Math.min(joined.length, cut + (cut > 0 ? 1 : 0));
    if (keep > cut && joined[cut] !== '\n') {
      joined = joined.slice(0, cut) + '\n';
      offsets.length = cut;
      offsets.push(offsets[cut - 1] ?? 0);
    } else {
      joined = joined.slice(0, keep);
      offsets.length = keep;
    }
  }
  return { text: joined, offsets };
}
