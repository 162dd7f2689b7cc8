import { useEffect, useMemo, useRef, useState } from 'react';
import type { Command } from '../../store/DesignStore';
import { FIELD_NAME, removeSchemaField, renameSchemaFieldEverywhere, sequence, setSchemaValue, yamlScalarText } from '../../store/commands/schemaFields';
import type { RgdSummary, SchemaFieldSummary, SchemaSection } from '../validation/protocol';
import { ATOMIC, draftOf, fieldStringOf, joinType, type FieldDraft, type FormMarker } from './fieldModel';

export interface SchemaPanelProps {
  readonly rgd: RgdSummary | undefined;
  /** Runs a command through the store (one undo step); false when it was refused. */
  readonly run: (command: Command) => boolean;
}

const SECTIONS: readonly { id: SchemaSection; title: string; hint: string }[] = [
  { id: 'spec', title: 'Spec fields', hint: 'What users of the API fill in (spec.schema.spec)' },
  { id: 'types', title: 'Custom types', hint: 'Reusable object types (spec.schema.types), usable as a field type' },
  { id: 'status', title: 'Status', hint: 'Values kro reports back, each a ${…} expression (spec.schema.status)' },
];

const keyOf = (path: readonly string[]) => path.join('.');

/**
 * The instance schema as a form: the fields of `spec.schema.spec`, `types` and `status`, and an editor for one of
 * them. Every change is a command on the YAML text (one undo step), written as SimpleSchema.
 */
export function SchemaPanel({ rgd, run }: SchemaPanelProps) {
  const [section, setSection] = useState<SchemaSection>('spec');
  const [selected, setSelected] = useState<string | undefined>();
  const [adding, setAdding] = useState<string | undefined>();
  const fields = rgd?.schema[section] ?? [];
  const customTypes = useMemo(() => (rgd?.schema.types ?? []).filter((f) => f.path.length === 1).map((f) => f.path[0]!), [rgd]);
  const current = fields.find((f) => keyOf(f.path) === selected);

  useEffect(() => {
    if (selected !== undefined && !current) setSelected(undefined);
  }, [selected, current]);

  if (!rgd) {
    return (
      <div className="crd-empty" data-testid="schema-empty">
        <p className="canvas-empty-title">No ResourceGraphDefinition</p>
        <p>The schema form edits spec.schema of an RGD. Start from a starter or import one.</p>
      </div>
    );
  }

  const sectionInfo = SECTIONS.find((s) => s.id === section)!;
  return (
    <div className="schema-panel" data-testid="schema-panel">
      <div className="schema-toolbar">
        <div className="segmented" role="radiogroup" aria-label="Schema block">
          {SECTIONS.map((s) => (
            <button
              key={s.id}
              type="button"
              role="radio"
              aria-checked={section === s.id}
              className={section === s.id ? 'active' : ''}
              onClick={() => {
                setSection(s.id);
                setSelected(undefined);
                setAdding(undefined);
              }}
              data-testid={`schema-section-${s.id}`}
            >
              {s.title}
              <span className="tab-count">{(rgd.schema[s.id] ?? []).filter((f) => f.path.length === 1).length}</span>
            </button>
          ))}
        </div>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          onClick={() => {
            setSelected(undefined);
            setAdding('');
          }}
          data-testid="schema-add"
        >
          + {section === 'types' ? 'Add type field' : 'Add field'}
        </button>
      </div>
      <p className="schema-hint muted">{sectionInfo.hint}</p>
      <div className="schema-body">
        {fields.length === 0 ? (
          <p className="schema-none muted" data-testid="schema-none">
            No {section === 'spec' ? 'spec fields' : section === 'types' ? 'custom types' : 'status fields'} yet.
          </p>
        ) : (
          <ul className="schema-list" aria-label={sectionInfo.title} data-testid="schema-list">
            {fields.map((f) => (
              <FieldRow
                key={keyOf(f.path)}
                field={f}
                section={section}
                selected={keyOf(f.path) === selected}
                onSelect={() => {
                  setAdding(undefined);
                  setSelected(keyOf(f.path) === selected ? undefined : keyOf(f.path));
                }}
                onAddChild={() => {
                  setSelected(undefined);
                  setAdding(`${keyOf(f.path)}.`);
                }}
                onRemove={() => {
                  if (run(removeSchemaField(section, f.path))) setSelected(undefined);
                }}
              />
            ))}
          </ul>
        )}
        {adding !== undefined && (
          <FieldEditor
            key={`new-${section}-${adding}`}
            section={section}
            customTypes={customTypes}
            prefix={adding}
            onCancel={() => setAdding(undefined)}
            onSubmit={(path, value) => {
              if (fields.some((f) => keyOf(f.path) === keyOf(path))) return `${keyOf(path)} already exists`;
              if (run(setSchemaValue(section, path, value, `Add ${section}.${keyOf(path)}`))) {
                setAdding(undefined);
                setSelected(keyOf(path));
              }
              return undefined;
            }}
          />
        )}
        {current && current.shape !== 'object' && (
          <FieldEditor
            key={`${section}-${selected}-${current.raw ?? ''}`}
            section={section}
            field={current}
            customTypes={customTypes}
            prefix={current.path.slice(0, -1).map((p) => `${p}.`).join('')}
            onCancel={() => setSelected(undefined)}
            onSubmit={(path, value) => {
              const commands: Command[] = [];
              const renamed = keyOf(path) !== keyOf(current.path);
              if (renamed) {
                if (keyOf(path.slice(0, -1)) !== keyOf(current.path.slice(0, -1))) return 'Only the last part of the name can change here';
                // The references to a spec field follow its new name (the same undo step).
                commands.push(renameSchemaFieldEverywhere(section, current.path, path.at(-1)!));
              }
              commands.push(setSchemaValue(section, path, value));
              if (run(sequence(renamed ? `Rename ${section}.${keyOf(current.path)} to ${path.at(-1)}` : `Update ${section}.${keyOf(path)}`, commands))) setSelected(keyOf(path));
              return undefined;
            }}
          />
        )}
      </div>
    </div>
  );
}

function FieldRow(props: {
  field: SchemaFieldSummary;
  section: SchemaSection;
  selected: boolean;
  onSelect: () => void;
  onAddChild: () => void;
  onRemove: () => void;
}) {
  const { field, section, selected } = props;
  const name = field.path.at(-1)!;
  const depth = field.path.length - 1;
  const required = field.markers.some((m) => m.key === 'required' && m.value === 'true');
  return (
    <li className={`schema-row${selected ? ' selected' : ''}${field.error ? ' has-error' : ''}`} style={{ paddingLeft: 10 + depth * 18 }} data-testid={`schema-field-${keyOf(field.path)}`}>
      <button type="button" className="schema-row-main" onClick={field.shape === 'object' ? props.onAddChild : props.onSelect} aria-expanded={field.shape === 'object' ? undefined : selected} title={field.raw}>
        <span className="schema-name">
          {name}
          {required && (
            <span className="schema-required" title="required">
              *
            </span>
          )}
        </span>
        {field.shape === 'object' ? (
          <span className="schema-type muted">{section === 'types' && depth === 0 ? 'type' : 'object'}</span>
        ) : section === 'status' ? (
          <code className="schema-expr">{field.raw}</code>
        ) : (
          <>
            <code className="schema-type">{field.type ?? '?'}</code>
            <span className="schema-markers">
              {field.markers
                .filter((m) => m.key !== 'required')
                .map((m, i) => (
                  <span key={i} className="marker-chip" title={m.raw}>
                    {m.key}
                    {m.key === 'description' ? '' : `=${m.value}`}
                  </span>
                ))}
            </span>
          </>
        )}
        {field.error && <span className="schema-error">{field.error}</span>}
      </button>
      {field.shape === 'object' && (
        <button type="button" className="ghost small" onClick={props.onAddChild} aria-label={`Add a field to ${keyOf(field.path)}`}>
          + field
        </button>
      )}
      <button type="button" className="ghost small danger" onClick={props.onRemove} aria-label={`Remove ${keyOf(field.path)}`} data-testid={`schema-remove-${keyOf(field.path)}`}>
        ✕
      </button>
    </li>
  );
}

function FieldEditor(props: {
  section: SchemaSection;
  field?: SchemaFieldSummary;
  customTypes: readonly string[];
  prefix: string;
  onCancel: () => void;
  /** Returns a message when the input is refused before running a command. */
  onSubmit: (path: string[], value: string) => string | undefined;
}) {
  const { section, field, customTypes } = props;
  const [draft, setDraft] = useState<FieldDraft>(() => draftOf(field));
  const [name, setName] = useState(() => props.prefix + (field ? field.path.at(-1)! : ''));
  const [expression, setExpression] = useState(field?.raw ?? '${}');
  const [error, setError] = useState<string>();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const isStatus = section === 'status';
  const typeText = joinType(draft);
  const numeric = !draft.complex && draft.collection === 'single' && (draft.element === 'integer' || draft.element === 'float');
  const stringy = !draft.complex && draft.collection === 'single' && draft.element === 'string';
  const preview = isStatus ? expression : fieldStringOf(draft, field?.markers);
  const setMarker = (key: FormMarker, value: string) => setDraft((d) => ({ ...d, markers: { ...d.markers, [key]: value } }));

  const submit = () => {
    const path = name.split('.').map((p) => p.trim());
    if (section === 'types' && path.length < 2) return setError('Name the type and its field: Type.field (for example Port.number)');
    const bad = path.find((p) => !FIELD_NAME.test(p));
    if (bad !== undefined) return setError(`“${bad}” is not a valid name: letters, digits and _, not starting with a digit`);
    if (!isStatus && typeText === '') return setError('Choose a type');
    setError(props.onSubmit(path, preview));
  };

  return (
    <form
      ref={formRef}
      className="field-editor"
      aria-label={field ? `Edit ${keyOf(field.path)}` : 'New field'}
      data-testid="field-editor"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <div className="field-editor-title">{field ? `Edit ${keyOf(field.path)}` : section === 'types' ? 'New custom type field' : section === 'status' ? 'New status field' : 'New spec field'}</div>
      <div className="field-grid">
        <label>
          <span>Name</span>
          <input
            autoFocus={!field}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={section === 'types' ? 'Port.number' : section === 'status' ? 'ready (a.b for nested)' : 'replicas (a.b for nested)'}
            data-testid="field-name"
            spellCheck={false}
            className="mono"
          />
        </label>
        {isStatus ? (
          <label className="wide">
            <span>Expression</span>
            <input value={expression} onChange={(e) => setExpression(e.target.value)} placeholder="${deployment.status.availableReplicas}" data-testid="field-expression" spellCheck={false} className="mono" />
          </label>
        ) : (
          <>
            <label>
              <span>Type</span>
              {draft.complex ? (
                <input value={draft.element} onChange={(e) => setDraft((d) => ({ ...d, element: e.target.value }))} data-testid="field-type-text" spellCheck={false} />
              ) : (
                <span className="type-pick">
                  <select aria-label="Collection" value={draft.collection} onChange={(e) => setDraft((d) => ({ ...d, collection: e.target.value as FieldDraft['collection'] }))} data-testid="field-collection">
                    <option value="single">one</option>
                    <option value="list">list of []</option>
                    <option value="map">map of map[string]</option>
                  </select>
                  <select
                    aria-label="Type"
                    value={draft.element}
                    onChange={(e) =>
                      setDraft((d) => (e.target.value === '__other' ? { ...d, complex: true, element: joinType(d) } : { ...d, element: e.target.value }))
                    }
                    data-testid="field-type"
                  >
                    {ATOMIC.map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                    <option value="object">object (free-form)</option>
                    {customTypes.length > 0 && (
                      <optgroup label="Custom types">
                        {customTypes.map((t) => (
                          <option key={t} value={t}>
                            {t}
                          </option>
                        ))}
                      </optgroup>
                    )}
                    {![...ATOMIC, 'object', ...customTypes].includes(draft.element) && <option value={draft.element}>{draft.element}</option>}
                    <option value="__other">other (type text)…</option>
                  </select>
                </span>
              )}
            </label>
            <div className="checks">
              <label className="check">
                <input type="checkbox" checked={draft.markers.required === 'true'} onChange={(e) => setMarker('required', e.target.checked ? 'true' : '')} data-testid="field-required" />
                <span>required</span>
              </label>
              <label className="check">
                <input type="checkbox" checked={draft.markers.immutable === 'true'} onChange={(e) => setMarker('immutable', e.target.checked ? 'true' : '')} data-testid="field-immutable" />
                <span>immutable</span>
              </label>
            </div>
            <label>
              <span>Default</span>
              <input value={draft.markers.default} onChange={(e) => setMarker('default', e.target.value)} placeholder={numeric ? '3' : stringy ? 'nginx' : ''} data-testid="field-default" spellCheck={false} />
            </label>
            <label className="wide">
              <span>Description</span>
              <input value={draft.markers.description} onChange={(e) => setMarker('description', e.target.value)} data-testid="field-description" />
            </label>
            <label>
              <span>Enum</span>
              <input value={draft.markers.enum} onChange={(e) => setMarker('enum', e.target.value)} placeholder="a,b,c" data-testid="field-enum" spellCheck={false} />
            </label>
            {numeric && (
              <>
                <label>
                  <span>Minimum</span>
                  <input inputMode="decimal" value={draft.markers.minimum} onChange={(e) => setMarker('minimum', e.target.value)} data-testid="field-minimum" />
                </label>
                <label>
                  <span>Maximum</span>
                  <input inputMode="decimal" value={draft.markers.maximum} onChange={(e) => setMarker('maximum', e.target.value)} data-testid="field-maximum" />
                </label>
              </>
            )}
            {stringy && (
              <>
                <label>
                  <span>Pattern</span>
                  <input value={draft.markers.pattern} onChange={(e) => setMarker('pattern', e.target.value)} placeholder="^[a-z]+$" data-testid="field-pattern" spellCheck={false} />
                </label>
                <label>
                  <span>Min length</span>
                  <input inputMode="numeric" value={draft.markers.minLength} onChange={(e) => setMarker('minLength', e.target.value)} data-testid="field-minLength" />
                </label>
                <label>
                  <span>Max length</span>
                  <input inputMode="numeric" value={draft.markers.maxLength} onChange={(e) => setMarker('maxLength', e.target.value)} data-testid="field-maxLength" />
                </label>
              </>
            )}
            <label className="full">
              <span>Other markers</span>
              <input value={draft.otherMarkers} onChange={(e) => setDraft((d) => ({ ...d, otherMarkers: e.target.value }))} placeholder='minItems=1 validation="self.size() > 0"' data-testid="field-other" spellCheck={false} />
            </label>
          </>
        )}
      </div>
      <div className="field-preview" data-testid="field-preview">
        <span className="muted">YAML</span>
        <code>
          {name.split('.').at(-1) || '…'}: {yamlScalarText(preview)}
        </code>
      </div>
      {error && (
        <div className="field-error" role="alert" data-testid="field-error">
          {error}
        </div>
      )}
      <div className="field-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" data-testid="field-apply">
          {field ? 'Apply' : 'Add'}
        </button>
      </div>
    </form>
  );
}
