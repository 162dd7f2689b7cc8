import { STARTERS } from '../features/starters/starters';
import type { DesignState, DesignStore } from '../store/DesignStore';
import type { DesignSession } from './useDesignSession';

export interface DesignToolbarProps {
  readonly store: DesignStore;
  readonly state: DesignState;
  readonly session: DesignSession;
  readonly onImport: () => void;
  readonly onDesigns: () => void;
  readonly onSave: () => void;
  readonly onHistory: () => void;
}

/** The design group of the top bar: new from a starter, import, open, save, history, undo and redo. */
export function DesignToolbar({ store, state, session, onImport, onDesigns, onSave, onHistory }: DesignToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Design">
      <select
        className="starter-select"
        aria-label="New design from a starter"
        title="New design from a starter"
        data-testid="starter-select"
        value=""
        onChange={(e) => {
          const s = STARTERS.find((x) => x.id === e.target.value);
          if (!s) return;
          session.detach();
          store.load(s.text, `Loaded starter “${s.title}” (Undo to go back)`);
        }}
      >
        <option value="" disabled>
          New…
        </option>
        {STARTERS.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}: {s.description}
          </option>
        ))}
      </select>
      <button type="button" onClick={onImport} data-testid="import-open">
        Import…
      </button>
      <button
        type="button"
        onClick={onDesigns}
        disabled={session.server !== 'available'}
        data-testid="designs-open"
        title={session.server === 'available' ? 'Open a stored design or save this one as new' : 'No server storage behind this page'}
      >
        Designs…
      </button>
      <button type="button" onClick={onSave} disabled={session.server !== 'available' || session.saveState.kind === 'saving'} data-testid="save" title="Save a revision (Ctrl+S)">
        Save
      </button>
      <button
        type="button"
        onClick={onHistory}
        disabled={session.server !== 'available' || !session.design}
        data-testid="history-open"
        title={session.design ? 'Revisions of this design: compare, restore' : 'Save or open a stored design to see its revisions'}
      >
        History
      </button>
      <span className="divider" />
      {/* Icons only: the top bar is full at 1280 px; the names are in the tooltips and for screen readers. */}
      <button type="button" className="icon" onClick={() => store.undo()} disabled={!state.canUndo} data-testid="undo" aria-label="Undo" title="Undo (Ctrl+Z)">
        ↶
      </button>
      <button type="button" className="icon" onClick={() => store.redo()} disabled={!state.canRedo} data-testid="redo" aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
        ↷
      </button>
    </div>
  );
}
