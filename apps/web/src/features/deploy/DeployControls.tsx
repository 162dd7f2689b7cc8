import './deploy.css';
import { rgdCondition, type DeployedRgd } from './useDeployedRgd';

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

/**
 * What the cluster holds of this RGD, as the short line under the cluster's name ("rev 3 · Active", drift, not
 * deployed) and the long form as its tooltip ("Deployed revision 3 to <cluster>").
 */
export function deployedSummary(state: DeployedRgd, clusterName: string): { text: string; tone: 'ok' | 'warn' | 'bad' | 'none'; title: string } | undefined {
  switch (state.kind) {
    case 'idle':
    case 'loading':
      return undefined;
    case 'error':
      return { text: 'deploy state unknown', tone: 'none', title: state.message };
    case 'absent':
      return { text: 'not deployed', tone: 'none', title: `This RGD is not on ${clusterName}` };
    case 'present': {
      const { rgd } = state;
      const rev = rgd.deployed?.revision;
      const ready = rgdCondition(rgd, 'Ready');
      const base = rev !== undefined ? `Deployed revision ${rev} to ${clusterName}` : `Deployed to ${clusterName} (not from a stored revision)`;
      const revText = rev !== undefined ? `rev ${rev}` : 'deployed';
      if (rgd.deployed?.drift) return { text: `${revText} · drift`, tone: 'warn', title: `${base}, but the cluster copy differs from it now (changed outside the designer)` };
      if (rgd.state && rgd.state !== 'Active') return { text: `${revText} · ${rgd.state}`, tone: 'bad', title: `${base}; kro reports ${rgd.state}${ready?.message ? `: ${ready.message}` : ''}` };
      return { text: `${revText} · ${rgd.state ?? 'pending'}`, tone: 'ok', title: `${base}; kro reports ${rgd.state ?? 'no state yet'}` };
    }
  }
}

/** The Deploy button; disabled with the reason as its tooltip and accessible description. */
export function DeployControls({ gate, onDeploy }: { gate: DeployGate; onDeploy: () => void }) {
  const reason = deployBlockReason(gate);
  return (
    <span className="deploy-controls" title={reason ?? `Plan and deploy to ${gate.cluster?.name ?? ''}`}>
      <button type="button" className="primary" disabled={reason !== undefined} onClick={onDeploy} data-testid="deploy-open" aria-describedby={reason ? 'deploy-block-reason' : undefined}>
        Deploy…
      </button>
      {reason && (
        <span id="deploy-block-reason" className="visually-hidden" data-testid="deploy-block-reason">
          {reason}
        </span>
      )}
    </span>
  );
}
