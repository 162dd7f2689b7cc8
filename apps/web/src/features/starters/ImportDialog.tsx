import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../ui/errorMessage';
import { Dialog } from '../../ui/Dialog';

export interface ImportDialogProps {
  readonly onImport: (text: string, name: string) => void;
  readonly onClose: () => void;
}

const MAX_BYTES = 4 * 1024 * 1024;

/** Paste YAML or pick a file; the text replaces the design as one undoable step. */
export function ImportDialog({ onImport, onClose }: ImportDialogProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);

  const readFile = async (file: File) => {
    if (file.size > MAX_BYTES) {
      setError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB; the limit is 4 MiB.`);
      return;
    }
    let content: string;
    try {
      content = await file.text();
    } catch (cause) {
      setError(`Could not read ${file.name}: ${errorMessage(cause)}`);
      return;
    }
    // Reading worked; a failure from here on is the import's, not the file's.
    try {
      onImport(content, file.name);
    } catch (cause) {
      setError(`Could not import ${file.name}: ${errorMessage(cause)}`);
    }
  };

  return (
    <Dialog labelledBy="import-title" testId="import-dialog" onClose={onClose}>
      <h2 id="import-title">Import YAML</h2>
      <p className="muted">Paste a ResourceGraphDefinition, or choose a .yaml file. It replaces the current text (Undo brings it back).</p>
      <textarea ref={area} value={text} onChange={(e) => setText(e.target.value)} placeholder="apiVersion: kro.run/v1alpha1&#10;kind: ResourceGraphDefinition&#10;…" aria-label="YAML to import" data-testid="import-text" spellCheck={false} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <label className="button file-button">
          Choose file…
          <input type="file" accept=".yaml,.yml,.json,text/yaml,application/yaml" onChange={(e) => e.target.files?.[0] && void readFile(e.target.files[0])} data-testid="import-file" />
        </label>
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={text.trim() === ''} onClick={() => onImport(text, 'pasted YAML')} data-testid="import-apply">
          Import
        </button>
      </div>
    </Dialog>
  );
}
