import { isMap, isScalar, LineCounter, parseDocument, stringify, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { SchemaSection } from '../../features/validation/protocol';
import type { Command, CommandResult } from '../DesignStore';
import { rewriteReferencesCommand } from './renameReferences';

/** Key path of a section of the instance schema inside the RGD. */
const sectionPath = (section: SchemaSection): string[] => ['spec', 'schema', section];

/** A valid field (or custom type) name: what kro accepts as a Go-style map key we can write unquoted. */
export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function parse(text: string): { ok: true; doc: Document.Parsed } | { ok: false; message: string } {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), keepSourceTokens: true });
  if (doc.errors.length > 0) return { ok: false, message: `Fix the YAML syntax error first (${doc.errors[0]!.message.split('\n')[0]})` };
  if (!isMap(doc.contents)) return { ok: false, message: 'The document is not a mapping: start from a ResourceGraphDefinition' };
  return { ok: true, doc };
}

/**
 * The YAML text of a string scalar: in the quoting style it had, else plain when the yaml package would write it
 * plain, else double-quoted (`"[]string"`).
 */
export function yamlScalarText(value: string, style?: Scalar.Type): string {
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  const plain = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  return plain === value ? value : JSON.stringify(value);
}

/** Offset just after the line holding `end` (ignoring trailing newlines inside the range). */
function endOfLine(text: string, end: number): number {
  let at = end;
  while (at > 0 && (text[at - 1] === '\n' || text[at - 1] === '\r')) at--;
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl + 1;
}

const lineStart = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1;

/** The pair of `path` in its parent mapping, with the parent, when both are there. */
function findPair(doc: Document.Parsed, full: readonly string[]): { parent: YAMLMap; pair: Pair } | undefined {
  const parent = full.length === 1 ? doc.contents : doc.getIn(full.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const name = full.at(-1)!;
  const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === name);
  return pair ? { parent, pair } : undefined;
}

/**
 * Sets the string value of a schema entry (a SimpleSchema field string, or a status expression), adding the entry
 * when it is missing. An existing scalar is replaced in place and a new entry is written as a line after its last
 * sibling, indented like it, so comments, key order and everything else keep their bytes. Missing blocks (no
 * `status:` yet) are created through the YAML document tree, which keeps comments too.
 */
export function setSchemaValue(section: SchemaSection, path: readonly string[], value: string, label?: string): Command {
  const name = path.at(-1) ?? '';
  return {
    label: label ?? `Set ${section}.${path.join('.')}`,
    run(text): CommandResult {
      if (!path.every((k) => FIELD_NAME.test(k))) return { ok: false, message: `“${name}” is not a valid field name (letters, digits and _; not starting with a digit)` };
      const parsed = parse(text);
      if (!parsed.ok) return parsed;
      return setValueAt(text, parsed.doc, [...sectionPath(section), ...path], value);
    },
  };
}

/** Removes a schema entry (with its nested fields) by cutting its lines; the last entry of a block goes through the tree. */
export function removeSchemaField(section: SchemaSection, path: readonly string[]): Command {
  return {
    label: `Remove ${section}.${path.join('.')}`,
    run(text): CommandResult {
      const parsed = parse(text);
      if (!parsed.ok) return parsed;
      const { doc } = parsed;
      const full = [...sectionPath(section), ...path];
      const found = findPair(doc, full);
      if (!found) return { ok: false, message: `${section}.${path.join('.')} is not in the schema` };
      const { parent, pair } = found;
      const keyStart = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      const valueEnd = isScalar(pair.value) || isMap(pair.value) ? pair.value.range?.[1] : undefined;
      if (!parent.flow && parent.items.length > 1 && keyStart !== undefined && valueEnd !== undefined && /^ *$/.test(text.slice(lineStart(text, keyStart), keyStart))) {
        return { ok: true, text: text.slice(0, lineStart(text, keyStart)) + text.slice(endOfLine(text, valueEnd)) };
      }
      doc.deleteIn(full);
      return { ok: true, text: doc.toString({ lineWidth: 0 }) };
    },
  };
}

/** Renames a schema entry in place (only its key changes). References to it in expressions are not rewritten. */
export function renameSchemaField(section: SchemaSection, path: readonly string[], newName: string): Command {
  return {
    label: `Rename ${section}.${path.join('.')} to ${newName}`,
    run(text): CommandResult {
      if (!FIELD_NAME.test(newName)) return { ok: false, message: `“${newName}” is not a valid field name (letters, digits and _; not starting with a digit)` };
      const parsed = parse(text);
      if (!parsed.ok) return parsed;
      const full = [...sectionPath(section), ...path];
      const found = findPair(parsed.doc, full);
      if (!found || !isScalar(found.pair.key) || !found.pair.key.range) return { ok: false, message: `${section}.${path.join('.')} is not in the schema` };
      if (newName === path.at(-1)) return { ok: true, text };
      if (found.parent.items.some((p) => isScalar(p.key) && p.key.value === newName)) return { ok: false, message: `${newName} already exists there` };
      const [start, end] = found.pair.key.range;
      return { ok: true, text: text.slice(0, start) + newName + text.slice(end) };
    },
  };
}

/**
 * Renames a schema entry and, for a spec field, rewrites every `${schema.spec.<path>…}` reference to it in the
 * document's expressions (templates, readyWhen, includeWhen, forEach, status): one command, so one undo step.
 * Status fields and custom types are not referenced from expressions, so only their key changes.
 */
export function renameSchemaFieldEverywhere(section: SchemaSection, path: readonly string[], newName: string): Command {
  const rename = renameSchemaField(section, path, newName);
  if (section !== 'spec' || newName === path.at(-1)) return rename;
  const from = ['schema', 'spec', ...path];
  const to = ['schema', 'spec', ...path.slice(0, -1), newName];
  return sequence(rename.label, [rename, rewriteReferencesCommand(from, to)]);
}

/** Several commands as one undo step (stops at the first that fails). */
export function sequence(label: string, commands: readonly Command[]): Command {
  return {
    label,
    run(text): CommandResult {
      let current = text;
      for (const c of commands) {
        const r = c.run(current);
        if (!r.ok) return r;
        current = r.text;
      }
      return { ok: true, text: current };
    },
  };
}

/**
 * Sets the string at `full` (keys, or indices of sequences): an existing scalar is replaced in place (its quoting style
 * kept), a missing key is written as a line after its last sibling, indented like it; anything else goes through the
 * YAML document tree, which keeps comments.
 */
export function setValueAt(text: string, doc: Document.Parsed, full: readonly (string | number)[], value: string): CommandResult {
  const name = String(full.at(-1));
  const node = doc.getIn(full, true);
  if (isScalar(node) && node.range && node.type !== 'BLOCK_FOLDED' && node.type !== 'BLOCK_LITERAL') {
    const [start, end] = node.range;
    return { ok: true, text: text.slice(0, start) + yamlScalarText(value, node.type) + text.slice(end) };
  }
  if (node === undefined) {
    const parent = doc.getIn(full.slice(0, -1), true);
    if (isMap(parent) && !parent.flow && parent.items.length > 0) {
      const first = parent.items[0]!;
      const last = parent.items.at(-1)!;
      const keyStart = isScalar(first.key) ? first.key.range?.[0] : undefined;
      const lastValue = last.value as { range?: [number, number, number] } | null;
      const lastEnd = lastValue?.range?.[1] ?? (isScalar(last.key) ? last.key.range?.[1] : undefined);
      if (keyStart !== undefined && lastEnd !== undefined) {
        const indent = text.slice(lineStart(text, keyStart), keyStart);
        if (/^ *$/.test(indent)) {
          const at = endOfLine(text, lastEnd);
          const prefix = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
          return { ok: true, text: `${text.slice(0, at)}${prefix}${indent}${name}: ${yamlScalarText(value)}\n${text.slice(at)}` };
        }
      }
    }
  }
  doc.setIn(full, value);
  return { ok: true, text: doc.toString({ lineWidth: 0 }) };
}
