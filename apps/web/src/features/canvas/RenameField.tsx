import { useState } from 'react';

export interface RenameFieldProps {
  readonly id: string;
  /** Applies the new id; answers an error message, or undefined when it was applied. */
  readonly onRename: (newId: string) => string | undefined;
}

/** The selected resource's id, editable in place: Enter renames it (references follow), Escape restores it. */
export function RenameField({ id, onRename }: RenameFieldProps) {
  const [value, setValue] = useState(id);
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    const next = value.trim();
    if (next === id) return;
    const message = onRename(next);
    setError(message);
  };
  return (
    <span className="rename-field">
      <input
        className={`selection-name${error ? ' invalid' : ''}`}
        value={value}
        size={Math.max(8, Math.min(24, value.length + 1))}
        aria-label="Resource id (Enter renames it and its references)"
        title="Resource id: edit and press Enter to rename it and every reference to it"
        aria-invalid={error !== undefined}
        data-testid="rename-resource"
        spellCheck={false}
        onChange={(e) => {
          setValue(e.target.value);
          setError(undefined);
        }}
        onBlur={() => {
          if (error) return;
          setValue(id);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') submit();
          if (e.key === 'Escape') {
            setValue(id);
            setError(undefined);
          }
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
