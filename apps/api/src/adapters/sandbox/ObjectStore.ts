import { applyDefaults, fromPlain, validateAgainstSchema, type RegisteredKind, type StructuralCodes } from '@kro-designer/core';
import { ClusterError, type ApplyOptions, type KindRef, type KubeObject, type ListOptions, type ObjectList, type ObjectRef } from '../../ports/ClusterGateway.js';
import { parseLabelSelector } from './labelSelector.js';
import { clone, deepEqual, isMap, toFieldsV1, type JsonMap } from './objectPaths.js';
import { applyConfiguration, mergeApply, splitPath, type Ownership } from './serverSideApply.js';
import type { SandboxKinds } from './SandboxKinds.js';
import type { SandboxScheduler } from './SandboxScheduler.js';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change, as the watch cache records it: the object after the change (before it, for the filter transitions). */
export interface StoreEvent {
  readonly type: StoreEventType;
  readonly object: KubeObject;
  readonly previous?: KubeObject;
  readonly resourceVersion: number;
  readonly kindKey: string;
}

const CODES: StructuralCodes = { unknownField: 'template/unknown-field', wrongType: 'template/literal-type', missingField: 'rgd/missing-field', invalidValue: 'rgd/invalid-value' };
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The sandbox's object storage with the API server's write semantics: uid, one global resourceVersion counter,
 * generation (bumped when anything but metadata and status changes), creation and deletion timestamps, finalizers
 * (a delete with finalizers only marks the object terminating; it goes when the last finalizer is removed),
 * namespaces that must exist, schema validation (422 Invalid with field causes), server-side apply with field
 * managers, the status subresource and dry-run. Listeners see every change synchronously, in order.
 */
export class ObjectStore {
  private readonly objects = new KindIndexedMap();
  private readonly owners = new Map<string, Ownership>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly admission: ((kind: RegisteredKind, object: KubeObject) => void)[] = [];
  private version = 0;
  private uidCounter = 0;

  constructor(
    readonly kinds: SandboxKinds,
    private readonly clock: SandboxScheduler,
  ) {}

  get resourceVersion(): number {
    return this.version;
  }

  /** A hook run on every object about to be created (server-side defaulting such as a Service's clusterIP). */
  addAdmission(hook: (kind: RegisteredKind, object: KubeObject) => void): void {
    this.admission.push(hook);
  }

  onChange(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The kind as served, or a 404 like the API server's for an unknown resource type. */
  kindOf(ref: KindRef): RegisteredKind {
    const kind = this.kinds.lookup(ref.apiVersion, ref.kind);
    if (!kind) throw new ClusterError(`the server could not find the requested resource: no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`, 404, 'NotFound');
    return kind;
  }

  get(ref: ObjectRef): KubeObject | undefined {
    const kind = this.kindOf(ref);
    const found = this.objects.get(this.key(kind, kind.namespaced ? (ref.namespace ?? 'default') : undefined, ref.name));
    return found ? clone(found) : undefined;
  }

  list(ref: KindRef, options: ListOptions = {}): ObjectList {
    const kind = this.kindOf(ref);
    const matches = parseLabelSelector(options.labelSelector);
    const prefix = `${kindKeyOf(kind)}/`;
    const items: KubeObject[] = [];
    const pool = INDEXED_REQUIREMENT.test(options.labelSelector ?? '') ? this.objects.candidates(options.labelSelector) : this.objects.ofKind(kindKeyOf(kind));
    for (const [key, object] of pool) {
      if (!key.startsWith(prefix)) continue;
      if (kind.namespaced && options.namespace !== undefined && object.metadata.namespace !== options.namespace) continue;
      if (matches(object.metadata.labels)) items.push(clone(object));
    }
    items.sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`));
    return { items, resourceVersion: String(this.version) };
  }

  /** Every stored object of any kind whose labels match (kro's ApplySet inventory: `applyset.kubernetes.io/part-of=<id>`). */
  selectAll(labelSelector: string): KubeObject[] {
    const matches = parseLabelSelector(labelSelector);
    return [...this.objects.candidates(labelSelector)].filter(([, o]) => matches(o.metadata.labels)).map(([, o]) => clone(o));
  }

  /** Every stored object of a kind key (`group/Kind`), for the watch cache's initial state. */
  objectsOf(kindKey: string): KubeObject[] {
    return [...this.objects.ofKind(kindKey)].map(([, o]) => clone(o));
  }

  apply(object: KubeObject, options: ApplyOptions): KubeObject {
    if (!isMap(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || !isMap(object.metadata)) {
      throw new ClusterError('Object \'Kind\' is missing in the request body: apiVersion, kind and metadata are required', 400, 'BadRequest');
    }
    if (options.fieldManager === '') throw new ClusterError('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', 422, 'Invalid');
    const kind = this.kindOf(object);
    const name = object.metadata.name;
    if (typeof name !== 'string' || name === '') throw invalid(kind, '', [{ field: 'metadata.name', message: 'Required value: name is required', reason: 'FieldValueRequired' }]);
    const namespace = kind.namespaced ? (object.metadata.namespace ?? 'default') : undefined;
    const key = this.key(kind, namespace, name);
    const live = this.objects.get(key);
    if (!live) this.requireNamespace(namespace, true);

    const ownership: Ownership = cloneOwnership(this.owners.get(key));
    const config = applyConfiguration({ ...object, metadata: { ...object.metadata, ...(namespace ? { namespace } : {}) } });
    if (!kind.namespaced) delete (config['metadata'] as JsonMap)['namespace'];
    const merged = mergeApply(live ? withoutServerFields(live) : undefined, config, options.fieldManager, options.force === true, ownership) as KubeObject;
    merged.apiVersion = object.apiVersion;
    if (live?.['status'] !== undefined) merged['status'] = clone(live['status']);
    return this.commit(kind, key, live, merged, ownership, options.dryRun === true, options.fieldManager);
  }

  /** A whole-object update (PUT) by a controller, with an optional resourceVersion precondition; status is kept. */
  update(object: KubeObject): KubeObject {
    const kind = this.kindOf(object);
    const { key, live } = this.existing(kind, object);
    const next = clone(object);
    if (live.metadata.deletionTimestamp === undefined) {
      delete next.metadata.deletionTimestamp;
      delete next.metadata['deletionGracePeriodSeconds'];
    }
    next['status'] = live['status'];
    if (next['status'] === undefined) delete next['status'];
    return this.commit(kind, key, live, next, this.owners.get(key) ?? new Map(), false);
  }

  /** The status subresource: replaces `status`, nothing else. */
  updateStatus(object: KubeObject): KubeObject {
    const kind = this.kindOf(object);
    const { key, live } = this.existing(kind, object);
    const next = clone(live);
    // The caller's resourceVersion is the optimistic-concurrency precondition, as with a real PUT.
    next.metadata.resourceVersion = object.metadata.resourceVersion;
    if (object['status'] === undefined) delete next['status'];
    else next['status'] = clone(object['status']);
    return this.commit(kind, key, live, next, this.owners.get(key) ?? new Map(), false);
  }

  /** Deletes now, or marks terminating while finalizers remain. Absent objects are not an error. */
  delete(ref: ObjectRef, options: { readonly dryRun?: boolean } = {}): void {
    const kind = this.kindOf(ref);
    const key = this.key(kind, kind.namespaced ? (ref.namespace ?? 'default') : undefined, ref.name);
    const live = this.objects.get(key);
    if (!live || options.dryRun) return;
    if ((live.metadata.finalizers ?? []).length > 0 || isNamespace(kind)) {
      if (live.metadata.deletionTimestamp !== undefined) return;
      const next = clone(live);
      next.metadata.deletionTimestamp = this.clock.now().toISOString();
      next.metadata.deletionGracePeriodSeconds = 0;
      if (isNamespace(kind)) next['status'] = { phase: 'Terminating' };
      this.commit(kind, key, live, next, this.owners.get(key) ?? new Map(), false);
      if (isNamespace(kind)) this.terminateNamespace(ref.name);
      return;
    }
    this.remove(kind, key, live);
  }

  private commit(kind: RegisteredKind, key: string, live: KubeObject | undefined, next: KubeObject, ownership: Ownership, dryRun: boolean, manager?: string): KubeObject {
    next.kind = kind.kind;
    next.metadata.name = live?.metadata.name ?? next.metadata.name;
    if (kind.namespaced) next.metadata.namespace = live?.metadata.namespace ?? next.metadata.namespace;
    if (live) {
      const rv = next.metadata.resourceVersion;
      if (rv !== undefined && rv !== '' && rv !== live.metadata.resourceVersion && manager === undefined) {
        throw new ClusterError(`Operation cannot be fulfilled on ${kind.plural} "${live.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`, 409, 'Conflict');
      }
      const meta = next.metadata as Record<string, unknown>;
      for (const f of ['uid', 'creationTimestamp', 'generation'] as const) meta[f] = live.metadata[f];
      // Once set, the deletion mark cannot be changed or lifted by a write.
      if (live.metadata.deletionTimestamp !== undefined) {
        meta['deletionTimestamp'] = live.metadata.deletionTimestamp;
        meta['deletionGracePeriodSeconds'] = live.metadata['deletionGracePeriodSeconds'];
      }
    }
    // Structural defaulting of custom resources, as the API server does it (built-in kinds default in Go code: not modelled).
    if (this.kinds.isCustom(kind)) applyDefaults(next, kind.schema);
    this.validate(kind, next);
    const managers = this.managedFields(kind, ownership, live);
    if (managers.length > 0) next.metadata.managedFields = managers;
    else delete next.metadata.managedFields;
    if (live && sameContent(live, next)) return clone(live);
    if (live && live.metadata.deletionTimestamp !== undefined && (next.metadata.finalizers ?? []).length === 0 && !isNamespace(kind)) {
      if (!dryRun) this.remove(kind, key, live);
      return { ...clone(next), metadata: { ...next.metadata, resourceVersion: String(this.version) } };
    }
    if (!live) {
      for (const hook of this.admission) hook(kind, next);
      next.metadata.uid = this.newUid();
      next.metadata.creationTimestamp = this.clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
      next.metadata.generation = 1;
    } else if (!deepEqual(specOf(live), specOf(next))) {
      next.metadata.generation = (live.metadata.generation ?? 1) + 1;
    }
    if (dryRun) return { ...clone(next), metadata: { ...next.metadata, resourceVersion: live?.metadata.resourceVersion ?? '' } };
    next.metadata.resourceVersion = String(++this.version);
    if (ownership.size > 0) this.owners.set(key, ownership);
    this.objects.set(key, next);
    this.emit({ type: live ? 'MODIFIED' : 'ADDED', object: next, ...(live ? { previous: live } : {}), resourceVersion: this.version, kindKey: kindKeyOf(kind) });
    return clone(next);
  }

  private remove(kind: RegisteredKind, key: string, live: KubeObject): void {
    this.objects.delete(key);
    this.owners.delete(key);
    const gone = clone(live);
    gone.metadata.resourceVersion = String(++this.version);
    this.emit({ type: 'DELETED', object: gone, previous: live, resourceVersion: this.version, kindKey: kindKeyOf(kind) });
    if (kind.namespaced && live.metadata.namespace) this.finishNamespace(live.metadata.namespace);
  }

  /** The namespace controller's part: a terminating namespace deletes its content, then goes when it is empty. */
  private terminateNamespace(name: string): void {
    for (const [key, object] of [...this.objects]) {
      if (object.metadata.namespace !== name || !this.objects.has(key)) continue;
      this.delete({ apiVersion: object.apiVersion, kind: object.kind, namespace: name, name: object.metadata.name ?? '' });
    }
    this.finishNamespace(name);
  }

  private finishNamespace(name: string): void {
    const nsKey = `/Namespace//${name}`;
    const ns = this.objects.get(nsKey);
    if (!ns || ns.metadata.deletionTimestamp === undefined) return;
    if ([...this.objects.values()].some((o) => o.metadata.namespace === name)) return;
    this.remove(this.kindOf(ns), nsKey, ns);
  }

  private requireNamespace(namespace: string | undefined, creating: boolean): void {
    if (namespace === undefined) return;
    const ns = this.objects.get(`/Namespace//${namespace}`);
    if (!ns) throw new ClusterError(`namespaces "${namespace}" not found`, 404, 'NotFound');
    if (creating && ns.metadata.deletionTimestamp !== undefined) {
      throw new ClusterError(`unable to create new content in namespace ${namespace} because it is being terminated`, 403, 'Forbidden');
    }
  }

  private existing(kind: RegisteredKind, object: KubeObject): { key: string; live: KubeObject } {
    const namespace = kind.namespaced ? (object.metadata.namespace ?? 'default') : undefined;
    const key = this.key(kind, namespace, object.metadata.name ?? '');
    const live = this.objects.get(key);
    if (!live) throw new ClusterError(`${kind.plural}${kind.group ? `.${kind.group}` : ''} "${object.metadata.name ?? ''}" not found`, 404, 'NotFound');
    return { key, live };
  }

  private validate(kind: RegisteredKind, object: KubeObject): void {
    const name = object.metadata.name ?? '';
    const causes = [];
    if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
      causes.push({ field: 'metadata.name', message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`, reason: 'FieldValueInvalid' });
    }
    const diagnostics = validateAgainstSchema(fromPlain(withoutServerFields(object)), kind.schema, '', { codes: CODES, resolve: (s) => this.kinds.registry.resolve(s) });
    for (const d of diagnostics) {
      const reason = d.code === CODES.missingField ? 'FieldValueRequired' : d.code === CODES.unknownField ? 'FieldValueInvalid' : d.code === CODES.wrongType ? 'FieldValueTypeInvalid' : 'FieldValueInvalid';
      causes.push({ field: d.path, message: d.message, reason });
    }
    if (causes.length > 0) throw invalid(kind, name, causes);
  }

  private managedFields(kind: RegisteredKind, ownership: Ownership, live: KubeObject | undefined): JsonMap[] {
    const previous = new Map((live?.metadata.managedFields as JsonMap[] | undefined)?.map((m) => [m['manager'] as string, m]) ?? []);
    return [...ownership].map(([manager, owned]) => {
      const fieldsV1 = toFieldsV1([...owned].map(splitPath));
      const before = previous.get(manager);
      const time = before && deepEqual(before['fieldsV1'], fieldsV1) ? before['time'] : this.clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
      return { manager, operation: 'Apply', apiVersion: kind.apiVersion, time, fieldsType: 'FieldsV1', fieldsV1 };
    });
  }

  private key(kind: RegisteredKind, namespace: string | undefined, name: string): string {
    return `${kindKeyOf(kind)}/${namespace ?? ''}/${name}`;
  }

  private newUid(): string {
    // Deterministic, uuid-shaped: tests can predict them, and they never collide within one sandbox.
    const n = (++this.uidCounter).toString(16).padStart(12, '0');
    return `5a4db0c5-0000-4000-8000-${n}`;
  }

  private emit(event: StoreEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

/** Labels kro selects children by; lists with an equality requirement on one of them use an index. */
const INDEXED_LABELS = ['kro.run/instance-id', 'applyset.kubernetes.io/part-of'];
const INDEXED_REQUIREMENT = /(?:^|,)\s*(kro\.run\/instance-id|applyset\.kubernetes\.io\/part-of)\s*==?\s*([^,\s]+)/;

/**
 * The stored objects by key (`group/Kind/namespace/name`), indexed by kind and by kro's selection labels, so that
 * reconciling many instances does not scan every object for every node.
 */
class KindIndexedMap extends Map<string, KubeObject> {
  private readonly byKind = new Map<string, Map<string, KubeObject>>();
  private readonly byLabel = new Map<string, Set<string>>();

  override set(key: string, value: KubeObject): this {
    this.unindex(key);
    super.set(key, value);
    const kindKey = key.split('/', 2).join('/');
    let kind = this.byKind.get(kindKey);
    if (!kind) {
      kind = new Map();
      this.byKind.set(kindKey, kind);
    }
    kind.set(key, value);
    for (const label of labelKeys(value)) {
      let keys = this.byLabel.get(label);
      if (!keys) {
        keys = new Set();
        this.byLabel.set(label, keys);
      }
      keys.add(key);
    }
    return this;
  }

  override delete(key: string): boolean {
    this.unindex(key);
    this.byKind.get(key.split('/', 2).join('/'))?.delete(key);
    return super.delete(key);
  }

  ofKind(kindKey: string): Iterable<[string, KubeObject]> {
    return this.byKind.get(kindKey)?.entries() ?? [];
  }

  /** Objects that can match `selector`, from the label index when it names an indexed label; else every object. */
  candidates(selector: string | undefined): Iterable<[string, KubeObject]> {
    const m = INDEXED_REQUIREMENT.exec(selector ?? '');
    if (!m) return this.entries();
    const keys = this.byLabel.get(`${m[1]!}=${m[2]!}`) ?? new Set<string>();
    return [...keys].map((k) => [k, this.get(k)!] as [string, KubeObject]);
  }

  private unindex(key: string): void {
    const old = this.get(key);
    if (old) for (const label of labelKeys(old)) this.byLabel.get(label)?.delete(key);
  }
}

function labelKeys(object: KubeObject): string[] {
  const labels = object.metadata.labels ?? {};
  return INDEXED_LABELS.filter((l) => labels[l] !== undefined).map((l) => `${l}=${labels[l]!}`);
}

export function kindKeyOf(kind: { readonly group: string; readonly kind: string }): string {
  return `${kind.group}/${kind.kind}`;
}

function isNamespace(kind: RegisteredKind): boolean {
  return kind.group === '' && kind.kind === 'Namespace';
}

function invalid(kind: RegisteredKind, name: string, causes: { field: string; message: string; reason: string }[]): ClusterError {
  const gk = kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
  const summary = causes.map((c) => (c.message.startsWith(c.field) ? c.message : `${c.field}: ${c.message}`)).join(', ');
  return new ClusterError(`${gk} "${name}" is invalid: ${summary}`, 422, 'Invalid', causes);
}

function withoutServerFields(object: KubeObject): KubeObject {
  const copy = clone(object);
  delete copy.metadata.managedFields;
  return copy;
}

/** Everything but metadata and status: a change here is a new generation. */
function specOf(object: KubeObject): JsonMap {
  const { metadata: _m, status: _s, ...rest } = object;
  return rest;
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined, managedFields: (o.metadata.managedFields as JsonMap[] | undefined)?.map((m) => ({ ...m, time: undefined })) } });
  return deepEqual(JSON.parse(JSON.stringify(strip(a))), JSON.parse(JSON.stringify(strip(b))));
}

function cloneOwnership(ownership: Ownership | undefined): Ownership {
  return new Map([...(ownership ?? new Map<string, Set<string>>())].map(([m, s]) => [m, new Set(s)]));
}
