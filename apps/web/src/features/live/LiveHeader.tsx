import './live.css';
import type { LiveInstance } from '@kro-designer/contracts';
import type { StreamState } from '../../api/liveStream';
import type { InstanceRef } from '../../api/clustersApi';
import type { LiveView } from './liveView';

export interface LiveHeaderProps {
  readonly target: InstanceRef;
  readonly clusterName: string;
  readonly view: LiveView;
  readonly stream: { readonly state: StreamState; readonly message?: string };
  readonly onEdit: () => void;
  readonly onDelete: () => void;
  readonly onClose: () => void;
}

/** What the stream pill says: the browser's connection first, then the server's own watch on the cluster. */
export function streamLabel(stream: LiveHeaderProps['stream'], view: LiveView): { text: string; tone: 'ok' | 'warn' | 'bad'; title: string } {
  if (stream.state === 'connecting') return { text: 'Connecting…', tone: 'warn', title: 'Opening the live stream' };
  if (stream.state === 'reconnecting') return { text: 'Reconnecting…', tone: 'warn', title: 'The connection dropped; the browser resumes from the last event it got' };
  if (stream.state === 'error') return { text: 'Disconnected', tone: 'bad', title: stream.message ?? 'The server refused the stream' };
  if (view.serverWatch.state !== 'live') return { text: view.serverWatch.state === 'relisting' ? 'Live · relisting' : 'Live · cluster watch reconnecting', tone: 'warn', title: view.serverWatch.message ?? 'The server is re-establishing its watch on the cluster' };
  return { text: 'Live', tone: 'ok', title: stream.message ?? 'Changes in the cluster appear as they happen' };
}

function stateOf(instance: LiveInstance | undefined): string {
  if (!instance) return '…';
  if (instance.gone) return 'DELETED';
  if (instance.deleting) return 'DELETING';
  return instance.state ?? 'PENDING';
}

/** The strip above the live canvas: which instance, its state, Ready and ResourcesReady message, the stream state. */
export function LiveHeader({ target, clusterName, view, stream, onEdit, onDelete, onClose }: LiveHeaderProps) {
  const instance = view.instance;
  const s = streamLabel(stream, view);
  const state = stateOf(instance);
  const failed = instance && !instance.deleting && state === 'ERROR' && instance.message;
  return (
    <>
      <div className="live-header" data-testid="live-header" role="region" aria-label="Live instance">
        <span className={`stream-pill ${s.tone}`} title={s.title} data-testid="stream-state" data-state={stream.state}>
          <span className="stream-dot" aria-hidden="true" />
          {s.text}
        </span>
        <span className="live-instance-name" title={`on ${clusterName}`}>
          {target.namespace ? `${target.namespace}/` : ''}
          <strong>{target.name}</strong>
        </span>
        <span className={`state-pill ${state.toLowerCase()}`} data-testid="live-instance-state">
          {state}
        </span>
        <span className={`ready-${(instance?.ready ?? 'unknown').toLowerCase()}`} data-testid="live-instance-ready">
          Ready: {instance?.ready ?? '…'}
        </span>
        <span className="live-message muted" title={instance?.message} data-testid="live-instance-message">
          {failed ? '' : (instance?.message ?? '')}
        </span>
        <span className="spacer" />
        <button type="button" className="small" onClick={onEdit} disabled={!instance || instance.deleting || instance.gone} data-testid="live-edit">
          Edit
        </button>
        <button type="button" className="small danger" onClick={onDelete} disabled={!instance || instance.deleting || instance.gone} data-testid="live-delete">
          Delete
        </button>
        <button type="button" className="small" onClick={onClose} data-testid="live-close" title="Back to the design view">
          ✕ Close live view
        </button>
      </div>
      {failed && (
        <div className="live-error" role="alert" data-testid="live-instance-error" title={instance.message}>
          <strong>kro:</strong> {instance.message}
        </div>
      )}
    </>
  );
}
