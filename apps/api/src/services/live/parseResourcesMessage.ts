/** What kro's ResourcesReady message says about one node. */
export interface NodeMessage {
  /** `readiness`: a readyWhen/collection/external check is not met yet; `pending`: data of a dependency is missing; `error`. */
  readonly kind: 'readiness' | 'pending' | 'error';
  readonly text: string;
}

export interface ParsedResourcesMessage {
  readonly byNode: ReadonlyMap<string, NodeMessage>;
  /** Lines that name no node for sure (e.g. "cluster mutated", `namespaces "x" not found`, an ambiguous object). */
  readonly other: readonly string[];
}

/** An object a node owns (observed child) or will own (desired object): what an API server error names. */
export interface ObjectIdentity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

type KindsByNode = ReadonlyMap<string, { readonly apiVersion: string; readonly kind: string }>;
type ObjectsByNode = ReadonlyMap<string, readonly ObjectIdentity[]>;

const PREFIXES: readonly [RegExp, NodeMessage['kind']][] = [
  [/^awaiting resource readiness: /, 'readiness'],
  [/^resource error: /, 'error'],
  [/^resource reconciliation failed: /, 'error'],
];

/**
 * Maps kro v0.9.3's `ResourcesReady` message to nodes. kro builds it as `<prefix><errors.Join of node errors>`: the
 * prefix is `awaiting resource readiness: ` (IN_PROGRESS), `resource error: ` (ERROR), or `resource reconciliation
 * failed: ` when applying failed (then followed by `apply results contain errors: `), and node errors are one per line.
 * A line is attributed, strongest clue first, to: the node id kro names (`node "<id>"`, `waiting for node "<id>"`,
 * `waiting for external reference "<id>"`, `resourceID: <id>`); else the object the API server names
 * (`Kind.group "name" is invalid: …`, optionally behind `collection item <i>: `) — the node owning an object of that
 * kind AND name, else the one node of that kind that has no object yet (kro could not create it); else a quoted name
 * that exactly one node's objects carry. A line whose clue fits several nodes goes to `other`: children often share
 * the instance's name, so a name alone must never spread one error over several nodes.
 */
export function parseResourcesMessage(
  message: string | undefined,
  objectsByNode: ObjectsByNode,
  kindsByNode: KindsByNode = new Map(),
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
    const ids = nodeIdsIn(line, objectsByNode, kindsByNode);
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

function nodeIdsIn(line: string, objectsByNode: ObjectsByNode, kindsByNode: KindsByNode): string[] {
  const explicit = /^(?:waiting for node|node|waiting for external reference) "([^"]+)"/.exec(line);
  if (explicit) return [explicit[1]!];
  const conflicts = [...new Set([...line.matchAll(/resourceID: ([a-zA-Z0-9_]+)/g)].map((m) => m[1]!))];
  if (conflicts.length > 0) return conflicts;
  // An API server status error names a kind as `Kind.group` (`Kind` for the core group), then the object's name.
  const subject = /^(?:collection item \d+: )?([A-Z][A-Za-z0-9]*)(?:\.([a-z0-9][a-z0-9.-]*))? "([^"]*)"/.exec(line);
  if (subject) {
    const kind = subject[1]!;
    const group = subject[2] ?? '';
    const name = subject[3]!;
    const sameKind = (k: { readonly apiVersion: string; readonly kind: string }) => k.kind === kind && groupOf(k.apiVersion) === group;
    const owners = [...objectsByNode].filter(([, objects]) => objects.some((o) => sameKind(o) && o.name === name)).map(([id]) => id);
    if (owners.length > 0) return owners.length === 1 ? owners : [];
    const ofKind = [...kindsByNode].filter(([, k]) => sameKind(k)).map(([id]) => id);
    const unborn = ofKind.filter((id) => (objectsByNode.get(id) ?? []).length === 0);
    if (unborn.length === 1) return unborn;
    return ofKind.length === 1 ? ofKind : [];
  }
  // Weakest clue (e.g. `deployments.apps "web" not found`): a quoted name that only one node's objects carry.
  const named = [...objectsByNode].filter(([, objects]) => objects.some((o) => o.name !== '' && line.includes(`"${o.name}"`))).map(([id]) => id);
  return named.length === 1 ? named : [];
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}
