import { useState } from 'react';

export interface RenameFieldProps {
  readonly id: string;
  /** Applies the new id; answers an error message, or undefined when it was applied. */
  readonly onRename: (newId: string) => string | undefined;
}

/**
 * The selected resource's id with a Rename button; renaming edits it in place: Enter renames it (references follow),
 * Escape or leaving the field cancels.
 */
export function RenameField({ id, onRename }: RenameFieldProps) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(id);
  const [error, setError] = useState<string | undefined>();
  const cancel = () => {
    setEditing(false);
    setValue(id);
    setError(undefined);
  };
  if (!editing) {
    return (
      <>
        <span className="selection-name" title="Selected resource">
          {id}
        </span>
        <button type="button" onClick={() => setEditing(true)} title="Rename this resource and every reference to it" data-testid="rename-open">
          Rename
        </button>
      </>
    );
  }
  return (
    <span className="rename-field">
      <input
        autoFocus
        className={`selection-name${error ? ' invalid' : ''}`}
        value={value}
        size={Math.max(8, Math.min(24, value.length + 1))}
        aria-label="New resource id (Enter renames it and its references)"
        aria-invalid={error !== undefined}
        data-testid="rename-resource"
        spellCheck={false}
        onChange={(e) => {
          setValue(e.target.value);
          setError(undefined);
        }}
        onBlur={() => !error && cancel()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            const next = value.trim();
            if (next === id) cancel();
            else setError(onRename(next));
          }
          if (e.key === 'Escape') cancel();
        }}
      />
      {error && (
        <span className="rename-error" role="alert" data-testid="rename-error">
          {error}
        </span>
      )}
    </span>
  );
}
