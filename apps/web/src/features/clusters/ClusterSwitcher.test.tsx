import type { ClusterSummary } from '@kro-designer/contracts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterSwitcher } from './ClusterSwitcher';
import { orderClusters, reachability, type Clusters, type StatusState } from './useClusters';

afterEach(cleanup);

const sandbox: ClusterSummary = { id: 'sandbox', name: 'Sandbox (simulated)', source: 'sandbox', simulated: true, current: false };
const kind: ClusterSummary = { id: 'kind-dev', name: 'kind-dev', source: 'kubeconfig', simulated: false, server: 'https://127.0.0.1:6443', current: true };
const status = (id: string, reachable: boolean, extra: object = {}): StatusState => ({
  kind: 'ready',
  status: { id, reachable, kroInstalled: reachable, capabilities: { graphRevisions: true, clusterScopedInstances: false }, checkedAt: '2026-11-25T01:00:00.000Z', ...extra },
});

function clusters(selected: ClusterSummary, statuses: Map<string, StatusState>, picked: string[] = []): Clusters {
  return { list: { kind: 'ready', items: [sandbox, kind] }, selected, status: statuses.get(selected.id), statuses, select: (id) => picked.push(id), refresh: () => undefined };
}

describe('orderClusters and reachability', () => {
  it('puts the sandbox first whatever the server order, and reads a status in one word', () => {
    expect(orderClusters([kind, sandbox]).map((c) => c.id)).toEqual(['sandbox', 'kind-dev']);
    expect(reachability(undefined)).toBe('checking');
    expect(reachability(status('x', true))).toBe('reachable');
    expect(reachability(status('x', false))).toBe('unreachable');
    expect(reachability(status('x', true, { kroInstalled: false }))).toBe('no-kro');
    expect(reachability({ kind: 'error', message: 'HTTP 500' })).toBe('unreachable');
    const fresh = status('x', true);
    if (fresh.kind === 'ready') expect(reachability({ kind: 'checking', last: fresh.status })).toBe('reachable');
  });
});

describe('ClusterSwitcher', () => {
  it('lists the sandbox first, shows versions and capabilities, and picks a cluster', () => {
    const picked: string[] = [];
    render(<ClusterSwitcher clusters={clusters(sandbox, new Map([['sandbox', status('sandbox', true, { kubernetesVersion: 'v1.35.4', kroVersion: 'v0.9.3' })]]), picked)} detail={{ text: 'rev 2 · Active', tone: 'ok', title: 'Deployed revision 2' }} />);
    expect(screen.getByTestId('deployed-state').textContent).toBe('rev 2 · Active');
    fireEvent.click(screen.getByTestId('cluster-switcher'));
    const options = screen.getAllByRole('radio');
    expect(options.map((o) => o.getAttribute('data-testid'))).toEqual(['cluster-option-sandbox', 'cluster-option-kind-dev']);
    expect(options[0]!.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByTestId('cluster-k8s-version').textContent).toBe('v1.35.4');
    expect(screen.getByTestId('cluster-kro-version').textContent).toBe('v0.9.3');
    fireEvent.click(options[1]!);
    expect(picked).toEqual(['kind-dev']);
  });

  it('says clearly when the selected cluster cannot be reached, and why', () => {
    render(<ClusterSwitcher clusters={clusters(kind, new Map([['kind-dev', status('kind-dev', false, { error: 'connect ECONNREFUSED 127.0.0.1:6443' })]]))} />);
    fireEvent.click(screen.getByTestId('cluster-switcher'));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Cannot reach kind-dev.');
    expect(alert.textContent).toContain('ECONNREFUSED');
    expect(screen.queryByTestId('cluster-k8s-version')).toBeNull();
  });
});
