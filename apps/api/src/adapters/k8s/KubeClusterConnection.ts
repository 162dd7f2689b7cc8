import type { ClusterStatus } from '@kro-designer/contracts';
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import {
  ClusterError,
  type AccessCheck,
  type ApiResource,
  type ApplyOptions,
  type ClusterConnection,
  type KindRef,
  type KubeObject,
  type ListOptions,
  type ObjectList,
  type ObjectRef,
  type WatchCallbacks,
  type WatchEventType,
  type WatchHandle,
  type WatchOptions,
} from '../../ports/ClusterGateway.js';
import { KubeHttp } from './KubeHttp.js';
import { readClusterStatus } from './readClusterStatus.js';
import { ResourceResolver } from './ResourceResolver.js';
import { statusToClusterError, toClusterError } from './toClusterError.js';

const WATCH_EVENTS = new Set<string>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);

interface ListBody {
  items?: KubeObject[];
  metadata?: { resourceVersion?: string };
}

/** One cluster reached through client-node: a kubeconfig context or the in-cluster service account. */
export class KubeClusterConnection implements ClusterConnection {
  private readonly http: KubeHttp;
  private readonly resolver: ResourceResolver;

  constructor(
    readonly id: string,
    private readonly kc: KubeConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.http = new KubeHttp(kc);
    this.resolver = new ResourceResolver(this.http);
  }

  status(): Promise<ClusterStatus> {
    return readClusterStatus(this.id, this.http, this.resolver, this.now);
  }

  discover(): Promise<readonly ApiResource[]> {
    return this.resolver.discoverAll();
  }

  async listCrds(): Promise<readonly KubeObject[]> {
    const list = await this.http.request<ListBody>({ method: 'GET', path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions' });
    return (list.items ?? []).map((o) => ({ ...o, apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }));
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    // An unknown kind is an error (404 from discovery); only an absent object of a known kind is `undefined`.
    const path = await this.resolver.objectPath(ref);
    try {
      return await this.http.request<KubeObject>({ method: 'GET', path });
    } catch (err) {
      if (err instanceof ClusterError && err.code === 404) return undefined;
      throw err;
    }
  }

  async list(kind: KindRef, options: ListOptions = {}): Promise<ObjectList> {
    const { path } = await this.resolver.collectionPath(kind, options.namespace);
    const list = await this.http.request<ListBody>({ method: 'GET', path, query: { labelSelector: options.labelSelector } });
    return {
      items: (list.items ?? []).map((o) => ({ ...o, apiVersion: kind.apiVersion, kind: kind.kind })),
      resourceVersion: list.metadata?.resourceVersion ?? '',
    };
  }

  async apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    const ref = refOf(object);
    // Server-side apply: the API server merges by field ownership; JSON is valid YAML for the apply-patch type.
    return this.http.request<KubeObject>({
      method: 'PATCH',
      path: await this.resolver.objectPath(ref),
      // Strict: an unknown or duplicate field is an error the user sees in the text, not a silently dropped value.
      query: { fieldManager: options.fieldManager, force: options.force ? true : undefined, dryRun: options.dryRun ? 'All' : undefined, fieldValidation: 'Strict' },
      body: object,
      contentType: 'application/apply-patch+yaml',
    });
  }

  async updateStatus(object: KubeObject): Promise<KubeObject> {
    const path = `${await this.resolver.objectPath(refOf(object))}/status`;
    return this.http.request<KubeObject>({ method: 'PUT', path, body: object });
  }

  async delete(ref: ObjectRef): Promise<void> {
    const path = await this.resolver.objectPath(ref);
    try {
      await this.http.request({ method: 'DELETE', path, query: { propagationPolicy: 'Background' } });
    } catch (err) {
      if (err instanceof ClusterError && err.code === 404) return;
      throw err;
    }
  }

  watch(kind: KindRef, options: WatchOptions, callbacks: WatchCallbacks): WatchHandle {
    let stopped = false;
    let controller: AbortController | undefined;
    let ended = false;
    const end = (error?: ClusterError) => {
      if (stopped || ended) return;
      ended = true;
      controller?.abort();
      callbacks.onEnd(error);
    };
    const start = async () => {
      const { path } = await this.resolver.collectionPath(kind, options.namespace);
      if (stopped) return;
      controller = await new Watch(this.kc).watch(
        path,
        { resourceVersion: options.resourceVersion, allowWatchBookmarks: true, labelSelector: options.labelSelector },
        (phase: string, obj: unknown) => {
          if (stopped || ended) return;
          if (phase === 'ERROR') {
            // The server ends a watch with an ERROR event carrying a Status: 410 Gone when the version is too old.
            const s = obj as { code?: number };
            end(statusToClusterError(typeof s?.code === 'number' ? s.code : 500, obj, `watch ${kind.kind}`));
            return;
          }
          if (!WATCH_EVENTS.has(phase) || typeof obj !== 'object' || obj === null) return;
          const object = obj as KubeObject;
          callbacks.onEvent({ type: phase as WatchEventType, object: phase === 'BOOKMARK' ? object : { ...object, apiVersion: kind.apiVersion, kind: kind.kind } });
        },
        (err: unknown) => {
          if (!err) return end();
          const e = err as { name?: string; statusCode?: number; message?: string };
          // client-node aborts a watch that stayed silent for 30 s: a normal end, re-watch from the last version.
          if (e.name === 'TimeoutError') return end();
          if (typeof e.statusCode === 'number') return end(statusToClusterError(e.statusCode, undefined, `watch ${kind.kind}`));
          end(toClusterError(err, `watch ${kind.kind}`));
        },
      );
      if (stopped) controller.abort();
    };
    start().catch((err: unknown) => end(toClusterError(err, `watch ${kind.kind}`)));
    return {
      stop: () => {
        stopped = true;
        controller?.abort();
      },
    };
  }

  async canI(checks: readonly AccessCheck[], subject?: { readonly serviceAccount: string; readonly namespace: string }): Promise<readonly boolean[] | undefined> {
    const review = (check: AccessCheck) => {
      const resourceAttributes = { group: check.group, resource: check.resource, verb: check.verb, ...(check.namespace ? { namespace: check.namespace } : {}) };
      if (!subject) return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } };
      return {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: {
          resourceAttributes,
          user: `system:serviceaccount:${subject.namespace}:${subject.serviceAccount}`,
          groups: ['system:serviceaccounts', `system:serviceaccounts:${subject.namespace}`, 'system:authenticated'],
        },
      };
    };
    const path = `/apis/authorization.k8s.io/v1/${subject ? 'subjectaccessreviews' : 'selfsubjectaccessreviews'}`;
    try {
      return await Promise.all(
        checks.map(async (c) => {
          const res = await this.http.request<{ status?: { allowed?: boolean } }>({ method: 'POST', path, body: review(c) });
          return res.status?.allowed === true;
        }),
      );
    } catch (err) {
      // Not allowed to ask (SubjectAccessReview needs its own permission) or no authorization API: cannot say.
      if (err instanceof ClusterError && (err.code === 403 || err.code === 404)) return undefined;
      throw err;
    }
  }

  async events(ref: ObjectRef): Promise<readonly KubeObject[]> {
    const fieldSelector = `involvedObject.name=${ref.name},involvedObject.kind=${ref.kind}`;
    const path = ref.namespace ? `/api/v1/namespaces/${encodeURIComponent(ref.namespace)}/events` : '/api/v1/events';
    const list = await this.http.request<ListBody>({ method: 'GET', path, query: { fieldSelector } });
    const items = (list.items ?? []).map((o) => ({ ...o, apiVersion: 'v1', kind: 'Event' }));
    return items.sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
  }
}

function eventTime(e: KubeObject): string {
  const t = (e['lastTimestamp'] ?? e['eventTime'] ?? e.metadata.creationTimestamp ?? '') as string;
  return typeof t === 'string' ? t : '';
}

function refOf(object: KubeObject): ObjectRef {
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || !object.metadata?.name) {
    throw new ClusterError('the object needs apiVersion, kind and metadata.name', 422, 'Invalid', [
      ...(typeof object.apiVersion !== 'string' ? [{ field: 'apiVersion', message: 'Required value' }] : []),
      ...(typeof object.kind !== 'string' ? [{ field: 'kind', message: 'Required value' }] : []),
      ...(!object.metadata?.name ? [{ field: 'metadata.name', message: 'Required value' }] : []),
    ]);
  }
  return { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) };
}
