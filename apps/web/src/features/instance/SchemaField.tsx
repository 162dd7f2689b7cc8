import type { OpenApiSchema } from '@kro-designer/core';
import { useState } from 'react';
import { defaultText, fieldKey, fieldShape, isPlainObject, sampleValue, type InstanceFieldDiagnostic, type PathSegment } from './instanceValue';

export interface SchemaFieldProps {
  readonly name: string;
  readonly schema: OpenApiSchema;
  readonly value: unknown;
  readonly path: readonly PathSegment[];
  readonly required: boolean;
  /** undefined removes the field, so API-server defaulting fills it. */
  readonly onChange: (next: unknown) => void;
  readonly diagnostics: ReadonlyMap<string, readonly InstanceFieldDiagnostic[]>;
  readonly disabled: boolean;
  /** Shown instead of the name (array items: `#0`). */
  readonly label?: string;
  /** Row controls (remove) drawn beside the label. */
  readonly actions?: React.ReactNode;
}

/** What a cleared map entry or list item holds: an empty string for strings (the row stays), else a fresh sample. */
const clearedValue = (item: OpenApiSchema, name: string): unknown => (fieldShape(item) === 'string' ? '' : sampleValue(item, name));

const testKey = (path: readonly PathSegment[]) => fieldKey(path);

function rangeHint(s: OpenApiSchema): string | undefined {
  const lo = s.minimum !== undefined ? `${s.exclusiveMinimum ? '>' : '≥'} ${s.minimum}` : undefined;
  const hi = s.maximum !== undefined ? `${s.exclusiveMaximum ? '<' : '≤'} ${s.maximum}` : undefined;
  if (lo && hi) return `${lo}, ${hi}`;
  return lo ?? hi;
}

function Messages({ list, id }: { list: readonly InstanceFieldDiagnostic[] | undefined; id: string }) {
  if (!list || list.length === 0) return null;
  return (
    <ul className="instance-messages" id={id} data-testid={`instance-error-${id.replace(/^msg-/, '')}`}>
      {list.map((d, i) => (
        <li key={i} className={d.severity}>
          {d.message}
        </li>
      ))}
    </ul>
  );
}

/** One field of the instance form, chosen by the schema's type; objects, maps and arrays recurse. */
export function SchemaField(props: SchemaFieldProps) {
  const { name, schema, value, path, required, onChange, diagnostics, disabled, label, actions } = props;
  const key = testKey(path);
  const shape = fieldShape(schema);
  const messages = diagnostics.get(key);
  const msgId = `msg-${key}`;
  const invalid = messages?.some((d) => d.severity === 'error') ?? false;
  const hasDefault = schema.default !== undefined;
  const head = (
    <span className="instance-label">
      <span className="instance-name">{label ?? name}</span>
      {required && (
        <span className="instance-required" title="required" aria-label="required">
          *
        </span>
      )}
      {hasDefault && value !== undefined && !disabled && (
        <button type="button" className="ghost small reset" onClick={() => onChange(undefined)} title={`Remove the value: defaulting sets ${defaultText(schema.default)}`} data-testid={`instance-reset-${key}`}>
          ↺ default
        </button>
      )}
      {actions}
    </span>
  );
  const help = schema.description ? <span className="instance-help">{schema.description}</span> : null;

  if (shape === 'object' || shape === 'map' || shape === 'array') {
    return (
      <fieldset className={`instance-group shape-${shape}${invalid ? ' invalid' : ''}`} data-testid={`instance-field-${key}`}>
        <legend>{head}</legend>
        {help}
        <Messages list={messages} id={msgId} />
        {shape === 'object' && <ObjectFields {...props} />}
        {shape === 'map' && <MapRows {...props} />}
        {shape === 'array' && <ArrayRows {...props} />}
      </fieldset>
    );
  }

  const common = {
    id: `instance-${key}`,
    disabled,
    'aria-invalid': invalid || undefined,
    'aria-describedby': messages ? msgId : undefined,
    'data-testid': `instance-input-${key}`,
  };
  let input: React.ReactNode;
  switch (shape) {
    case 'boolean': {
      const on = value === undefined ? schema.default === true : value === true;
      input = (
        <label className="switch">
          <input type="checkbox" role="switch" checked={on} onChange={(e) => onChange(e.target.checked)} {...common} />
          <span className="switch-track" aria-hidden="true" />
          <span className="switch-text">{on ? 'true' : 'false'}{value === undefined && hasDefault ? ' (default)' : ''}</span>
        </label>
      );
      break;
    }
    case 'enum': {
      const options = (schema.enum ?? []).map((v) => String(v));
      const current = value === undefined ? '' : String(value);
      input = (
        <select value={current} onChange={(e) => onChange(e.target.value === '' ? undefined : (schema.enum ?? []).find((v) => String(v) === e.target.value) ?? e.target.value)} {...common}>
          <option value="">{hasDefault ? `default: ${defaultText(schema.default)}` : '— not set —'}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          {current !== '' && !options.includes(current) && <option value={current}>{current} (not allowed)</option>}
        </select>
      );
      break;
    }
    case 'integer':
    case 'number':
      input = <NumberInput schema={schema} value={value} onChange={onChange} common={common} />;
      break;
    case 'string':
      input = (
        <input
          type="text"
          value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
          placeholder={hasDefault ? `default: ${defaultText(schema.default)}` : ''}
          onChange={(e) => onChange(e.target.value === '' && !required ? undefined : e.target.value)}
          {...(schema.pattern ? { title: `pattern: ${schema.pattern}` } : {})}
          {...common}
        />
      );
      break;
    default:
      input = <JsonInput value={value} onChange={onChange} common={common} placeholder={hasDefault ? `default: ${defaultText(schema.default)}` : 'any JSON value'} />;
  }
  const hint = shape === 'integer' || shape === 'number' ? rangeHint(schema) : schema.pattern ? `pattern ${schema.pattern}` : undefined;
  return (
    <div className={`instance-field shape-${shape}${invalid ? ' invalid' : ''}`} data-testid={`instance-field-${key}`}>
      <label htmlFor={`instance-${key}`}>{head}</label>
      <div className="instance-control">
        {input}
        {hint && <span className="instance-hint">{hint}</span>}
      </div>
      {help}
      <Messages list={messages} id={msgId} />
    </div>
  );
}

interface Common {
  readonly id: string;
  readonly disabled: boolean;
  readonly 'aria-invalid': boolean | undefined;
  readonly 'aria-describedby': string | undefined;
  readonly 'data-testid': string;
}

function NumberInput({ schema, value, onChange, common }: { schema: OpenApiSchema; value: unknown; onChange: (v: unknown) => void; common: Common }) {
  // The typed text is kept while it is not a number yet ("-", "1e"), so the field never fights the keyboard.
  const [draft, setDraft] = useState<string>();
  const shown = draft ?? (value === undefined ? '' : String(value));
  return (
    <input
      type="number"
      inputMode={schema.type === 'integer' ? 'numeric' : 'decimal'}
      step={schema.type === 'integer' ? 1 : 'any'}
      {...(schema.minimum !== undefined ? { min: schema.minimum } : {})}
      {...(schema.maximum !== undefined ? { max: schema.maximum } : {})}
      value={shown}
      placeholder={schema.default !== undefined ? `default: ${defaultText(schema.default)}` : ''}
      onChange={(e) => {
        const text = e.target.value;
        if (text === '') {
          setDraft(undefined);
          onChange(undefined);
          return;
        }
        const n = Number(text);
        if (Number.isFinite(n)) {
          setDraft(undefined);
          onChange(n);
        } else setDraft(text);
      }}
      onBlur={() => setDraft(undefined)}
      {...common}
    />
  );
}

function JsonInput({ value, onChange, common, placeholder }: { value: unknown; onChange: (v: unknown) => void; common: Common; placeholder: string }) {
  const [draft, setDraft] = useState<string>();
  const [error, setError] = useState<string>();
  const shown = draft ?? (value === undefined ? '' : JSON.stringify(value));
  return (
    <span className="json-input">
      <input
        type="text"
        className="mono"
        value={shown}
        placeholder={placeholder}
        title="A JSON value (the schema leaves this field's shape open)"
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          if (text.trim() === '') {
            setError(undefined);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(text) as unknown);
            setError(undefined);
          } catch {
            // Tested fallback: the text stays as typed and the field says it is not JSON yet.
            setError('not valid JSON yet');
          }
        }}
        onBlur={() => {
          if (!error) setDraft(undefined);
        }}
        {...common}
      />
      {error && <span className="instance-hint error-text">{error}</span>}
    </span>
  );
}

function ObjectFields({ schema, value, path, onChange, diagnostics, disabled }: SchemaFieldProps) {
  const obj = isPlainObject(value) ? value : undefined;
  const required = new Set(schema.required ?? []);
  return (
    <div className="instance-fields">
      {Object.entries(schema.properties ?? {}).map(([name, prop]) => (
        <SchemaField
          key={name}
          name={name}
          schema={prop}
          value={obj?.[name]}
          path={[...path, name]}
          required={required.has(name)}
          diagnostics={diagnostics}
          disabled={disabled}
          onChange={(next) => {
            const copy = { ...(obj ?? {}) };
            if (next === undefined) delete copy[name];
            else copy[name] = next;
            // An optional object left empty is removed, so the instance stays as small as the user made it.
            onChange(Object.keys(copy).length === 0 && obj === undefined ? undefined : copy);
          }}
        />
      ))}
    </div>
  );
}

function MapRows({ schema, value, path, onChange, diagnostics, disabled }: SchemaFieldProps) {
  const obj = isPlainObject(value) ? value : {};
  const item = schema.additionalProperties as OpenApiSchema;
  const [newKey, setNewKey] = useState('');
  const entries = Object.entries(obj);
  const add = () => {
    const k = newKey.trim();
    if (k === '' || k in obj) return;
    onChange({ ...obj, [k]: sampleValue(item, k) });
    setNewKey('');
  };
  return (
    <div className="instance-rows">
      {entries.length === 0 && <p className="instance-empty muted">No entries.</p>}
      {entries.map(([k, v]) => (
        <SchemaField
          key={k}
          name={k}
          label={k}
          schema={item}
          value={v}
          path={[...path, k]}
          required={false}
          diagnostics={diagnostics}
          disabled={disabled}
          onChange={(next) => onChange({ ...obj, [k]: next ?? clearedValue(item, k) })}
          actions={
            !disabled && (
              <button type="button" className="ghost small" onClick={() => onChange(Object.fromEntries(entries.filter(([x]) => x !== k)))} aria-label={`Remove ${k}`} data-testid={`instance-remove-${fieldKey([...path, k])}`}>
                ✕
              </button>
            )
          }
        />
      ))}
      {!disabled && (
        <div className="instance-add">
          <input
            type="text"
            value={newKey}
            placeholder="new key"
            aria-label={`New key in ${fieldKey(path)}`}
            data-testid={`instance-newkey-${fieldKey(path)}`}
            onChange={(e) => setNewKey(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="small" onClick={add} disabled={newKey.trim() === '' || newKey.trim() in obj} data-testid={`instance-add-${fieldKey(path)}`}>
            + Add entry
          </button>
        </div>
      )}
    </div>
  );
}

function ArrayRows({ name, schema, value, path, onChange, diagnostics, disabled }: SchemaFieldProps) {
  const list = Array.isArray(value) ? (value as unknown[]) : [];
  const item = schema.items ?? {};
  return (
    <div className="instance-rows">
      {list.length === 0 && <p className="instance-empty muted">{value === undefined && schema.default !== undefined ? `default: ${defaultText(schema.default)}` : 'No items.'}</p>}
      {list.map((v, i) => (
        <SchemaField
          key={i}
          name={name}
          label={`#${i}`}
          schema={item}
          value={v}
          path={[...path, i]}
          required={false}
          diagnostics={diagnostics}
          disabled={disabled}
          onChange={(next) => onChange(list.map((x, j) => (j === i ? next ?? clearedValue(item, name) : x)))}
          actions={
            !disabled && (
              <button type="button" className="ghost small" onClick={() => onChange(list.filter((_, j) => j !== i))} aria-label={`Remove item ${i} of ${name}`} data-testid={`instance-remove-${fieldKey([...path, i])}`}>
                ✕
              </button>
            )
          }
        />
      ))}
      {!disabled && (
        <div className="instance-add">
          <button
            type="button"
            className="small"
            data-testid={`instance-add-${fieldKey(path)}`}
            onClick={() => onChange([...(value === undefined && Array.isArray(schema.default) ? (schema.default as unknown[]) : list), sampleValue(item, name)])}
          >
            + Add item
          </button>
        </div>
      )}
    </div>
  );
}
