import { useEffect, useReducer, useState } from 'react';
import type { InstanceRef } from '../../api/clustersApi';
import { openLiveStream, type StreamState } from '../../api/liveStream';
import { applyLiveEvent, EMPTY_LIVE_VIEW, type LiveView } from './liveView';
import type { LiveEvent } from '@kro-designer/contracts';

type Action = { readonly kind: 'event'; readonly event: LiveEvent; readonly at: number } | { readonly kind: 'reset' };

function reduce(view: LiveView, action: Action): LiveView {
  return action.kind === 'reset' ? EMPTY_LIVE_VIEW : applyLiveEvent(view, action.event, action.at);
}

export interface LiveConnection {
  readonly view: LiveView;
  readonly stream: { readonly state: StreamState; readonly message?: string };
}

/** Follows one instance's live stream while `target` is set; a new target starts from an empty view. */
export function useLiveInstance(target: InstanceRef | undefined): LiveConnection {
  const [view, dispatch] = useReducer(reduce, EMPTY_LIVE_VIEW);
  const [stream, setStream] = useState<LiveConnection['stream']>({ state: 'connecting' });
  const key = target ? `${target.cluster}/${target.rgd}/${target.namespace ?? ''}/${target.name}` : undefined;

  useEffect(() => {
    dispatch({ kind: 'reset' });
    if (!target) return;
    return openLiveStream(target, {
      onEvent: (event) => dispatch({ kind: 'event', event, at: Date.now() }),
      onState: (state, message) => setStream({ state, ...(message !== undefined ? { message } : {}) }),
    });
    // The key names the target; the object itself is rebuilt on every render of the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { view, stream };
}
