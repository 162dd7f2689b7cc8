import { useState } from 'react';
import { Dialog } from '../../ui/Dialog';

export interface WireDialogProps {
  readonly expression: string;
  readonly targetId: string;
  /** Scalar fields of the target's template (dotted paths). */
  readonly paths: readonly string[];
  /**
   * Fields of the source resource's kind (`status.availableReplicas`, `spec.replicas`…) the wire can read instead of
   * `metadata.name`; absent for schema fields and kinds the designer has no schema for.
   */
  readonly sourceFields?: readonly string[];
  /** Writes `${source}` at `path` of the target; `source` is the expression chosen in the dialog. */
  readonly onWire: (path: string, source: string) => boolean;
  readonly onClose: () => void;
}

/** The field a dragged wire writes into: an existing template field, or a new one named by its path. */
export function suggestPath(expression: string, paths: readonly string[]): string {
  const last = expression.split('.').at(-1) ?? '';
  return paths.find((p) => p.split('.').at(-1) === last) ?? paths.find((p) => p.toLowerCase().endsWith(last.toLowerCase())) ?? '';
}

/** Asks which template field of the target a dragged field is written into. */
export function WireDialog({ expression, targetId, paths, sourceFields, onWire, onClose }: WireDialogProps) {
  // A resource source (`<id>.metadata.name`) can read any field of its kind; a schema field is what it is.
  const resource = /^([A-Za-z_][A-Za-z0-9_]*)\.metadata\.name$/.exec(expression)?.[1];
  const choices = resource && sourceFields && sourceFields.length > 0 ? ['metadata.name', 'metadata.namespace', ...sourceFields] : undefined;
  const [sourceField, setSourceField] = useState('metadata.name');
  const source = resource ? `${resource}.${sourceField}` : expression;
  const [path, setPath] = useState(() => suggestPath(expression, paths));
  const [pathTouched, setPathTouched] = useState(false);
  return (
    <Dialog
      as="form"
      className="wire-dialog"
      labelledBy="wire-title"
      testId="wire-dialog"
      onClose={onClose}
      onSubmit={() => {
        if (path.trim() !== '' && onWire(path.trim(), source)) onClose();
      }}
    >
      <h2 id="wire-title">
        Wire <code data-testid="wire-source">{`\${${source}}`}</code> into <code>{targetId}</code>
      </h2>
      {choices && (
        <label className="wire-path">
          <span>Read from {resource}</span>
          <select
            value={sourceField}
            data-testid="wire-source-field"
            onChange={(e) => {
              setSourceField(e.target.value);
              // Suggest the same-named template field again unless the path was typed by hand.
              if (!pathTouched) setPath(suggestPath(`${resource}.${e.target.value}`, paths));
            }}
          >
            {choices.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="muted">Choose a field of {targetId}’s template, or type a new path (for example spec.replicas or metadata.labels.team).</p>
      <label className="wire-path">
        <span>Template field</span>
        <input
          autoFocus
          list="wire-paths"
          value={path}
          onChange={(e) => {
            setPath(e.target.value);
            setPathTouched(true);
          }}
          placeholder="spec.replicas"
          spellCheck={false}
          data-testid="wire-path"
        />
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
