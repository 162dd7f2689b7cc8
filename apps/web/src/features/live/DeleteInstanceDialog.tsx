import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { errorMessage } from '../../ui/errorMessage';

export interface DeleteInstanceDialogProps {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly clusterName: string;
  readonly onDelete: () => Promise<unknown>;
  readonly onDone: () => void;
  readonly onClose: () => void;
}

/** Asks before deleting an instance, and says what kro does then (reverse-order teardown of its resources). */
export function DeleteInstanceDialog({ name, namespace, clusterName, onDelete, onDone, onClose }: DeleteInstanceDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <Dialog onClose={onClose} role="alertdialog" labelledBy="delete-title" describedBy="delete-desc" className="confirm-dialog" testId="delete-instance-dialog">
        <h2 id="delete-title">
          Delete <code>{namespace ? `${namespace}/${name}` : name}</code>?
        </h2>
        <p id="delete-desc">
          kro deletes its resources on {clusterName} in reverse dependency order, then the instance itself. The graph shows the teardown live.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <span className="spacer" />
          <button type="button" ref={cancel} onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary danger-fill"
            disabled={busy}
            data-testid="delete-instance-confirm"
            onClick={() => {
              setBusy(true);
              onDelete().then(onDone, (e: unknown) => {
                setBusy(false);
                setError(`Not deleted: ${errorMessage(e)}`);
              });
            }}
          >
            {busy ? 'Deleting…' : 'Delete instance'}
          </button>
        </div>
    </Dialog>
  );
}
