import { describe, expect, it } from 'vitest';
import { parseResourcesMessage, type ObjectIdentity } from './parseResourcesMessage.js';

// Messages below are kro v0.9.3's ResourcesReady texts as captured from the real control plane (tools/cluster) by
// parseResourcesMessage.cluster.test.ts, which re-checks the attribution against kro each run.
const HOST_RULE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const BAD_INGRESS = `resource reconciliation failed: apply results contain errors: Ingress.networking.k8s.io "shop" is invalid: spec.rules[0].host: Invalid value: "Not_A_Host!": ${HOST_RULE}`;
const TWO_REFUSED =
  'resource reconciliation failed: apply results contain errors: Deployment.apps "cart" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n' +
  `Ingress.networking.k8s.io "cart" is invalid: spec.rules[0].host: Invalid value: "Bad_Host": ${HOST_RULE}`;

const kinds = new Map([
  ['deployment', { apiVersion: 'apps/v1', kind: 'Deployment' }],
  ['service', { apiVersion: 'v1', kind: 'Service' }],
  ['ingress', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }],
]);
const obj = (apiVersion: string, kind: string, name: string): ObjectIdentity => ({ apiVersion, kind, name });

describe('parseResourcesMessage attributes kro errors by node id, then by object identity', () => {
  it('an Ingress refused by the API server lands on ingress only, although deployment and service carry the same name', () => {
    const owned = new Map([
      ['deployment', [obj('apps/v1', 'Deployment', 'shop')]],
      ['service', [obj('v1', 'Service', 'shop')]],
    ]);
    const p = parseResourcesMessage(BAD_INGRESS, owned, kinds);
    expect([...p.byNode.keys()]).toEqual(['ingress']);
    expect(p.byNode.get('ingress')).toEqual({ kind: 'error', text: BAD_INGRESS.replace('resource reconciliation failed: apply results contain errors: ', '') });
    expect(p.other).toEqual([]);
  });

  it('an existing Ingress whose update is refused is matched by kind and name together', () => {
    const owned = new Map([
      ['deployment', [obj('apps/v1', 'Deployment', 'shop')]],
      ['service', [obj('v1', 'Service', 'shop')]],
      ['ingress', [obj('networking.k8s.io/v1', 'Ingress', 'shop')]],
    ]);
    expect([...parseResourcesMessage(BAD_INGRESS, owned, kinds).byNode.keys()]).toEqual(['ingress']);
  });

  it('errors kro joins with newlines each go to their own node', () => {
    const p = parseResourcesMessage(TWO_REFUSED, new Map([['service', [obj('v1', 'Service', 'cart')]]]), kinds);
    expect([...p.byNode.keys()]).toEqual(['deployment', 'ingress']);
    expect(p.byNode.get('deployment')?.text).toBe('Deployment.apps "cart" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(p.byNode.get('ingress')?.text).toMatch(/^Ingress\.networking\.k8s\.io "cart" is invalid: spec\.rules\[0\]\.host: Invalid value: "Bad_Host"/);
  });

  it('two unborn nodes of the refused kind are ambiguous: the line stays on the instance instead of spreading', () => {
    const twoIngresses = new Map([...kinds, ['admin', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }]]);
    const p = parseResourcesMessage(BAD_INGRESS, new Map(), twoIngresses);
    expect(p.byNode.size).toBe(0);
    expect(p.other).toHaveLength(1);
    // Once one of them exists under another name, the one still missing is the one kro could not create.
    const q = parseResourcesMessage(BAD_INGRESS, new Map([['admin', [obj('networking.k8s.io/v1', 'Ingress', 'shop-admin')]]]), twoIngresses);
    expect([...q.byNode.keys()]).toEqual(['ingress']);
  });

  it('the group must match too: a core-group kind of the same name is another object', () => {
    const p = parseResourcesMessage('resource reconciliation failed: apply results contain errors: Service "shop" is invalid: spec.ports: Required value', new Map([['deployment', [obj('apps/v1', 'Deployment', 'shop')]]]), kinds);
    expect([...p.byNode.keys()]).toEqual(['service']);
  });

  it('a node id kro names wins over any object name in the text', () => {
    const owned = new Map([['service', [obj('v1', 'Service', 'shop')]]]);
    const p = parseResourcesMessage('awaiting resource readiness: waiting for node "deployment": readyWhen condition evaluated to false: "Service \\"shop\\"" (waiting for readiness)', owned, kinds);
    expect([...p.byNode]).toEqual([['deployment', { kind: 'readiness', text: 'readyWhen condition evaluated to false: "Service \\"shop\\""' }]]);
  });

  it('a quoted name is a clue only when exactly one node owns it; collection items are matched like single objects', () => {
    const owned = new Map([
      ['deployment', [obj('apps/v1', 'Deployment', 'shop')]],
      ['service', [obj('v1', 'Service', 'shop')]],
      ['config', [obj('v1', 'ConfigMap', 'shop-config')]],
    ]);
    const shared = parseResourcesMessage('resource error: deployments.apps "shop" not found', owned, kinds);
    expect(shared.byNode.size).toBe(0);
    expect(shared.other).toEqual(['deployments.apps "shop" not found']);
    const unique = parseResourcesMessage('resource error: configmaps "shop-config" not found', owned, kinds);
    expect([...unique.byNode.keys()]).toEqual(['config']);
    const items = new Map([['workers', [obj('v1', 'ConfigMap', 'w-0'), obj('v1', 'ConfigMap', 'w-1')]]]);
    const item = parseResourcesMessage('resource reconciliation failed: apply results contain errors: collection item 1: ConfigMap "w-1" is invalid: data: Invalid value', items, new Map([['workers', { apiVersion: 'v1', kind: 'ConfigMap' }]]));
    expect(item.byNode.get('workers')).toEqual({ kind: 'error', text: 'collection item 1: ConfigMap "w-1" is invalid: data: Invalid value' });
  });
});
