// kro's real ResourcesReady messages (kube-apiserver + kro v0.9.3 from tools/cluster), attributed by the parser.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKubeGateway } from '../../adapters/k8s/KubeconfigGateway.js';
import type { ClusterConnection, KubeObject } from '../../ports/ClusterGateway.js';
import { deployRgd, RGD_API } from '../../testing/kroFixtures.js';
import { startKroCluster, type KroTestCluster } from '../../testing/startKroCluster.js';
import { parseResourcesMessage, type ObjectIdentity } from './parseResourcesMessage.js';

const suffix = randomBytes(3).toString('hex');
const ns = `msg-${suffix}`;
const kind = `Site${suffix.toUpperCase().replace(/[0-9]/g, 'X')}`;
let cluster: KroTestCluster;
let conn: ClusterConnection;

// The Deployment, the Service and the Ingress all carry the instance's name, as in most real RGDs.
const rgd: KubeObject = {
  ...RGD_API,
  metadata: { name: `site-${suffix}` },
  spec: {
    schema: { apiVersion: 'v1alpha1', kind, spec: { host: 'string | default=shop.example.com', replicas: 'integer | default=1' } },
    resources: [
      {
        id: 'deployment',
        template: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: '${schema.metadata.name}' },
          spec: {
            replicas: '${schema.spec.replicas}',
            selector: { matchLabels: { app: '${schema.metadata.name}' } },
            template: { metadata: { labels: { app: '${schema.metadata.name}' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
          },
        },
      },
      { id: 'service', template: { apiVersion: 'v1', kind: 'Service', metadata: { name: '${schema.metadata.name}' }, spec: { selector: { app: '${schema.metadata.name}' }, ports: [{ port: 80 }] } } },
      {
        id: 'ingress',
        template: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: { name: '${service.metadata.name}' },
          spec: { rules: [{ host: '${schema.spec.host}', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: '${service.metadata.name}', port: { number: 80 } } } }] } }] },
        },
      },
    ],
  },
};
const kinds = new Map([
  ['deployment', { apiVersion: 'apps/v1', kind: 'Deployment' }],
  ['service', { apiVersion: 'v1', kind: 'Service' }],
  ['ingress', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }],
]);

beforeAll(async () => {
  cluster = await startKroCluster();
  const gateway = loadKubeGateway({ KUBECONFIG: cluster.info.kubeconfigPath });
  conn = gateway.connect((await gateway.list())[0]!.id);
  await conn.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { fieldManager: 'kro-designer-test' });
  await deployRgd(conn, rgd);
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
});

/** Waits for kro's ResourcesReady message to match, then returns it with the children each node owns. */
async function messageOf(name: string, match: RegExp): Promise<{ message: string; owned: Map<string, ObjectIdentity[]> }> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const inst = await conn.get({ apiVersion: 'kro.run/v1alpha1', kind, namespace: ns, name });
    const conditions = ((inst?.status as { conditions?: { type: string; message?: string }[] } | undefined)?.conditions ?? []);
    const message = conditions.find((c) => c.type === 'ResourcesReady')?.message ?? '';
    if (match.test(message)) {
      const owned = new Map<string, ObjectIdentity[]>();
      for (const k of kinds.values()) {
        const list = await conn.list(k, { namespace: ns, labelSelector: `kro.run/instance-name=${name}` });
        for (const o of list.items) {
          const id = o.metadata.labels?.['kro.run/node-id'] ?? '';
          owned.set(id, [...(owned.get(id) ?? []), { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '' }]);
        }
      }
      return { message, owned };
    }
    if (Date.now() > deadline) throw new Error(`no ResourcesReady message matching ${match} for ${name}; last: ${message}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const apply = (name: string, spec: Record<string, unknown>) =>
  conn.apply({ apiVersion: 'kro.run/v1alpha1', kind, metadata: { name, namespace: ns }, spec }, { fieldManager: 'kro-designer-test' });

describe("kro's ResourcesReady message on a real control plane", () => {
  it('an invalid Ingress host is reported on the ingress node only, although the Deployment and Service share its name', async () => {
    await apply('shop', { host: 'Not_A_Host!' });
    const { message, owned } = await messageOf('shop', /is invalid/);
    expect(owned.get('deployment')).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop' }]);
    const parsed = parseResourcesMessage(message, owned, kinds);
    expect([...parsed.byNode.keys()]).toEqual(['ingress']);
    expect(parsed.byNode.get('ingress')).toMatchObject({ kind: 'error', text: expect.stringMatching(/^Ingress\.networking\.k8s\.io "shop" is invalid: .*host/) });
  });

  it('two refused objects are each reported on their own node', async () => {
    await apply('cart', { replicas: -1, host: 'Bad_Host' });
    const { message, owned } = await messageOf('cart', /is invalid/);
    const parsed = parseResourcesMessage(message, owned, kinds);
    // kro joins both node errors; only the Service exists, with the same name as the two refused objects.
    expect([...parsed.byNode.keys()].sort()).toEqual(['deployment', 'ingress']);
    expect(parsed.byNode.get('deployment')).toMatchObject({ kind: 'error', text: expect.stringMatching(/^Deployment\.apps "cart" is invalid: spec\.replicas/) });
    expect(parsed.byNode.get('ingress')).toMatchObject({ kind: 'error', text: expect.stringMatching(/^Ingress\.networking\.k8s\.io "cart" is invalid: .*Bad_Host/) });
    expect(parsed.other).toEqual([]);
  });
});
