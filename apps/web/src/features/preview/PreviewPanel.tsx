import type { Diagnostic } from '@kro-designer/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { InstanceForm } from '../instance/InstanceForm';
import type { DesignSnapshot, PreviewResource } from '../validation/protocol';
import { RenderedResourceItem } from './RenderedResourceItem';
import type { PreviewModel } from './usePreview';
import { YamlView } from './YamlView';

export interface PreviewPanelProps {
  readonly snapshot: DesignSnapshot | undefined;
  readonly model: PreviewModel;
  readonly selectedId: string | undefined;
  /** A child clicked: select its node on the canvas. */
  readonly onSelect: (id: string) => void;
  /** An RGD problem that stops rendering, clicked: show it in the problems list and the editor. */
  readonly onShowProblem: (d: Diagnostic) => void;
}

/**
 * The instance preview: the instance form on top, then what kro would create for it — every resource in kro's
 * topological order with its YAML (changes since the previous render marked), excluded and pending ones explained,
 * and the instance status that can be resolved offline.
 */
export function PreviewPanel({ snapshot, model, selectedId, onSelect, onShowProblem }: PreviewPanelProps) {
  const rgd = snapshot?.rgd;
  const { preview, previous } = model;
  const [formOpen, setFormOpen] = useState(true);
  const list = useRef<HTMLOListElement>(null);
  const previousById = useMemo(() => new Map<string, PreviewResource>((previous?.resources ?? []).map((r) => [r.id, r])), [previous]);
  // An RGD kro would reject renders nothing: the engine says so with one summary error (render/rgd-invalid) after the
  // RGD's own errors, which the banner links to. Evaluation errors of single nodes show on their node instead.
  const blocked = preview?.diagnostics.some((d) => d.code === 'render/rgd-invalid') ?? false;
  const rgdErrors = useMemo(() => (blocked ? (preview?.diagnostics ?? []).filter((d) => d.document === 'rgd' && d.severity === 'error' && d.code !== 'render/rgd-invalid') : []), [preview, blocked]);
  const instanceErrors = model.instanceDiagnostics.filter((d) => d.severity === 'error').length;
  // A rejected instance renders nothing; the last render that worked stays visible, greyed, below the reason.
  const rejected = preview !== undefined && preview.resources.length === 0 && rgdErrors.length === 0 && instanceErrors > 0;
  const shown = rejected ? model.lastRendered : preview;
  const counts = useMemo(() => {
    const c = { objects: 0, excluded: 0, pending: 0, failed: 0 };
    for (const r of shown?.resources ?? []) {
      // Objects kro would apply: not excluded, not read-only references, not failed (kro applies nothing for those).
      c.objects += r.state === 'excluded' || r.state === 'error' || r.externalRef ? 0 : r.objects.length;
      if (r.state === 'error') c.failed++;
      if (r.state === 'excluded') c.excluded++;
      if (r.pending.length > 0) c.pending++;
    }
    return c;
  }, [shown]);

  // A node selected on the canvas brings its child into view here.
  useEffect(() => {
    if (!selectedId) return;
    list.current?.querySelector(`[data-testid="preview-resource-${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  if (!snapshot) {
    return (
      <div className="preview-panel preview-state" data-testid="preview-loading">
        <p>Starting the validator…</p>
      </div>
    );
  }
  if (!rgd) {
    return (
      <div className="preview-panel preview-state" data-testid="preview-empty">
        <p className="canvas-empty-title">Nothing to preview</p>
        <p>The text holds no ResourceGraphDefinition. Pick a starter or import a file, then preview an instance of it here.</p>
      </div>
    );
  }

  return (
    <div className="preview-panel" data-testid="preview-panel">
      <section className={`preview-instance${formOpen ? '' : ' collapsed'}`} aria-label="Instance">
        <div className="preview-section-head">
          <button type="button" className="ghost small" aria-expanded={formOpen} onClick={() => setFormOpen(!formOpen)} data-testid="preview-form-toggle">
            {formOpen ? '▾' : '▸'} Instance
          </button>
          <span className="muted">
            {rgd.kind ?? '?'} <code>{rgd.instanceApiVersion ?? ''}</code>
          </span>
          <span className="spacer" />
          <button type="button" className="ghost small" onClick={model.reset} title="Start over from the schema's required fields and defaults" data-testid="preview-reset">
            Reset
          </button>
        </div>
        {formOpen && (
          <div className="preview-instance-body">
            <InstanceForm
              specSchema={rgd.specSchema}
              value={model.spec}
              onChange={model.setSpec}
              diagnostics={model.instanceDiagnostics}
              metadata={model.metadata}
              onMetadataChange={model.setMetadata}
              {...(rgd.instanceApiVersion ? { apiVersion: rgd.instanceApiVersion } : {})}
              {...(rgd.kind ? { kind: rgd.kind } : {})}
            />
          </div>
        )}
      </section>
      <section className="preview-results" aria-label="Rendered resources" aria-busy={model.rendering}>
        <div className="preview-section-head">
          <span className="pane-title">Rendered</span>
          {preview && (
            <span className="preview-summary" data-testid="preview-summary">
              {counts.objects} object{counts.objects === 1 ? '' : 's'}
              {counts.excluded > 0 && ` · ${counts.excluded} excluded`}
              {counts.pending > 0 && ` · ${counts.pending} pending`}
              {counts.failed > 0 && ` · ${counts.failed} failed`}
            </span>
          )}
          <span className="spacer" />
          <span className="muted timing" aria-live="polite">
            {model.rendering && !preview ? 'Rendering…' : preview ? `rendered in ${preview.elapsedMs.toFixed(0)} ms${model.rendering ? ' · updating…' : ''}` : ''}
          </span>
        </div>
        <div className="preview-scroll">
          {model.error !== undefined && (
            <div className="preview-error" role="alert" data-testid="preview-error">
              <strong>The preview could not render this design.</strong> {model.error}
            </div>
          )}
          {!preview && model.error === undefined && (
            <p className="preview-placeholder muted" data-testid="preview-rendering">
              {rgd.specSchema ? 'Rendering the instance…' : 'The instance schema has problems: fix them (see Problems) and the preview renders.'}
            </p>
          )}
          {blocked && (
            <div className="preview-blocked" data-testid="preview-blocked">
              <p>
                <strong>kro would reject this RGD</strong>, so nothing is rendered until {rgdErrors.length === 1 ? 'this problem is' : `these ${rgdErrors.length} problems are`} fixed:
              </p>
              <ul>
                {rgdErrors.slice(0, 8).map((d, i) => (
                  <li key={i}>
                    <button type="button" className="link" onClick={() => onShowProblem(d)} data-testid="preview-problem-link">
                      line {d.line}: {d.message}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {rejected && (
            <div className="preview-rejected" data-testid="preview-rejected">
              <strong>The API server would reject this instance</strong> ({instanceErrors} problem{instanceErrors === 1 ? '' : 's'}, marked on the fields above), so kro creates nothing.
              {shown && ' Below: the last instance that rendered.'}
            </div>
          )}
          {shown && shown.resources.length > 0 && (
            <ol className={`preview-list${rejected ? ' stale' : ''}`} ref={list}>
              {shown.resources.map((r) => (
                <RenderedResourceItem key={r.id} resource={r} previous={rejected ? undefined : previousById.get(r.id)} selected={r.id === selectedId} onSelect={onSelect} />
              ))}
            </ol>
          )}
          {preview && preview.resources.length === 0 && rgdErrors.length === 0 && !rejected && <p className="preview-placeholder muted">This RGD has no resources yet.</p>}
          {preview && rgdErrors.length === 0 && !rejected && (
            <div className="preview-status" data-testid="preview-status">
              <div className="preview-status-head">
                Instance status <span className="muted">(what kro can resolve before anything exists)</span>
              </div>
              {preview.statusYaml ? <YamlView yaml={preview.statusYaml} {...(previous ? { previous: previous.statusYaml } : {})} testId="preview-status-yaml" /> : <p className="muted">No status field resolves yet: they read live objects.</p>}
            </div>
          )}
        </div>
      </section>
    </div>
  );
}
