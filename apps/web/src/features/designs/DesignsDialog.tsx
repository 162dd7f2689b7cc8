import type { DesignSummary } from '@kro-designer/contracts';
import { useEffect, useRef, useState } from 'react';
import type { DesignsApi } from '../../api/designsApi';
import { errorMessage } from '../../ui/errorMessage';
import { Dialog } from '../../ui/Dialog';
import { useBusyAction } from '../../ui/useBusyAction';

export interface DesignsDialogProps {
  readonly api: DesignsApi;
  /** Name proposed for "Save as new" (the RGD's metadata.name). */
  readonly suggestedName: string;
  readonly openId: string | undefined;
  readonly onOpen: (id: string) => Promise<void>;
  readonly onSaveAs: (name: string) => Promise<boolean>;
  readonly onClose: () => void;
}

/** Stored designs: open one, or save the current text as a new design. */
export function DesignsDialog({ api, suggestedName, openId, onOpen, onSaveAs, onClose }: DesignsDialogProps) {
  const [designs, setDesigns] = useState<readonly DesignSummary[]>();
  const [error, setError] = useState<string>();
  const [name, setName] = useState(suggestedName);
  const nameInput = useRef<HTMLInputElement>(null);
  const { busy, run: act } = useBusyAction(onClose, setError);

  useEffect(() => {
    nameInput.current?.focus();
    api.list().then(
      (l) => setDesigns(l.items),
      (e: unknown) => setError(`Could not list designs: ${errorMessage(e)}`),
    );
  }, [api]);


  return (
    <Dialog labelledBy="designs-title" testId="designs-dialog" onClose={onClose}>
      <h2 id="designs-title">Designs on this server</h2>
      <form
        className="save-as"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            if (!(await onSaveAs(name.trim()))) throw new Error('The design was not saved; see the status at the top.');
          });
        }}
      >
        <label htmlFor="design-name">Save the current text as a new design</label>
        <div className="row">
          <input id="design-name" ref={nameInput} type="text" value={name} onChange={(e) => setName(e.target.value)} data-testid="design-name" maxLength={200} />
          <button type="submit" className="primary" disabled={busy || name.trim() === ''} data-testid="save-as">
            Save as new
          </button>
        </div>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!designs && !error && <p className="muted">Loading designs…</p>}
      {designs && designs.length === 0 && <p className="muted">No designs stored yet.</p>}
      {designs && designs.length > 0 && (
        <ul className="design-list" data-testid="design-list">
          {designs.map((d) => (
            <li key={d.id}>
              <button type="button" disabled={busy} onClick={() => void act(() => onOpen(d.id))} data-testid={`open-design-${d.name}`}>
                <span className="design-list-name">{d.name}</span>
                <span className="muted">{d.kind ?? 'no kind'}</span>
                <span className="muted">rev {d.revision}</span>
                <span className={d.valid ? 'ok-text' : 'error-text'}>{d.valid ? 'valid' : `${d.errorCount} error${d.errorCount === 1 ? '' : 's'}`}</span>
                <span className="muted">{new Date(d.updatedAt).toLocaleString()}</span>
                {d.id === openId && <span className="tab-count">open</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="modal-actions">
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
