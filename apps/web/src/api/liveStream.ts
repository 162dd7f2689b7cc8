import type { LiveEvent, NodeHealth } from '@kro-designer/contracts';
import { instancePath, type InstanceRef } from './clustersApi';

/**
 * How the browser's stream stands: `connecting` before the first open, `live` while events flow, `reconnecting`
 * while the browser retries (it resends Last-Event-ID by itself), `error` after the server refused the stream.
 */
export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'error';

export interface LiveStreamHandlers {
  readonly onEvent: (event: LiveEvent, id: string) => void;
  readonly onState: (state: StreamState, message?: string) => void;
}

/** The part of EventSource the stream uses, so tests can drive it. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((e: Event) => void) | null;
  onerror: ((e: Event) => void) | null;
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

const EVENT_TYPES = ['message', 'snapshot', 'instance', 'node', 'stream'] as const;
// A record over the union, so adding a health to the contract fails to compile here until it is listed (the
// contracts are imported for types only: see parseLiveEvent).
const HEALTH_KEYS: Record<NodeHealth, true> = { error: true, 'not-ready': true, deleting: true, creating: true, waiting: true, excluded: true, ready: true, unknown: true };
const HEALTH = new Set<string>(Object.keys(HEALTH_KEYS));
const CLOSED = 2;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isNode(x: unknown): boolean {
  return isRecord(x) && typeof x.id === 'string' && typeof x.health === 'string' && HEALTH.has(x.health) && Array.isArray(x.objects);
}

function isInstance(x: unknown, withNodes: boolean): boolean {
  if (!isRecord(x) || typeof x.name !== 'string' || typeof x.ready !== 'string' || !Array.isArray(x.conditions)) return false;
  return !withNodes || (Array.isArray(x.nodes) && x.nodes.every(isNode));
}

/**
 * Checks one SSE payload against the LiveEvent shape. Hand-written rather than the contracts' zod schema: importing
 * those schemas at runtime would register every contract schema in the page bundle, for a stream our own API writes.
 * Returns an error text for anything else, so a bad payload is reported and skipped, never applied half-way.
 */
export function parseLiveEvent(data: string): { event: LiveEvent } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { error: `the live stream sent text that is not JSON: ${data.slice(0, 80)}` };
  }
  if (!isRecord(json)) return { error: 'the live stream sent an event that is not an object' };
  switch (json.type) {
    case 'snapshot':
      return isInstance(json.instance, true) ? { event: json as LiveEvent } : { error: 'the live stream sent a snapshot without a valid instance' };
    case 'instance':
      return isInstance(json.instance, false) ? { event: json as LiveEvent } : { error: 'the live stream sent an instance update without a valid instance' };
    case 'node':
      return isNode(json.node) ? { event: json as LiveEvent } : { error: 'the live stream sent a node update without a valid node' };
    case 'stream':
      return json.state === 'live' || json.state === 'reconnecting' || json.state === 'relisting'
        ? { event: json as LiveEvent }
        : { error: `the live stream sent an unknown stream state ${JSON.stringify(json.state)}` };
    default:
      return { error: `the live stream sent an unknown event type ${JSON.stringify(json.type)}` };
  }
}

/**
 * Opens the instance's live stream. The browser's EventSource resumes by itself with Last-Event-ID after a dropped
 * connection; when the server refuses the stream outright (EventSource gives up: HTTP error, API restarting behind a
 * proxy) a new one is opened after a growing delay, and the server starts it with a fresh snapshot. Returns `close`.
 */
export function openLiveStream(ref: InstanceRef, handlers: LiveStreamHandlers, factory: EventSourceFactory = (url) => new EventSource(url), retryMs: (attempt: number) => number = (n) => Math.min(1000 * 2 ** n, 15_000)): () => void {
  const url = `${instancePath(ref)}/live`;
  let source: EventSourceLike | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const open = () => {
    const es = factory(url);
    source = es;
    es.onopen = () => {
      attempt = 0;
      handlers.onState('live');
    };
    es.onerror = () => {
      if (closed || source !== es) return;
      if (es.readyState !== CLOSED) {
        handlers.onState('reconnecting');
        return;
      }
      es.close();
      const delay = retryMs(attempt++);
      handlers.onState('error', `The live stream was refused; retrying in ${Math.round(delay / 1000)} s`);
      timer = setTimeout(() => {
        if (!closed) open();
      }, delay);
    };
    for (const type of EVENT_TYPES) {
      es.addEventListener(type, (e) => {
        if (closed || source !== es) return;
        const parsed = parseLiveEvent(e.data);
        if ('error' in parsed) handlers.onState('live', parsed.error);
        else handlers.onEvent(parsed.event, e.lastEventId);
      });
    }
  };
  handlers.onState('connecting');
  open();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    source?.close();
  };
}
