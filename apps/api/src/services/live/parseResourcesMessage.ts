/** What kro's ResourcesReady message says about one node. */
export interface NodeMessage {
  /** `readiness`: a readyWhen/collection/external check is not met yet; `pending`: data of a dependency is missing; `error`. */
  readonly kind: 'readiness' | 'pending' | 'error';
  readonly text: string;
}

export interface ParsedResourcesMessage {
  readonly byNode: ReadonlyMap<string, NodeMessage>;
  /** Lines that name no node (e.g. "cluster mutated", an apply error without an object kro labelled). */
  readonly other: readonly string[];
}

const PREFIXES: readonly [RegExp, NodeMessage['kind']][] = [
  [/^awaiting resource readiness: /, 'readiness'],
  [/^resource error: /, 'error'],
  [/^resource reconciliation failed: /, 'error'],
];

/**
 * Maps kro v0.9.3's `ResourcesReady` message to nodes. kro joins one error per node with newlines (Go `errors.Join`)
 * behind a prefix: `awaiting resource readiness: ` (IN_PROGRESS), `resource error: ` (ERROR) or `resource
 * reconciliation failed: `. Node errors carry the id as `waiting for node "<id>": …`, `node "<id>": …`,
 * `waiting for external reference "<id>"`, or `resourceID: <id>` for conflicts; the rest are matched by an object
 * name in quotes (`Deployment.apps "web" is invalid`) through `namesByNode`.
 */
export function parseResourcesMessage(message: string | undefined, namesByNode: ReadonlyMap<string, readonly string[]>): ParsedResourcesMessage {
  const byNode = new Map<string, NodeMessage>();
  const other: string[] = [];
  if (!message) return { byNode, other };
  let text = message;
  let defaultKind: NodeMessage['kind'] = 'readiness';
  for (const [re, kind] of PREFIXES) {
    if (re.test(text)) {
      text = text.replace(re, '');
      defaultKind = kind;
      break;
    }
  }
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line === '<nil>') continue;
    const ids = nodeIdsIn(line, namesByNode);
    if (ids.length === 0) {
      other.push(line);
      continue;
    }
    const kind: NodeMessage['kind'] = line.includes('(data pending)')
      ? 'pending'
      : line.includes('(waiting for readiness)') || /^waiting for (node|external reference) /.test(line)
        ? 'readiness'
        : defaultKind === 'readiness' && !/^node "/.test(line)
          ? 'readiness'
          : 'error';
    const clean = line
      .replace(/^waiting for node "[^"]+": /, '')
      .replace(/^node "[^"]+": /, '')
      .replace(/ \((waiting for readiness|data pending)\)$/, '');
    for (const id of ids) if (!byNode.has(id)) byNode.set(id, { kind, text: clean });
  }
  return { byNode, other };
}

function nodeIdsIn(line: string, namesByNode: ReadonlyMap<string, readonly string[]>): string[] {
  const explicit = /^(?:waiting for node|node|waiting for external reference) "([^"]+)"/.exec(line);
  if (explicit) return [explicit[1]!];
  const conflicts = [...line.matchAll(/resourceID: ([a-zA-Z0-9_]+)/g)].map((m) => m[1]!);
  if (conflicts.length > 0) return conflicts;
  const ids: string[] = [];
  for (const [id, names] of namesByNode) if (names.some((n) => line.includes(`"${n}"`))) ids.push(id);
  return ids;
}
