/**
 * A cheap, linear upper-bound estimate of how deeply a YAML text nests (flow brackets outside quotes and comments,
 * plus block indentation levels and compact `- - -` sequences), with the offset where the deepest point is reached.
 *
 * The YAML library recurses per level; far past a few thousand levels it runs out of stack, and V8 can then abort
 * the whole process (not throw) if a regular expression is compiled near the stack limit. Checking depth before
 * parsing keeps hostile input from ever reaching that point.
 */
export function estimateNestingDepth(text: string, stopAt = Number.POSITIVE_INFINITY): { depth: number; offset: number } {
  let flow = 0;
  let max = 0;
  let maxAt = 0;
  const indents: number[] = [];
  let i = 0;
  while (i < text.length) {
    // Start of a line: measure indentation and compact sequence dashes.
    let indent = 0;
    while (text[i + indent] === ' ') indent++;
    let j = i + indent;
    let block = 0;
    if (flow === 0 && text[j] !== '\n' && text[j] !== '\r' && text[j] !== '#' && j < text.length) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      while (text[j] === '-' && (text[j + 1] === ' ' || text[j + 1] === '\n')) {
        block++;
        j += 2;
        while (text[j] === ' ') j++;
      }
    }
    let quote: string | undefined;
    for (; j < text.length && text[j] !== '\n'; j++) {
      const c = text[j]!;
      if (quote) {
        if (c === '\\' && quote === '"') j++;
        else if (c === quote) quote = undefined;
        continue;
      }
      if (c === '"' || c === "'") {
        const prev = text[j - 1];
        if (prev === undefined || prev === ' ' || prev === '[' || prev === '{' || prev === ',' || prev === ':') quote = c;
      } else if (c === '#' && (text[j - 1] === ' ' || text[j - 1] === '\t')) {
        while (j < text.length && text[j] !== '\n') j++;
        break;
      } else if (c === '[' || c === '{') {
        flow++;
        const d = indents.length + block + flow;
        if (d > max) {
          max = d;
          maxAt = j;
          if (max > stopAt) return { depth: max, offset: maxAt };
        }
      } else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
    }
    const d = indents.length + block + flow;
    if (d > max) {
      max = d;
      maxAt = i + indent;
      if (max > stopAt) return { depth: max, offset: maxAt };
    }
    i = j + 1;
  }
  return { depth: max, offset: maxAt };
}
