// The client-node adapter against a real kube-apiserver + kro (tools/cluster): nothing here is mocked.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterError, type ClusterConnection, type KubeObject, type WatchEvent } from '../../ports/ClusterGateway.js';
import { startKroCluster, type KroTestCluster } from '../../testing/startKroCluster.js';
import { loadKubeGateway, type KubeconfigGateway } from './KubeconfigGateway.js';

const ns = `adapter-${randomBytes(3).toString('hex')}`;
let cluster: KroTestCluster;
let gateway: KubeconfigGateway;
let conn: ClusterConnection;

const NS = { apiVersion: 'v1', kind: 'Namespace' };
const CM = { apiVersion: 'v1', kind: 'ConfigMap' };
const configMap = (name: string, data: Record<string, string>): KubeObject => ({ ...CM, metadata: { name, namespace: ns }, data });

beforeAll(async () => {
  cluster = await startKroCluster();
  gateway = loadKubeGateway({ KUBECONFIG: cluster.info.kubeconfigPath });
  const [first] = await gateway.list();
  conn = gateway.connect(first!.id);
  await conn.apply({ ...NS, metadata: { name: ns } }, { fieldManager: 'kro-designer-test' });
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('KubeconfigGateway', () => {
  it('lists the contexts with the server URL and no credentials', async () => {
    const list = await gateway.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ source: 'kubeconfig', simulated: false, current: true, server: cluster.info.server.replace(/\/$/, '') });
    expect(JSON.stringify(list)).not.toMatch(/BEGIN|certificate|token/i);
  });

  it('refuses an unknown context with a NotFound ClusterError', () => {
    expect(() => gateway.connect('nope')).toThrow(ClusterError);
  });

  it('lists nothing when no kubeconfig exists', async () => {
    expect(await loadKubeGateway({ KUBECONFIG: '/nonexistent/kubeconfig', HOME: '/nonexistent' }).list()).toEqual([]);
  });
});

describe('KubeClusterConnection', () => {
  it('reports versions, kro and its capabilities', async () => {
    const s = await conn.status();
    expect(s).toMatchObject({ reachable: true, kroInstalled: true, capabilities: { graphRevisions: true, clusterScopedInstances: true } });
    expect(s.kubernetesVersion).toMatch(/^v1\.35\./);
  });

  it('reports an unreachable server as a status, not an error', async () => {
    const text = readFileSync(cluster.info.kubeconfigPath, 'utf8').replace(/server: .*/, 'server: https://127.0.0.1:1');
    const file = join(mkdtempSync(join(tmpdir(), 'kubeconfig-')), 'dead');
    writeFileSync(file, text);
    const dead = loadKubeGateway({ KUBECONFIG: file });
    const s = await dead.connect((await dead.list())[0]!.id).status();
    expect(s.reachable).toBe(false);
    expect(s.error).toMatch(/cannot be reached/);
  });

  it('applies server-side, gets, lists by label and deletes', async () => {
    const applied = await conn.apply({ ...configMap('a', { k: 'v' }), metadata: { name: 'a', namespace: ns, labels: { app: 'x' } } }, { fieldManager: 'kro-designer', force: true });
    expect(applied.metadata.uid).toBeTruthy();
    expect((applied.metadata['managedFields'] as { manager: string }[])[0]?.manager).toBe('kro-designer');
    expect((await conn.get({ ...CM, namespace: ns, name: 'a' }))?.['data']).toEqual({ k: 'v' });
    const list = await conn.list(CM, { namespace: ns, labelSelector: 'app=x' });
    expect(list.items.map((o) => o.metadata.name)).toEqual(['a']);
    expect(list.resourceVersion).not.toBe('');
    await conn.delete({ ...CM, namespace: ns, name: 'a' });
    expect(await conn.get({ ...CM, namespace: ns, name: 'a' })).toBeUndefined();
    await conn.delete({ ...CM, namespace: ns, name: 'a' });
  });

  it('dry-runs without persisting and translates rejections with field causes', async () => {
    await conn.apply(configMap('dry', { k: 'v' }), { fieldManager: 'kro-designer', dryRun: true });
    expect(await conn.get({ ...CM, namespace: ns, name: 'dry' })).toBeUndefined();
    const bad = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bad', namespace: ns }, spec: { replicas: -1, selector: {}, template: {} } };
    const err = await conn.apply(bad, { fieldManager: 'kro-designer', dryRun: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterError);
    const ce = err as ClusterError;
    expect(ce.code).toBe(422);
    expect(ce.reason).toBe('Invalid');
    expect(ce.causes.map((c) => c.field)).toContain('spec.replicas');
  });

  it('refuses an unknown kind with a 404 ClusterError', async () => {
    const err = await conn.get({ apiVersion: 'example.com/v1', kind: 'Nope', name: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ClusterError', code: 404 });
  });

  it('watches from a resourceVersion', async () => {
    const start = await conn.list(CM, { namespace: ns });
    const events: WatchEvent[] = [];
    const seen = new Promise<void>((resolve, reject) => {
      const h = conn.watch(CM, { namespace: ns, resourceVersion: start.resourceVersion }, {
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'ADDED' && e.object.metadata.name === 'w') {
            h.stop();
            resolve();
          }
        },
        onEnd: (e) => reject(e ?? new Error('ended early')),
      });
    });
    await conn.apply(configMap('w', { k: 'v' }), { fieldManager: 'kro-designer' });
    await seen;
    expect(events.find((e) => e.object.metadata.name === 'w')?.object.kind).toBe('ConfigMap');

  });

  it('answers access reviews for the caller and for a service account', async () => {
    const checks = [{ group: 'apps', resource: 'deployments', verb: 'create', namespace: ns }];
    expect(await conn.canI(checks)).toEqual([true]);
    expect(await conn.canI(checks, { serviceAccount: 'kro', namespace: 'kro-system' })).toEqual([false]);
  });

  it('writes status through the subresource and lists CRDs', async () => {
    const crds = await conn.listCrds();
    expect(crds.some((c) => c.metadata.name === 'resourcegraphdefinitions.kro.run')).toBe(true);
    const dep = await conn.apply(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: ns },
        spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
      },
      { fieldManager: 'kro-designer' },
    );
    const updated = await conn.updateStatus({ ...dep, status: { replicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 } });
    expect((updated['status'] as { availableReplicas?: number }).availableReplicas).toBe(1);
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' };
    expect(await conn.events(ref)).toEqual([]);
    const event = (name: string, at: string, reason: string): KubeObject => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: ns }, involvedObject: { ...ref, uid: dep.metadata.uid },
      reason, message: reason, type: 'Normal', lastTimestamp: at, firstTimestamp: at, count: 1, source: { component: 'test' },
    });
    await conn.apply(event('web.2', '2026-01-01T00:00:02Z', 'Second'), { fieldManager: 'test' });
    await conn.apply(event('web.1', '2026-01-01T00:00:01Z', 'First'), { fieldManager: 'test' });
    expect((await conn.events(ref)).map((e) => e['reason'])).toEqual(['First', 'Second']);
  });
});
