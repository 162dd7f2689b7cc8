import type { OpenApiSchema } from '@kro-designer/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { collectFieldKeys, groupDiagnostics, type InstanceFieldDiagnostic, type PlainObject } from './instanceValue';
import { instanceToYaml, parseInstanceYaml, type InstanceMetadata } from './instanceYaml';
import { SchemaField } from './SchemaField';

export type { InstanceFieldDiagnostic, PlainObject } from './instanceValue';
export type { InstanceMetadata } from './instanceYaml';

export interface InstanceFormProps {
  /** OpenAPI schema of the instance's `spec` (the generated CRD's; `RgdSummary.specSchema`). */
  readonly specSchema: OpenApiSchema | undefined;
  /** The instance spec. Fields left out are filled by API-server defaulting. */
  readonly value: PlainObject;
  readonly onChange: (next: PlainObject) => void;
  /** Instance diagnostics; each is shown on the field its `path` names (`spec.replicas`), the rest above the form. */
  readonly diagnostics?: readonly InstanceFieldDiagnostic[];
  /** metadata.name / namespace inputs, drawn when given. */
  readonly metadata?: InstanceMetadata;
  readonly onMetadataChange?: (next: InstanceMetadata) => void;
  /** Written at the top of the YAML view. */
  readonly apiVersion?: string;
  readonly kind?: string;
  /** Read-only (a viewer looking at a live instance). */
  readonly disabled?: boolean;
}

type View = 'form' | 'yaml';

/**
 * A form generated from the instance schema (inputs by type, defaults as placeholders, required marks, help text,
 * diagnostics on their field) and a YAML view of the same instance; editing either updates the other.
 */
export function InstanceForm(props: InstanceFormProps) {
  const { specSchema, value, onChange, diagnostics = [], metadata, onMetadataChange, disabled = false } = props;
  const [view, setView] = useState<View>('form');
  const root = useRef<HTMLDivElement>(null);
  // The problem count takes the keyboard to the first marked field (it may be scrolled out of view).
  const focusFirstProblem = () => {
    setView('form');
    requestAnimationFrame(() => {
      const el = root.current?.querySelector<HTMLElement>('[aria-invalid="true"], .instance-group.invalid, .instance-messages');
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    });
  };
  const keys = useMemo(() => collectFieldKeys(specSchema, value), [specSchema, value]);
  const { byField, outside } = useMemo(() => groupDiagnostics(diagnostics, keys), [diagnostics, keys]);
  const required = new Set(specSchema?.required ?? []);
  const metaMessages = outside.filter((d) => d.path.startsWith('metadata'));
  const otherMessages = outside.filter((d) => !d.path.startsWith('metadata'));

  return (
    <div className="instance-form" data-testid="instance-form" ref={root}>
      <div className="instance-form-bar">
        <div className="segmented" role="tablist" aria-label="Instance view">
          <button type="button" role="tab" aria-selected={view === 'form'} className={view === 'form' ? 'active' : ''} onClick={() => setView('form')} data-testid="instance-view-form">
            Form
          </button>
          <button type="button" role="tab" aria-selected={view === 'yaml'} className={view === 'yaml' ? 'active' : ''} onClick={() => setView('yaml')} data-testid="instance-view-yaml">
            YAML
          </button>
        </div>
        {diagnostics.length > 0 && (
          <button type="button" className="ghost small instance-count" onClick={focusFirstProblem} title="Go to the first marked field" data-testid="instance-problem-count">
            {diagnostics.length} problem{diagnostics.length === 1 ? '' : 's'} in the instance ↓
          </button>
        )}
      </div>
      {otherMessages.length > 0 && (
        <ul className="instance-messages top" data-testid="instance-other-errors">
          {otherMessages.map((d, i) => (
            <li key={i} className={d.severity}>
              {d.path && <code>{d.path}</code>} {d.message}
            </li>
          ))}
        </ul>
      )}
      {view === 'form' ? (
        <div className="instance-fields root">
          {metadata && (
            <fieldset className="instance-group metadata">
              <legend>
                <span className="instance-label">
                  <span className="instance-name">metadata</span>
                </span>
              </legend>
              <div className="instance-meta-row">
                <label>
                  name
                  <input type="text" value={metadata.name} disabled={disabled || !onMetadataChange} onChange={(e) => onMetadataChange?.({ ...metadata, name: e.target.value })} data-testid="instance-meta-name" />
                </label>
                <label>
                  namespace
                  <input type="text" value={metadata.namespace} placeholder="default" disabled={disabled || !onMetadataChange} onChange={(e) => onMetadataChange?.({ ...metadata, namespace: e.target.value })} data-testid="instance-meta-namespace" />
                </label>
              </div>
              {metaMessages.length > 0 && (
                <ul className="instance-messages">
                  {metaMessages.map((d, i) => (
                    <li key={i} className={d.severity}>
                      {d.message}
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
          )}
          {!specSchema ? (
            <p className="instance-empty muted" data-testid="instance-no-schema">
              The instance schema is not available: fix the problems in spec.schema and its fields appear here.
            </p>
          ) : Object.keys(specSchema.properties ?? {}).length === 0 ? (
            <p className="instance-empty muted">This kind has no spec fields.</p>
          ) : (
            Object.entries(specSchema.properties ?? {}).map(([name, prop]) => (
              <SchemaField
                key={name}
                name={name}
                schema={prop}
                value={value[name]}
                path={[name]}
                required={required.has(name)}
                diagnostics={byField}
                disabled={disabled}
                onChange={(next) => {
                  const copy = { ...value };
                  if (next === undefined) delete copy[name];
                  else copy[name] = next;
                  onChange(copy);
                }}
              />
            ))
          )}
        </div>
      ) : (
        <InstanceYamlView {...props} />
      )}
    </div>
  );
}

/** The YAML tab: a plain text area over the whole instance; a text that does not parse stays local with its error. */
function InstanceYamlView({ value, onChange, metadata, onMetadataChange, apiVersion, kind, diagnostics = [], disabled = false }: InstanceFormProps) {
  const canonical = useMemo(
    () => instanceToYaml({ ...(apiVersion ? { apiVersion } : {}), ...(kind ? { kind } : {}), ...(metadata ? { metadata } : {}), spec: value }),
    [apiVersion, kind, metadata, value],
  );
  const [text, setText] = useState(canonical);
  const [error, setError] = useState<{ message: string; line?: number }>();
  // The text this view last produced or accepted; a different canonical text means the value changed elsewhere.
  const own = useRef(canonical);
  useEffect(() => {
    if (canonical !== own.current) {
      own.current = canonical;
      setText(canonical);
      setError(undefined);
    }
  }, [canonical]);

  return (
    <div className="instance-yaml">
      <textarea
        value={text}
        spellCheck={false}
        readOnly={disabled}
        aria-label="Instance YAML"
        aria-invalid={error !== undefined || undefined}
        data-testid="instance-yaml"
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const parsed = parseInstanceYaml(next);
          if (!parsed.ok) {
            setError({ message: parsed.message, ...(parsed.line !== undefined ? { line: parsed.line } : {}) });
            return;
          }
          setError(undefined);
          own.current = instanceToYaml({ ...(apiVersion ? { apiVersion } : {}), ...(kind ? { kind } : {}), ...(parsed.metadata ?? metadata ? { metadata: parsed.metadata ?? metadata! } : {}), spec: parsed.spec });
          onChange(parsed.spec);
          if (parsed.metadata && onMetadataChange) onMetadataChange(parsed.metadata);
        }}
      />
      {error && (
        <p className="instance-yaml-error" role="alert" data-testid="instance-yaml-error">
          {error.line !== undefined ? `Line ${error.line}: ` : ''}
          {error.message}
        </p>
      )}
      {diagnostics.length > 0 && (
        <ul className="instance-messages" data-testid="instance-yaml-problems">
          {diagnostics.map((d, i) => (
            <li key={i} className={d.severity}>
              {d.path && <code>{d.path}</code>} {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
