/** One segment of a kro field path: a field name or an array index. */
export type FieldPathSegment = { readonly name: string } | { readonly index: number };

/**
 * Parses a field path in kro's format (`pkg/graph/fieldpath`): dot-separated names, `[N]` array indices, and
 * `["key"]` for names that contain dots or are empty (`metadata.labels["app.kubernetes.io/name"]`, `items[0].x`).
 * Returns undefined for a malformed path.
 */
export function parseFieldPath(path: string): FieldPathSegment[] | undefined {
  const segments: FieldPathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '[') {
      if (path[i + 1] === '"') {
        const end = closingQuote(path, i + 2);
        if (end < 0 || path[end + 1] !== ']') return undefined;
        let name: unknown;
        try {
          name = JSON.parse(path.slice(i + 1, end + 1));
        } catch {
          return undefined; // a malformed quoted key makes the whole path unusable
        }
        segments.push({ name: name as string });
        i = end + 2;
      } else {
        const end = path.indexOf(']', i);
        const digits = end < 0 ? '' : path.slice(i + 1, end);
        if (!/^\d+$/.test(digits)) return undefined;
        segments.push({ index: Number(digits) });
        i = end + 1;
      }
      if (path[i] === '.') i++;
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    if (end === i) return undefined;
    segments.push({ name: path.slice(i, end) });
    i = end;
    if (path[i] === '.') {
      i++;
      if (i === path.length) return undefined;
    }
  }
  return segments;
}

function closingQuote(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}
