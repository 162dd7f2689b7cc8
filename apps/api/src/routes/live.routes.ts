import { Router, type Response } from 'express';
import { principal } from '../http/authenticate.js';
import { openSse, type SseOptions, type SseStream } from '../http/sseStream.js';
import type { InstanceRef, LiveFrame } from '../services/live/InstanceView.js';
import type { LiveService } from '../services/live/LiveService.js';
import { roleIn } from '../services/Principal.js';
import { ServiceError } from '../services/ServiceError.js';

const BASE = '/clusters/:cluster/rgds/:rgd/instances/:namespace/:name';

/** Cluster reads are not tied to a workspace: any signed-in user with a role somewhere (viewer or better) may read. */
function requireViewer(res: Response): void {
  const p = principal(res);
  if (!p.siteAdmin && ![...p.memberships.keys()].some((w) => roleIn(p, w) !== null)) {
    throw new ServiceError('forbidden', 'live status needs a role (viewer or better) in at least one workspace');
  }
}

function refOf(params: Record<string, string | undefined>): InstanceRef {
  return { cluster: params.cluster ?? '', rgd: params.rgd ?? '', namespace: params.namespace ?? '', name: params.name ?? '' };
}

/**
 * `GET …/instances/{namespace}/{name}` — the instance's live state (LiveInstance);
 * `GET …/instances/{namespace}/{name}/live` — Server-Sent Events of LiveEvent with ids, heartbeats and Last-Event-ID
 * resume. EventSource sends the session cookie, so the usual authentication applies.
 */
export function liveRouter(live: LiveService, sse: SseOptions = { retryMs: 2_000, heartbeatMs: 15_000 }): Router {
  const r = Router();

  r.get(BASE, async (req, res) => {
    requireViewer(res);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await live.snapshot(refOf(req.params)));
  });

  r.get(`${BASE}/live`, async (req, res) => {
    requireViewer(res);
    const lastEventId = req.get('last-event-id') ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
    // Frames produced before the stream is open (the first snapshot or replay) wait here; a 404 must stay possible
    // until then, so the SSE headers are only sent once the view exists.
    const out: { stream?: SseStream } = {};
    const pending: LiveFrame[] = [];
    const close = await live.open(
      refOf(req.params),
      (frame) => {
        if (out.stream) out.stream.send(frame.event.type, frame.event, frame.id);
        else pending.push(frame);
      },
      lastEventId,
      () => out.stream?.close(),
    );
    if (req.socket.destroyed) {
      close();
      return;
    }
    const stream = openSse(req, res, sse);
    out.stream = stream;
    stream.onClose(close);
    for (const frame of pending.splice(0)) stream.send(frame.event.type, frame.event, frame.id);
  });

  return r;
}
