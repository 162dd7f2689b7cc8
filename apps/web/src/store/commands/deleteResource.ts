import type { YAMLMap } from 'yaml';
import type { Command } from '../DesignStore';
import { locateResources } from './locateResources';

/**
 * Removes the resource with `id` from `spec.resources`: the lines of its list item (and the comment lines directly
 * above it) are cut from the text; everything else stays byte for byte. Removing the last item leaves `resources: []`.
 */
export function deleteResource(id: string): Command {
  return {
    label: `Delete resource ${id}`,
    run(text) {
      const located = locateResources(text);
      if (!located.ok) return located;
      const { seq, ids } = located.value;
      const index = ids.indexOf(id);
      if (!seq || index === -1) return { ok: false, message: `There is no resource with id "${id}"` };
      if (seq.flow) {
        seq.items.splice(index, 1);
        return { ok: true, text: located.value.doc.toString({ lineWidth: 0 }) };
      }
      const items = seq.items as YAMLMap[];
      const start = itemStart(text, items[index]!.range![0]);
      const next = items[index + 1];
      let end: number;
      if (next?.range) end = itemStart(text, next.range[0]);
      else {
        const valueEnd = items[index]!.range![1];
        let e = valueEnd;
        while (e > 0 && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
        const nl = text.indexOf('\n', e);
        end = nl === -1 ? text.length : nl + 1;
      }
      let out = text.slice(0, start) + text.slice(end);
      if (items.length === 1) {
        // `resources:` with nothing under it would be null; kro expects a list.
        const keyLine = out.lastIndexOf('resources:', start);
        if (keyLine !== -1) {
          const colon = keyLine + 'resources:'.length;
          out = `${out.slice(0, colon)} []${out.slice(colon)}`;
        }
      }
      return { ok: true, text: out };
    },
  };
}

/** Start of the line holding the item's dash, moved up over comment lines directly above it. */
function itemStart(text: string, valueStart: number): number {
  let start = text.lastIndexOf('\n', valueStart - 1) + 1;
  for (;;) {
    if (start === 0) return start;
    const prevStart = text.lastIndexOf('\n', start - 2) + 1;
    const prev = text.slice(prevStart, start);
    if (/^\s*#/.test(prev)) start = prevStart;
    else return start;
  }
}
