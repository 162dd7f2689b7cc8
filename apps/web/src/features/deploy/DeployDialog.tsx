import './deploy.css';
import type { Diagnostic as ContractDiagnostic, DeployPlan, Deployment } from '@kro-designer/contracts';
import { useEffect, useRef, useState } from 'react';
import type { ClustersApi } from '../../api/clustersApi';
import { Dialog } from '../../ui/Dialog';
import { errorMessage } from '../../ui/errorMessage';

export interface DeployDialogProps {
  readonly api: ClustersApi;
  readonly cluster: { readonly id: string; readonly name: string; readonly simulated: boolean };
  readonly rgdName: string;
  readonly yaml: string;
  /** The stored design revision this text is, when it is one (recorded with the deployment). */
  readonly design: { readonly id: string; readonly revision: number } | undefined;
  /** Show a located diagnostic in the editor (the dialog closes). */
  readonly onReveal: (d: ContractDiagnostic, all: readonly ContractDiagnostic[], source: 'dry-run' | 'kro') => void;
  /** The deployment ended (active or failed); kro's diagnostics go to the problems panel. */
  readonly onFinished: (d: Deployment) => void;
  readonly onClose: () => void;
}

type Phase =
  | { readonly kind: 'planning' }
  | { readonly kind: 'plan'; readonly plan: DeployPlan }
  | { readonly kind: 'plan-error'; readonly message: string }
  | { readonly kind: 'deploying'; readonly plan: DeployPlan; readonly deployment: Deployment | undefined; readonly error?: string };

const STEP_LABEL = { applied: 'Applied (server-side apply, field manager kro-designer)', 'graph-accepted': 'GraphAccepted: kro built the graph', 'crd-established': 'CRD established: the instance API is served', active: 'Active: kro reconciles instances' } as const;
const STEP_ORDER = ['applied', 'graph-accepted', 'crd-established', 'active'] as const;
const POLL_MS = 700;

function DiagnosticList({ items, onPick }: { items: readonly ContractDiagnostic[]; onPick: (d: ContractDiagnostic) => void }) {
  return (
    <ul className="deploy-diagnostics" data-testid="deploy-diagnostics">
      {items.map((d, i) => (
        <li key={`${d.code}-${i}`}>
          <button type="button" className={`deploy-diagnostic ${d.severity}`} onClick={() => onPick(d)} data-testid="deploy-diagnostic" title="Show it in the editor">
            <span className={`severity-icon ${d.severity}`} aria-hidden="true">
              {d.severity === 'error' ? '✕' : d.severity === 'warning' ? '!' : 'i'}
            </span>
            <span className="deploy-diagnostic-message">{d.message}</span>
            <span className="problem-meta">
              {d.resourceId && <span className="problem-resource">{d.resourceId}</span>}
              <span className="problem-pos">
                Ln {d.range.start.line}, Col {d.range.start.column}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function PlanView({ plan, allowBreaking, setAllowBreaking, onPick }: { plan: DeployPlan; allowBreaking: boolean; setAllowBreaking: (v: boolean) => void; onPick: (d: ContractDiagnostic) => void }) {
  const breaking = plan.crdChanges.filter((c) => c.breaking);
  return (
    <div className="deploy-plan" data-testid="deploy-plan">
      <section>
        <h3>Server-side dry-run</h3>
        {plan.dryRun.ok ? (
          <p className="ok-text" data-testid="dry-run-ok">
            ✓ The API server accepted the RGD (nothing was changed).
          </p>
        ) : (
          <>
            <p className="error-text">The API server refused the RGD. Fix these first (click one to see it in the editor):</p>
            <DiagnosticList items={plan.dryRun.diagnostics} onPick={onPick} />
          </>
        )}
      </section>
      <section>
        <h3>
          Instance CRD changes{' '}
          {plan.crdChanges.length > 0 && (
            <span className="tab-count">
              {plan.crdChanges.length}
              {breaking.length > 0 ? `, ${breaking.length} breaking` : ''}
            </span>
          )}
        </h3>
        {plan.action === 'create' ? (
          <p className="muted">New RGD: kro will create its CRD.</p>
        ) : plan.crdChanges.length === 0 ? (
          <p className="muted">The generated CRD does not change.</p>
        ) : (
          <ul className="crd-changes" data-testid="crd-changes">
            {plan.crdChanges.map((c, i) => (
              <li key={`${c.path}-${i}`} className={c.breaking ? 'breaking' : ''} data-testid={c.breaking ? 'crd-change-breaking' : 'crd-change'}>
                {c.breaking && <span className="breaking-tag">breaking</span>}
                <code>{c.path}</code> {c.message}
              </li>
            ))}
          </ul>
        )}
        {plan.breaking && (
          <label className="allow-breaking" data-testid="allow-breaking">
            <input type="checkbox" checked={allowBreaking} onChange={(e) => setAllowBreaking(e.target.checked)} />
            <span>
              Allow breaking changes. kro refuses them unless the RGD carries <code>kro.run/allow-breaking-changes</code>; existing instances may stop
              validating against the new CRD.
            </span>
          </label>
        )}
      </section>
      <section>
        <h3>kro’s access (RBAC)</h3>
        {!plan.rbac.checked ? (
          <p className="muted">Not checkable on this cluster (kro’s ServiceAccount is not visible to the designer).</p>
        ) : plan.rbac.missing.length === 0 ? (
          <p className="ok-text">✓ kro may manage every kind this RGD uses.</p>
        ) : (
          <ul className="rbac-missing" data-testid="rbac-missing">
            {plan.rbac.missing.map((m) => (
              <li key={`${m.group}/${m.resource}`}>
                <code>{m.group ? `${m.resource}.${m.group}` : m.resource}</code>: kro may not {m.verbs.join(', ')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function ProgressView({ deployment, error, clusterName, onPick }: { deployment: Deployment | undefined; error: string | undefined; clusterName: string; onPick: (d: ContractDiagnostic) => void }) {
  const steps = STEP_ORDER.map((step) => deployment?.steps.find((s) => s.step === step) ?? { step, status: 'pending' as const });
  const current = steps.find((s) => s.status === 'pending')?.step;
  return (
    <div className="deploy-progress" data-testid="deploy-progress" data-state={deployment?.state ?? 'starting'}>
      <ol className="deploy-steps">
        {steps.map((s) => (
          <li key={s.step} className={`deploy-step ${s.status}${s.step === current && deployment?.state === 'in-progress' ? ' current' : ''}`} data-testid={`deploy-step-${s.step}`} data-status={s.status}>
            <span className="deploy-step-icon" aria-hidden="true">
              {s.status === 'done' ? '✓' : s.status === 'failed' ? '✕' : s.step === current ? '●' : '○'}
            </span>
            <span className="deploy-step-text">
              <span className="deploy-step-label">{STEP_LABEL[s.step]}</span>
              {'message' in s && s.message && <span className="deploy-step-message">{s.message}</span>}
            </span>
            <span className="muted deploy-step-at">{'at' in s && s.at ? new Date(s.at).toLocaleTimeString() : ''}</span>
          </li>
        ))}
      </ol>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {deployment?.state === 'active' && (
        <p className="ok-text deploy-done" data-testid="deploy-done">
          ✓ Deployed {deployment.revision !== undefined ? `revision ${deployment.revision} of ` : ''}
          {deployment.rgdName} to {clusterName}.
        </p>
      )}
      {deployment?.state === 'failed' && (
        <div className="deploy-failed" data-testid="deploy-failed">
          <p className="error-text">kro did not accept the RGD. Its diagnostics are in the Problems panel and on the canvas:</p>
          {deployment.diagnostics.length > 0 && <DiagnosticList items={deployment.diagnostics} onPick={onPick} />}
        </div>
      )}
    </div>
  );
}

/** Plan → confirm → progress: what deploying the design to the selected cluster would change, then kro's verdict. */
export function DeployDialog({ api, cluster, rgdName, yaml, design, onReveal, onFinished, onClose }: DeployDialogProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'planning' });
  const [allowBreaking, setAllowBreaking] = useState(false);
  const finished = useRef(false);
  const dialog = useRef<HTMLElement>(null);

  useEffect(() => {
    dialog.current?.focus();
    let cancelled = false;
    api.plan(cluster.id, yaml).then(
      (plan) => !cancelled && setPhase({ kind: 'plan', plan }),
      (e: unknown) => !cancelled && setPhase({ kind: 'plan-error', message: errorMessage(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, cluster.id, yaml]);

  const deploymentId = phase.kind === 'deploying' ? phase.deployment?.id : undefined;
  const deploymentState = phase.kind === 'deploying' ? phase.deployment?.state : undefined;
  useEffect(() => {
    if (!deploymentId || deploymentState !== 'in-progress') return;
    const t = setInterval(() => {
      api.deployment(cluster.id, deploymentId).then(
        (d) => setPhase((p) => (p.kind === 'deploying' ? { ...p, deployment: d, error: undefined } : p)),
        (e: unknown) => setPhase((p) => (p.kind === 'deploying' ? { ...p, error: `Following the deployment failed: ${errorMessage(e)} (retrying)` } : p)),
      );
    }, POLL_MS);
    return () => clearInterval(t);
  }, [api, cluster.id, deploymentId, deploymentState]);

  useEffect(() => {
    if (phase.kind === 'deploying' && phase.deployment && phase.deployment.state !== 'in-progress' && !finished.current) {
      finished.current = true;
      onFinished(phase.deployment);
    }
  }, [phase, onFinished]);

  const confirm = (plan: DeployPlan) => {
    setPhase({ kind: 'deploying', plan, deployment: undefined });
    api.deploy(cluster.id, { yaml, allowBreakingChanges: allowBreaking, ...(design ? { designId: design.id, revision: design.revision } : {}) }).then(
      (deployment) => setPhase({ kind: 'deploying', plan, deployment }),
      (e: unknown) => setPhase({ kind: 'deploying', plan, deployment: undefined, error: `The deploy was refused: ${errorMessage(e)}` }),
    );
  };

  const plan = phase.kind === 'plan' || phase.kind === 'deploying' ? phase.plan : undefined;
  const canConfirm = phase.kind === 'plan' && phase.plan.dryRun.ok && (!phase.plan.breaking || allowBreaking);
  const blockReason = phase.kind !== 'plan' ? '' : !phase.plan.dryRun.ok ? 'The dry-run failed' : phase.plan.breaking && !allowBreaking ? 'Allow the breaking changes first' : '';
  const pick = (source: 'dry-run' | 'kro') => (d: ContractDiagnostic) => {
    const all = source === 'kro' && phase.kind === 'deploying' ? (phase.deployment?.diagnostics ?? []) : (plan?.dryRun.diagnostics ?? []);
    onReveal(d, all, source);
  };

  return (
    <Dialog onClose={onClose} labelledBy="deploy-title" className="deploy-dialog" testId="deploy-dialog" dialogRef={dialog}>
        <div className="deploy-head">
          <h2 id="deploy-title">
            Deploy <code>{rgdName}</code> to {cluster.name}
          </h2>
          {plan && (
            <span className={`plan-action ${plan.action}`} data-testid="plan-action">
              {plan.action === 'create' ? 'new' : plan.action === 'update' ? 'update' : 'unchanged'}
            </span>
          )}
        </div>
        {cluster.simulated && <p className="muted deploy-sim-note">The sandbox is simulated by the designer’s API: nothing runs, workloads become ready by simulation.</p>}
        <div className="deploy-body">
          {phase.kind === 'planning' && (
            <p className="muted" data-testid="deploy-planning">
              Dry-running on the cluster, comparing the CRD and checking kro’s access…
            </p>
          )}
          {phase.kind === 'plan-error' && (
            <p className="form-error" role="alert" data-testid="deploy-plan-error">
              Could not plan the deploy: {phase.message}
            </p>
          )}
          {phase.kind === 'plan' && <PlanView plan={phase.plan} allowBreaking={allowBreaking} setAllowBreaking={setAllowBreaking} onPick={pick('dry-run')} />}
          {phase.kind === 'deploying' && <ProgressView deployment={phase.deployment} error={phase.error} clusterName={cluster.name} onPick={pick('kro')} />}
        </div>
        <div className="modal-actions">
          <span className="muted">{blockReason}</span>
          <span className="spacer" />
          <button type="button" onClick={onClose} data-testid="deploy-close">
            {phase.kind === 'deploying' ? 'Close' : 'Cancel'}
          </button>
          {phase.kind !== 'deploying' && (
            <button type="button" className="primary" disabled={!canConfirm} onClick={() => phase.kind === 'plan' && confirm(phase.plan)} data-testid="deploy-confirm">
              {phase.kind === 'plan' && phase.plan.action === 'unchanged' ? 'Deploy again' : 'Deploy'}
            </button>
          )}
        </div>
    </Dialog>
  );
}
