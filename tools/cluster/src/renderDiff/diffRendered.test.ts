import { describe, expect, it } from 'vitest';
import { diffRendered, formatPath, managedLeaves, objectLeaves, parseQuantity } from './diffRendered.js';

// A Deployment as the API server returns it after kro's apply: defaults filled in, status written by someone else,
// and the managedFields entry of kro.run/applyset listing exactly what kro sent.
const live = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'ns',
    uid: 'u-1',
    resourceVersion: '42',
    generation: 1,
    labels: { app: 'web', 'kro.run/node-id': 'deployment' },
    annotations: { 'internal.kro.run/apply-order': '1' },
    managedFields: [
      {
        manager: 'kro.run/applyset',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': {
            'f:labels': { 'f:app': {}, 'f:kro.run/node-id': {} },
            'f:annotations': { 'f:internal.kro.run/apply-order': {} },
          },
          'f:spec': {
            'f:replicas': {},
            'f:template': {
              'f:spec': {
                'f:containers': {
                  'k:{"name":"app"}': { '.': {}, 'f:name': {}, 'f:image': {}, 'f:args': {} },
                },
                'f:volumes': { 'k:{"name":"data"}': { '.': {}, 'f:name': {}, 'f:emptyDir': {} } },
              },
            },
          },
        },
      },
      { manager: 'test', operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': { 'f:replicas': {} } } },
    ],
  },
  spec: {
    replicas: 2,
    revisionHistoryLimit: 10,
    template: {
      spec: {
        dnsPolicy: 'ClusterFirst',
        containers: [
          { name: 'sidecar', image: 'x' },
          { name: 'app', image: 'nginx:1', args: ['a', 'b'], imagePullPolicy: 'IfNotPresent' },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
  status: { replicas: 2 },
};

const ours = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'ns',
    labels: { app: 'web', 'kro.run/node-id': 'deployment' },
    annotations: { 'internal.kro.run/apply-order': '1' },
  },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [{ name: 'app', image: 'nginx:1', args: ['a', 'b'] }],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
};

describe('managedLeaves', () => {
  it('resolves keyed list items to their index in the live object', () => {
    const paths = managedLeaves(live.metadata.managedFields[0]!.fieldsV1 as never, live).map((l) => formatPath(l.path));
    expect(paths).toContain('spec.template.spec.containers[1].image');
    expect(paths).toContain('metadata.labels["kro.run/node-id"]');
    expect(paths).toContain('spec.template.spec.volumes[0].emptyDir');
  });
});

describe('objectLeaves', () => {
  it('treats empty objects and lists as leaves', () => {
    expect(objectLeaves({ a: {}, b: [], c: [1] }).map((l) => formatPath(l.path))).toEqual(['a', 'b', 'c[0]']);
  });
});

describe('diffRendered', () => {
  it('ignores server-set fields, defaults and status, and matches an equal render', () => {
    // ours lists the containers in another order than the live object: the keyed item is found by name, but
    // the index path differs, so the comparison must say so rather than hide it.
    const diffs = diffRendered(live, ours);
    expect(diffs.map((d) => d.path)).toEqual([
      'spec.template.spec.containers[0].args[0]',
      'spec.template.spec.containers[0].args[1]',
      'spec.template.spec.containers[0].image',
      'spec.template.spec.containers[0].name',
      'spec.template.spec.containers[1].args',
      'spec.template.spec.containers[1].image',
      'spec.template.spec.containers[1].name',
    ]);
  });

  it('reports nothing when the render equals what kro applied', () => {
    const same = structuredClone(live);
    same.spec.template.spec.containers = [same.spec.template.spec.containers[1]!];
    const fields = same.metadata.managedFields[0]!.fieldsV1 as unknown as { 'f:spec': { 'f:template': { 'f:spec': Record<string, unknown> } } };
    fields['f:spec']['f:template']['f:spec']['f:containers'] = {
      'k:{"name":"app"}': { '.': {}, 'f:name': {}, 'f:image': {}, 'f:args': {} },
    };
    expect(diffRendered(same, ours)).toEqual([]);
  });

  it('reports a changed value, a field only kro applied, one only we render, and label differences', () => {
    const same = structuredClone(live);
    same.spec.template.spec.containers = [same.spec.template.spec.containers[1]!];
    const mine = structuredClone(ours) as typeof ours & { spec: { paused?: boolean } };
    mine.spec.replicas = 3;
    mine.spec.paused = false;
    mine.spec.template.spec.containers[0]!.args = ['a'];
    mine.metadata.labels = { app: 'web' } as typeof mine.metadata.labels;
    const byPath = Object.fromEntries(diffRendered(same, mine).map((d) => [d.path, [d.kro, d.ours]]));
    expect(byPath).toEqual({
      'spec.replicas': [2, 3],
      'spec.paused': [undefined, false],
      'spec.template.spec.containers[0].args': [['a', 'b'], ['a']],
      'metadata.labels["kro.run/node-id"]': ['deployment', undefined],
    });
  });

  it('refuses an object kro did not apply', () => {
    expect(() => diffRendered({ metadata: {} }, ours)).toThrow(/kro.run\/applyset/);
  });
});

describe('quantities', () => {
  it('parses Kubernetes quantities exactly', () => {
    expect(parseQuantity('500m')).toEqual({ num: 500n, den: 1000n });
    expect(parseQuantity('1Gi')).toEqual({ num: 1n << 30n, den: 1n });
    expect(parseQuantity('1.5e3')).toEqual({ num: 15000n, den: 10n });
    expect(parseQuantity(2)).toEqual({ num: 2n, den: 1n });
    expect(parseQuantity('abc')).toBeUndefined();
  });

  it('compares quantity fields by value (the API server stores them canonically), other fields literally', () => {
    const fieldsV1 = { 'f:spec': { 'f:resources': { 'f:requests': { 'f:cpu': {}, 'f:memory': {} } }, 'f:note': {} } };
    const live = {
      metadata: { managedFields: [{ manager: 'kro.run/applyset', operation: 'Apply', fieldsV1 }] },
      spec: { resources: { requests: { cpu: '500m', memory: '1Gi' } }, note: '500m' },
    };
    expect(diffRendered(live, { spec: { resources: { requests: { cpu: '0.5', memory: '1024Mi' } }, note: '500m' } })).toEqual([]);
    expect(diffRendered(live, { spec: { resources: { requests: { cpu: '0.6', memory: '1Gi' } }, note: '0.5' } }).map((d) => d.path)).toEqual([
      'spec.note',
      'spec.resources.requests.cpu',
    ]);
  });
});

describe('empty values', () => {
  const live = { metadata: { managedFields: [{ manager: 'kro.run/applyset', operation: 'Apply', fieldsV1: { 'f:spec': { 'f:x': {} } } }] }, spec: { x: 1 } };
  it('ignores an empty map or list of ours that the stored object omits', () => {
    expect(diffRendered(live, { spec: { x: 1, args: [], annotations: {} } })).toEqual([]);
  });
  it('still reports a non-empty value kro did not apply', () => {
    expect(diffRendered(live, { spec: { x: 1, args: ['a'] } }).map((d) => d.path)).toEqual(['spec.args[0]']);
  });
});
