import { ClusterError, type KubeObject, type ObjectRef } from '../../ports/ClusterGateway.js';
import type { ObjectStore } from './ObjectStore.js';
import type { SandboxScheduler } from './SandboxScheduler.js';

export type EventType = 'Normal' | 'Warning';

/**
 * Writes core/v1 Events the way controllers' event recorders do: one Event per (object, reason, message), its
 * `count` and `lastTimestamp` bumped when it repeats. Events of cluster-scoped objects go to `default`.
 */
export class EventRecorder {
  private counter = 0;
  private readonly names = new Map<string, string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly scheduler: SandboxScheduler,
  ) {}

  /**
   * Records an Event; returns false when it could not be written (its namespace is gone or terminating). Like
   * client-go's recorder, a lost Event never fails the controller that reported it.
   */
  record(object: KubeObject, type: EventType, reason: string, message: string, component: string): boolean {
    try {
      this.write(object, type, reason, message, component);
      return true;
    } catch (err) {
      if (err instanceof ClusterError) return false;
      throw err;
    }
  }

  private write(object: KubeObject, type: EventType, reason: string, message: string, component: string): void {
    const namespace = object.metadata.namespace ?? 'default';
    const identity = `${object.metadata.uid ?? ''}/${type}/${reason}/${message}`;
    const at = this.scheduler.now().toISOString().replace(/\.\d+Z$/, 'Z');
    const existingName = this.names.get(identity);
    const existing = existingName ? this.store.get({ apiVersion: 'v1', kind: 'Event', namespace, name: existingName }) : undefined;
    const name = existing?.metadata.name ?? `${object.metadata.name ?? 'object'}.${(++this.counter).toString(16).padStart(16, '0')}`;
    this.names.set(identity, name);
    const count = typeof existing?.['count'] === 'number' ? existing['count'] + 1 : 1;
    this.store.apply(
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: object.apiVersion,
          kind: object.kind,
          name: object.metadata.name,
          ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
          uid: object.metadata.uid,
          resourceVersion: object.metadata.resourceVersion,
        },
        type,
        reason,
        message,
        count,
        firstTimestamp: typeof existing?.['firstTimestamp'] === 'string' ? existing['firstTimestamp'] : at,
        lastTimestamp: at,
        source: { component },
        reportingComponent: component,
      },
      { fieldManager: component, force: true },
    );
  }

  /** Events about one object, oldest first (by last occurrence). */
  eventsFor(ref: ObjectRef): KubeObject[] {
    const namespace = ref.namespace ?? 'default';
    return this.store
      .list({ apiVersion: 'v1', kind: 'Event' }, { namespace })
      .items.filter((e) => {
        const inv = e['involvedObject'] as { kind?: string; name?: string; namespace?: string } | undefined;
        return inv?.kind === ref.kind && inv.name === ref.name && (inv.namespace ?? undefined) === (ref.namespace ?? undefined);
      })
      .sort((a, b) => String(a['lastTimestamp']).localeCompare(String(b['lastTimestamp'])) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
  }
}
