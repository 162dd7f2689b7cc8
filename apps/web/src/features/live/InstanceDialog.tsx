import type { OpenApiSchema } from '@kro-designer/core';
import { useEffect, useRef, useState } from 'react';
import type { ClustersApi, InstanceRef } from '../../api/clustersApi';
import { ApiError } from '../../api/designsApi';
import { InstanceForm, type InstanceFieldDiagnostic, type InstanceMetadata, type PlainObject } from '../instance/InstanceForm';
import { instanceToYaml } from '../instance/instanceYaml';
import { Dialog } from '../../ui/Dialog';
import { errorMessage } from '../../ui/errorMessage';

export interface InstanceDialogProps {
  readonly api: ClustersApi;
  readonly cluster: { readonly id: string; readonly name: string };
  readonly rgdName: string;
  readonly mode: 'create' | 'edit';
  readonly initial: { readonly metadata: InstanceMetadata; readonly spec: PlainObject };
  /** Set when the edit could not start from the stored spec (the server did not send it). */
  readonly note?: string;
  readonly specSchema: OpenApiSchema | undefined;
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  readonly onApplied: (ref: InstanceRef, spec: PlainObject) => void;
  readonly onClose: () => void;
}

/** The server's refusal as messages on the form's fields (problem+json diagnostics or field errors), else one line. */
export function refusalDiagnostics(e: unknown): { fields: InstanceFieldDiagnostic[]; message: string } {
  const fields: InstanceFieldDiagnostic[] = [];
  if (e instanceof ApiError && e.problem) {
    for (const d of e.problem.diagnostics ?? []) fields.push({ path: d.path, message: d.message, severity: d.severity });
    for (const f of e.problem.errors ?? []) fields.push({ path: f.path, message: f.message, severity: 'error' });
  }
  return { fields, message: errorMessage(e) };
}

/** Create or edit an instance with the form generated from the RGD's schema (or its YAML), applied server-side. */
export function InstanceDialog({ api, cluster, rgdName, mode, initial, note, specSchema, apiVersion, kind, onApplied, onClose }: InstanceDialogProps) {
  const [spec, setSpec] = useState<PlainObject>(initial.spec);
  const [metadata, setMetadata] = useState<InstanceMetadata>(initial.metadata);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ fields: InstanceFieldDiagnostic[]; message: string }>();
  const dialog = useRef<HTMLElement>(null);
  useEffect(() => dialog.current?.querySelector<HTMLInputElement>('input:not([disabled])')?.focus(), []);

  const nameError = metadata.name.trim() === '' ? 'An instance needs a name' : !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(metadata.name) ? 'The name must be lower-case letters, digits, "-" or "."' : undefined;
  const apply = async () => {
    setBusy(true);
    setRefusal(undefined);
    const ref: InstanceRef = { cluster: cluster.id, rgd: rgdName, namespace: metadata.namespace.trim() || undefined, name: metadata.name.trim() };
    const yaml = instanceToYaml({ ...(apiVersion ? { apiVersion } : {}), ...(kind ? { kind } : {}), metadata: { name: ref.name, namespace: ref.namespace ?? '' }, spec });
    try {
      await api.applyInstance(ref, yaml);
      onApplied(ref, spec);
    } catch (e) {
      setRefusal(refusalDiagnostics(e));
    } finally {
      setBusy(false);
    }
  };
  const diagnostics = [...(nameError ? [{ path: 'metadata.name', message: nameError, severity: 'error' as const }] : []), ...(refusal?.fields ?? [])];

  return (
    <Dialog onClose={onClose} labelledBy="instance-dialog-title" className="instance-dialog" testId="instance-dialog" dialogRef={dialog}>
        <h2 id="instance-dialog-title">
          {mode === 'create' ? 'New' : 'Edit'} {kind ?? 'instance'}
          {mode === 'edit' && (
            <>
              {' '}
              <code>{initial.metadata.name}</code>
            </>
          )}{' '}
          <span className="muted">on {cluster.name}</span>
        </h2>
        {note && <p className="muted instance-note">{note}</p>}
        <div className="instance-dialog-body">
          <InstanceForm
            specSchema={specSchema}
            value={spec}
            onChange={setSpec}
            diagnostics={diagnostics}
            metadata={metadata}
            {...(mode === 'create' ? { onMetadataChange: setMetadata } : {})}
            {...(apiVersion ? { apiVersion } : {})}
            {...(kind ? { kind } : {})}
          />
        </div>
        {refusal && (
          <p className="form-error" role="alert" data-testid="instance-refused">
            {mode === 'create' ? 'Not created' : 'Not applied'}: {refusal.message}
          </p>
        )}
        <div className="modal-actions">
          <span className="muted">Server-side apply, field manager kro-designer</span>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy || nameError !== undefined} onClick={() => void apply()} data-testid="instance-apply">
            {busy ? 'Applying…' : mode === 'create' ? 'Create' : 'Apply'}
          </button>
        </div>
    </Dialog>
  );
}
