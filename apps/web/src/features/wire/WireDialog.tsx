import { useState } from 'react';
import { Dialog } from '../../ui/Dialog';

export interface WireDialogProps {
  readonly expression: string;
  readonly targetId: string;
  /** Scalar fields of the target's template (dotted paths). */
  readonly paths: readonly string[];
  readonly onWire: (path: string) => boolean;
  readonly onClose: () => void;
}

/** The field a dragged wire writes into: an existing template field, or a new one named by its path. */
export function suggestPath(expression: string, paths: readonly string[]): string {
  const last = expression.split('.').at(-1) ?? '';
  return paths.find((p) => p.split('.').at(-1) === last) ?? paths.find((p) => p.toLowerCase().endsWith(last.toLowerCase())) ?? '';
}

/** Asks which template field of the target a dragged field is written into. */
export function WireDialog({ expression, targetId, paths, onWire, onClose }: WireDialogProps) {
  const [path, setPath] = useState(() => suggestPath(expression, paths));
  return (
    <Dialog
      as="form"
      className="wire-dialog"
      labelledBy="wire-title"
      testId="wire-dialog"
      onClose={onClose}
      onSubmit={() => {
        if (path.trim() !== '' && onWire(path.trim())) onClose();
      }}
    >
      <h2 id="wire-title">
        Wire <code>{`\${${expression}}`}</code> into <code>{targetId}</code>
      </h2>
      <p className="muted">Choose a field of {targetId}’s template, or type a new path (for example spec.replicas or metadata.labels.team).</p>
      <label className="wire-path">
        <span>Template field</span>
        <input autoFocus list="wire-paths" value={path} onChange={(e) => setPath(e.target.value)} placeholder="spec.replicas" spellCheck={false} data-testid="wire-path" />
        <datalist id="wire-paths">
          {paths.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </label>
      <div className="modal-actions">
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={path.trim() === ''} data-testid="wire-apply">
          Write expression
        </button>
      </div>
    </Dialog>
  );
}
