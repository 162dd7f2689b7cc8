import type { DesignSnapshot } from '../features/validation/protocol';
import type { DesignSession } from './useDesignSession';

export interface TopBarStatusProps {
  readonly notice: { readonly text: string; readonly kind: 'info' | 'error' } | undefined;
  readonly session: DesignSession;
  readonly snapshot: DesignSnapshot | undefined;
  /** Errors in the snapshot (the validator's and the cluster's). */
  readonly errors: number;
  /** The snapshot is of an older text than the editor's. */
  readonly stale: boolean;
  readonly theme: 'light' | 'dark';
  readonly onToggleTheme: () => void;
}

/** The storage state: a short text for the crowded top bar and, where it says less than it means, a longer tooltip. */
function saveStateText(session: DesignSession): { text: string; kind: string; title?: string } {
  switch (session.server) {
    case 'checking':
      return { text: 'Checking storage…', kind: '' };
    case 'unavailable':
      return { text: 'Local only', kind: '', title: 'Local only: kept in this browser (no server storage behind this page)' };
    case 'login-required':
      return { text: 'Not stored', kind: '', title: 'Sign-in needed to store designs on the server' };
  }
  const s = session.saveState;
  switch (s.kind) {
    case 'local':
      return { text: 'Not stored yet', kind: '' };
    case 'saved':
      return { text: `Saved · revision ${session.design?.revision ?? ''}`, kind: 'saved' };
    case 'unsaved':
      return { text: 'Unsaved changes', kind: 'unsaved' };
    case 'saving':
      return { text: 'Saving…', kind: '' };
    case 'draft-saved':
      return { text: `Draft autosaved ${s.at}`, kind: 'unsaved' };
    case 'error':
      return { text: s.message, kind: 'error' };
  }
}

/** The status end of the top bar: the last notice, storage state, the verdict and the theme switch. */
export function TopBarStatus({ notice, session, snapshot, errors, stale, theme, onToggleTheme }: TopBarStatusProps) {
  const saveState = saveStateText(session);
  return (
    <div className="status" aria-live="polite">
      {notice && (
        <span className={`notice ${notice.kind}`} data-testid="notice">
          {notice.text}
        </span>
      )}
      <span className={`save-state ${saveState.kind}`} data-testid="save-state" title={saveState.title ?? saveState.text}>
        {saveState.text}
      </span>
      <span className={`validity ${errors > 0 ? 'bad' : snapshot && snapshot.rgdCount === 0 ? 'none' : 'good'}${stale ? ' stale' : ''}`} data-testid="validity">
        {!snapshot ? 'Validating…' : errors > 0 ? `${errors} error${errors > 1 ? 's' : ''}` : snapshot.rgdCount === 0 ? 'No RGD' : 'Valid'}
      </span>
      <button type="button" className="icon" onClick={onToggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} data-testid="theme-toggle">
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </div>
  );
}
