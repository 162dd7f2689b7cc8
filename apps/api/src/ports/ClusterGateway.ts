import type { ClusterStatus, ClusterSummary } from '@kro-designer/contracts';

/**
 * A Kubernetes API server as the services see it. Two adapters: `adapters/k8s/` (client-node against a kubeconfig
 * context or in-cluster config) and `adapters/sandbox/` (an in-process API server + kro controller that reconciles with
 * the core's render engine, always labelled simulated). Services never import client-node.
 */
export interface ClusterGateway {
  /** The sandbox first, then kubeconfig contexts (or the in-cluster config). */
  list(): Promise<readonly ClusterSummary[]>;
  /** A connection to one cluster; throws `ClusterError` with reason `NotFound` for an unknown id. */
  connect(id: string): ClusterConnection;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeMetadata;
  [field: string]: unknown;
}

export interface KubeMetadata {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  [field: string]: unknown;
}

export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export interface KindRef {
  readonly apiVersion: string;
  readonly kind: string;
}

/** An API resource found by discovery. */
export interface ApiResource {
  readonly apiVersion: string;
  readonly kind: string;
  /** Plural resource name (`deployments`). */
  readonly resource: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

export interface ListOptions {
  /** Omit for all namespaces (namespaced kinds) or for cluster-scoped kinds. */
  readonly namespace?: string;
  readonly labelSelector?: string;
}

export interface ObjectList {
  readonly items: readonly KubeObject[];
  /** The list's resourceVersion, to start a watch from. */
  readonly resourceVersion: string;
}

export interface ApplyOptions {
  readonly fieldManager: string;
  readonly force?: boolean;
  readonly dryRun?: boolean;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchEvent {
  readonly type: WatchEventType;
  readonly object: KubeObject;
}

export interface WatchOptions extends ListOptions {
  /** Start after this version; a version the server no longer has ends the watch with a `ClusterError` of code 410. */
  readonly resourceVersion: string;
}

export interface WatchHandle {
  /** Stops the watch; `onEnd` is not called after a stop. */
  stop(): void;
}

export interface WatchCallbacks {
  onEvent(event: WatchEvent): void;
  /** The server ended the watch: `error` undefined for a normal close (re-watch from the last version), else why. */
  onEnd(error?: ClusterError): void;
}

export interface AccessCheck {
  readonly group: string;
  readonly resource: string;
  readonly verb: string;
  readonly namespace?: string;
}

/** One cluster. Every method rejects with `ClusterError` (never a raw client error). */
export interface ClusterConnection {
  readonly id: string;
  status(): Promise<ClusterStatus>;
  discover(): Promise<readonly ApiResource[]>;
  /** CustomResourceDefinitions as plain objects (for the palette and the type checker). */
  listCrds(): Promise<readonly KubeObject[]>;
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  list(kind: KindRef, options?: ListOptions): Promise<ObjectList>;
  /** Server-side apply of the whole object. */
  apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject>;
  /** Replaces `status` through the status subresource (used by tests and the sandbox's simulated workloads). */
  updateStatus(object: KubeObject): Promise<KubeObject>;
  /** Resolves when the delete was accepted (finalizers may keep the object a while); absent objects are not an error. */
  delete(ref: ObjectRef): Promise<void>;
  watch(kind: KindRef, options: WatchOptions, callbacks: WatchCallbacks): WatchHandle;
  /** Whether `subject` (default: the caller) may do each check; `undefined` when the cluster cannot say. */
  canI(checks: readonly AccessCheck[], subject?: { readonly serviceAccount: string; readonly namespace: string }): Promise<readonly boolean[] | undefined>;
  /** Events involving an object, newest last. */
  events(ref: ObjectRef): Promise<readonly KubeObject[]>;
}

export interface ClusterErrorCause {
  readonly field?: string;
  readonly message: string;
  readonly reason?: string;
}

/** A Kubernetes API error, translated: HTTP code, Status reason and causes with field paths. */
export class ClusterError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly reason: string,
    readonly causes: readonly ClusterErrorCause[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ClusterError';
  }
}
