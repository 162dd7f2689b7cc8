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
 * name in quotes through `namesByNode`, else by the kind the API server names (`Deployment.apps "web" is invalid`).
 */
export function parseResourcesMessage(
  message: string | undefined,
  namesByNode: ReadonlyMap<string, readonly string[]>,
  kindsByNode: ReadonlyMap<string, { readonly apiVersion: string; readonly kind: string }> = new Map(),
): ParsedResourcesMessage {
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
    // kro wraps apply failures once more ("apply results contain errors: <first node error>").
    const line = raw.trim().replace(/^apply results contain errors: /, '');
    if (!line || line === '<nil>') continue;
    const ids = nodeIdsIn(line, namesByNode, kindsByNode);
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

function nodeIdsIn(
  line: string,
  namesByNode: ReadonlyMap<string, readonly string[]>,
  kindsByNode: ReadonlyMap<string, { readonly apiVersion: string; readonly kind: string }>,
): string[] {
  const explicit = /^(?:waiting for node|node|waiting for external reference) "([^"]+)"/.exec(line);
  if (explicit) return [explicit[1]!];
  const conflicts = [...line.matchAll(/resourceID: ([a-zA-Z0-9_]+)/g)].map((m) => m[1]!);
  if (conflicts.length > 0) return conflicts;
  const ids: string[] = [];
  for (const [id, names] of namesByNode) if (names.some((n) => line.includes(`"${n}"`))) ids.push(id);
  if (ids.length > 0) return ids;
  // An API server rejection of an object kro could not create: `Deployment.apps "web" is invalid: …` names the kind
  // (`Kind.group`, or `Kind` for the core group); the node of that kind without objects is the one that failed.
  const byKind = [...kindsByNode].filter(([, k]) => {
    const group = k.apiVersion.includes('/') ? k.apiVersion.split('/')[0] : '';
    return line.startsWith(group ? `${k.kind}.${group} "` : `${k.kind} "`);
  });
  const withoutObjects = byKind.filter(([id]) => (namesByNode.get(id) ?? []).length === 0);
  return (withoutObjects.length > 0 ? withoutObjects : byKind).map(([id]) => id);
}
