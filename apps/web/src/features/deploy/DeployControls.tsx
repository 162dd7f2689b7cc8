import './deploy.css';
import type { DeployedRgd } from './useDeployedRgd';
import { rgdCondition } from './useDeployedRgd';

export interface DeployGate {
  /** Validation has not answered for the current text yet. */
  readonly validating: boolean;
  readonly errors: number;
  readonly rgdName: string | undefined;
  readonly cluster: { readonly name: string } | undefined;
  readonly reachability: 'checking' | 'reachable' | 'unreachable' | 'no-kro';
}

/** Why Deploy is disabled, in words, or undefined when it may be pressed. */
export function deployBlockReason(g: DeployGate): string | undefined {
  if (!g.cluster) return 'No cluster to deploy to: the API is not reachable from this page';
  if (!g.rgdName) return 'The text holds no ResourceGraphDefinition (or it has no metadata.name)';
  if (g.validating) return 'Validating the design…';
  if (g.errors > 0) return `Fix the ${g.errors} error${g.errors === 1 ? '' : 's'} in the design first`;
  if (g.reachability === 'unreachable') return `${g.cluster.name} is unreachable`;
  if (g.reachability === 'no-kro') return `kro is not installed on ${g.cluster.name}`;
  if (g.reachability === 'checking') return `Checking ${g.cluster.name}…`;
  return undefined;
}

/** "deployed revision N to <cluster>", drift, or not deployed: what the cluster holds of this RGD. */
export function deployedSummary(state: DeployedRgd, clusterName: string): { text: string; tone: 'ok' | 'warn' | 'bad' | 'none'; title: string } | undefined {
  switch (state.kind) {
    case 'idle':
    case 'loading':
      return undefined;
    case 'error':
      return { text: 'Deploy state unknown', tone: 'none', title: state.message };
    case 'absent':
      return { text: 'Not deployed', tone: 'none', title: `This RGD is not on ${clusterName}` };
    case 'present': {
      const { rgd } = state;
      const rev = rgd.deployed?.revision;
      const ready = rgdCondition(rgd, 'Ready');
      const where = `to ${clusterName}`;
      const base = rev !== undefined ? `Deployed revision ${rev} ${where}` : `Deployed ${where}`;
      if (rgd.deployed?.drift) return { text: `Drift on ${clusterName}`, tone: 'warn', title: `${base}, but the cluster copy differs from it now (changed outside the designer)` };
      if (rgd.state && rgd.state !== 'Active') return { text: `${rgd.state} on ${clusterName}`, tone: 'bad', title: `${base}; kro reports ${rgd.state}${ready?.message ? `: ${ready.message}` : ''}` };
      return { text: rev !== undefined ? `rev ${rev} on ${clusterName}` : `On ${clusterName}`, tone: 'ok', title: `${base}; kro reports ${rgd.state ?? 'no state yet'}` };
    }
  }
}

export function DeployControls({ gate, deployed, onDeploy }: { gate: DeployGate; deployed: DeployedRgd; onDeploy: () => void }) {
  const reason = deployBlockReason(gate);
  const summary = gate.cluster ? deployedSummary(deployed, gate.cluster.name) : undefined;
  return (
    <span className="deploy-controls">
      <span title={reason ?? `Plan and deploy to ${gate.cluster?.name ?? ''}`}>
        <button type="button" className="primary" disabled={reason !== undefined} onClick={onDeploy} data-testid="deploy-open" aria-describedby={reason ? 'deploy-block-reason' : undefined}>
          Deploy…
        </button>
      </span>
      {reason && (
        <span id="deploy-block-reason" className="visually-hidden" data-testid="deploy-block-reason">
          {reason}
        </span>
      )}
      {summary && (
        <span className={`deployed-chip ${summary.tone}`} title={summary.title} data-testid="deployed-state">
          {summary.text}
        </span>
      )}
    </span>
  );
}
