import type { RgdOnCluster } from '@kro-designer/contracts';
import { describe, expect, it } from 'vitest';
import { deployBlockReason, deployedSummary } from './DeployControls';

const gate = { validating: false, errors: 0, rgdName: 'web-app', cluster: { name: 'Sandbox (simulated)' }, reachability: 'reachable' as const };
const rgd = (extra: Partial<RgdOnCluster>): RgdOnCluster => ({ name: 'web-app', conditions: [], yaml: '', state: 'Active', ...extra });

describe('deployBlockReason', () => {
  it('says why Deploy is disabled, design errors first, then the cluster', () => {
    expect(deployBlockReason(gate)).toBeUndefined();
    expect(deployBlockReason({ ...gate, errors: 2, reachability: 'unreachable' })).toBe('Fix the 2 errors in the design first');
    expect(deployBlockReason({ ...gate, reachability: 'unreachable' })).toBe('Sandbox (simulated) is unreachable');
    expect(deployBlockReason({ ...gate, reachability: 'no-kro' })).toContain('kro is not installed');
    expect(deployBlockReason({ ...gate, rgdName: undefined })).toContain('no ResourceGraphDefinition');
    expect(deployBlockReason({ ...gate, cluster: undefined })).toContain('API is not reachable');
  });
});

describe('deployedSummary', () => {
  it('names the deployed revision, drift and a state other than Active', () => {
    expect(deployedSummary({ kind: 'present', rgd: rgd({ deployed: { revision: 3, drift: false } }) }, 'kind-dev')).toMatchObject({ text: 'rev 3 · Active', tone: 'ok', title: expect.stringContaining('Deployed revision 3 to kind-dev') });
    expect(deployedSummary({ kind: 'present', rgd: rgd({ deployed: { revision: 3, drift: true } }) }, 'kind-dev')).toMatchObject({ text: 'rev 3 · drift', tone: 'warn', title: expect.stringContaining('differs') });
    expect(deployedSummary({ kind: 'present', rgd: rgd({ state: 'Inactive', conditions: [{ type: 'Ready', status: 'False', message: 'bad graph' }] }) }, 'c')).toMatchObject({ tone: 'bad', title: expect.stringContaining('bad graph') });
    expect(deployedSummary({ kind: 'absent' }, 'c')).toMatchObject({ text: 'not deployed' });
    expect(deployedSummary({ kind: 'loading' }, 'c')).toBeUndefined();
  });
});
