import { isMap, stringify, type YAMLMap } from 'yaml';
import type { Command } from '../DesignStore';
import { locateResources } from './locateResources';

export interface NewResource {
  readonly id: string;
  /** The `template` object (plain data). */
  readonly template: Record<string, unknown>;
}

/**
 * Appends a resource to `spec.resources`. The new item is written as text after the last item, indented like the
 * existing ones, so every other byte of the document (comments, quoting, key order, unknown fields) stays as it was.
 * Documents without a block list fall back to editing the YAML document tree, which also keeps comments.
 */
export function addResource(resource: NewResource): Command {
  return {
    label: `Add resource ${resource.id}`,
    run(text) {
      const located = locateResources(text);
      if (!located.ok) return located;
      const { doc, seq, ids } = located.value;
      if (ids.includes(resource.id)) return { ok: false, message: `A resource with id "${resource.id}" already exists` };
      const item = { id: resource.id, template: resource.template };
      const last = seq?.items.at(-1);
      if (seq && !seq.flow && last && isMap(last) && last.range) {
        const firstRange = (seq.items[0] as YAMLMap).range!;
        const dashColumn = columnOfDash(text, firstRange[0]);
        if (dashColumn !== undefined) {
          const pad = ' '.repeat(dashColumn);
          const body = stringify(item, { indent: 2, lineWidth: 0 }).trimEnd().split('\n');
          const block = body.map((line, i) => (i === 0 ? `${pad}- ${line}` : line === '' ? '' : `${pad}  ${line}`)).join('\n');
          const at = endOfItem(text, last.range[1]);
          const prefix = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
          return { ok: true, text: `${text.slice(0, at)}${prefix}${block}\n${text.slice(at)}` };
        }
      }
      // Fallback: edit the tree (empty, flow-style or missing list); the yaml package keeps comments.
      if (seq) {
        seq.add(doc.createNode(item));
        if (seq.flow && seq.items.length === 1) seq.flow = false;
      } else doc.setIn(['spec', 'resources'], doc.createNode([item]));
      return { ok: true, text: doc.toString({ lineWidth: 0 }) };
    },
  };
}

/** Column of the `- ` that starts the sequence item whose value starts at `valueStart`, if it is on the same line. */
function columnOfDash(text: string, valueStart: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
  const head = text.slice(lineStart, valueStart);
  const m = /^(\s*)-\s+$/.exec(head);
  return m ? m[1]!.length : undefined;
}

/** Offset just after the line holding the item's last value character. */
function endOfItem(text: string, valueEnd: number): number {
  let end = valueEnd;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  const nl = text.indexOf('\n', end);
  return nl === -1 ? text.length : nl + 1;
}
