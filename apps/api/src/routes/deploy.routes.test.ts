// Clusters, deploy and instances through HTTP against createApp over the REAL control plane (tools/cluster:
// kube-apiserver + etcd + kro v0.9.3). Nothing is mocked; workload readiness is written with markDeploymentReady.
import type { ClusterCrdList, ClusterStatus, ClusterSummary, DeployPlan, Deployment, InstanceSummary, Problem, RgdOnCluster } from '@kro-designer/contracts';
import { eventually, markDeploymentReady } from '@kro-designer/cluster';
import { KubeConfig, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CompositeClusterGateway } from '../adapters/CompositeClusterGateway.js';
import { loadKubeGateway } from '../adapters/k8s/KubeconfigGateway.js';
import type { ClusterConnection } from '../ports/ClusterGateway.js';
import { HttpClient } from '../testing/HttpClient.js';
import { startKroCluster, type KroTestCluster } from '../testing/startKroCluster.js';
import { startTestServer, type TestServer } from '../testing/startTestServer.js';
import { webRgd, type WebRgdOptions } from '../testing/webRgd.js';

const suffix = randomBytes(3).toString('hex');
const ns = `deploy-${suffix}`;
const letters = Array.from(randomBytes(6), (b) => String.fromCharCode(65 + (b % 26))).join('');
const kind = `Web${letters}App`;
const rgdName = `web-${suffix}`;

const rgdObject = (o: WebRgdOptions = {}) => webRgd({ name: rgdName, kind, ...o });
const rgdYaml = (o: WebRgdOptions = {}) => stringify(rgdObject(o));

let cluster: KroTestCluster;
let server: TestServer;
let api: HttpClient;
let conn: ClusterConnection;
let kc: KubeConfig;
let clusterId: string;

beforeAll(async () => {
  cluster = await startKroCluster();
  const kube = loadKubeGateway({ KUBECONFIG: cluster.info.kubeconfigPath });
  server = await startTestServer({ clusterGateway: new CompositeClusterGateway([], [kube]), deployTiming: { pollMs: 100, timeoutMs: 60_000 } });
  api = new HttpClient(server.url);
  clusterId = (await kube.list())[0]!.id;
  conn = kube.connect(clusterId);
  kc = new KubeConfig();
  kc.loadFromFile(cluster.info.kubeconfigPath);
  await conn.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { fieldManager: 'test' });
}, 240_000);

afterAll(async () => {
  await server?.close();
  await cluster?.stop();
});

const base = () => `/api/clusters/${encodeURIComponent(clusterId)}`;

async function deployAndFollow(yaml: string, extra: Record<string, unknown> = {}): Promise<{ final: Deployment; ms: number }> {
  const started = performance.now();
  const res = await api.post<Deployment>(`${base()}/deployments`, { yaml, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.headers.get('location')).toBe(`${base()}/deployments/${res.body.id}`);
  const final = await eventually(async () => {
    const d = (await api.get<Deployment>(`${base()}/deployments/${res.body.id}`)).body;
    return d.state === 'in-progress' ? undefined : d;
  }, { description: 'the deploy to finish', timeoutMs: 60_000 });
  return { final, ms: performance.now() - started };
}

describe('clusters', () => {
  it('lists the kubeconfig context without credentials', async () => {
    const res = await api.get<{ items: ClusterSummary[] }>('/api/clusters');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ id: clusterId, source: 'kubeconfig', simulated: false, current: true })]);
    expect(JSON.stringify(res.body)).not.toMatch(/certificate|BEGIN|client-key|token/i);
  });

  it('shows reachability, the Kubernetes version, kro and its capabilities', async () => {
    const s = (await api.get<ClusterStatus>(`${base()}/status`)).body;
    expect(s).toMatchObject({ id: clusterId, reachable: true, kroInstalled: true, capabilities: { graphRevisions: true, clusterScopedInstances: true } });
    expect(s.kubernetesVersion).toMatch(/^v1\.35\./);
  });

  it('serves the CRDs with YAML, and 404 for an unknown cluster', async () => {
    const crds = (await api.get<ClusterCrdList>(`${base()}/crds`)).body;
    const rgd = crds.items.find((c) => c.name === 'resourcegraphdefinitions.kro.run');
    expect(rgd).toMatchObject({ group: 'kro.run', kind: 'ResourceGraphDefinition', scope: 'Cluster', versions: ['v1alpha1'], kroOwned: false });
    expect(rgd?.yaml).toContain('openAPIV3Schema');
    expect((await api.get<Problem>('/api/clusters/nope/status')).status).toBe(404);
  });
});

describe('deploy', () => {
  it('plans a new RGD: dry-run passes, no CRD yet, RBAC not checkable without a kro Deployment', async () => {
    const res = await api.post<DeployPlan>(`${base()}/deploy/plan`, { yaml: rgdYaml() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ rgdName, action: 'create', dryRun: { ok: true, diagnostics: [] }, crdChanges: [], breaking: false, rbac: { checked: false } });
    expect((await conn.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: rgdName }))).toBeUndefined();
  });

  it('locates an API-server rejection of the dry-run in the RGD text', async () => {
    // Both template and externalRef: the RGD CRD's validation rule refuses it before kro ever sees it.
    const o = rgdObject();
    Object.assign(o.spec.resources[0]!, { externalRef: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' } } });
    const bad = stringify(o);
    const res = await api.post<DeployPlan>(`${base()}/deploy/plan`, { yaml: bad });
    expect(res.status).toBe(200);
    expect(res.body.dryRun.ok, JSON.stringify(res.body)).toBe(false);
    const d = res.body.dryRun.diagnostics[0]!;
    expect(d.code).toBe('cluster/invalid');
    expect(d.path).toMatch(/^spec\.resources\[0\]/);
    expect(d.resourceId).toBe('config');
  });

  it('deploys to Active with a timeline, records the revision and reports no drift', async () => {
    const { final, ms } = await deployAndFollow(rgdYaml());
    expect(final.state, JSON.stringify(final)).toBe('active');
    expect(final.steps.map((s) => [s.step, s.status])).toEqual([['applied', 'done'], ['graph-accepted', 'done'], ['crd-established', 'done'], ['active', 'done']]);
    expect(final.steps.every((s) => typeof s.at === 'string')).toBe(true);
    expect(final.steps.find((s) => s.step === 'graph-accepted')?.message).toBe('resource graph and schema are valid');
    expect(final.diagnostics).toEqual([]);
    console.info(`deploy to Active: ${Math.round(ms)} ms`);

    const onCluster = (await api.get<RgdOnCluster>(`${base()}/rgds/${rgdName}`)).body;
    expect(onCluster).toMatchObject({ name: rgdName, kind, apiVersion: 'kro.run/v1alpha1', state: 'Active', deployed: { drift: false } });
    const listed = (await api.get<{ items: RgdOnCluster[] }>(`${base()}/rgds`)).body.items;
    expect(listed.map((r) => r.name)).toContain(rgdName);

    // The CRD list follows the cluster (watch), so the new kind is there without waiting for a cache to expire.
    const crds = await eventually(async () => {
      const list = (await api.get<ClusterCrdList>(`${base()}/crds`)).body;
      return list.items.find((c) => c.kind === kind);
    }, { description: 'the generated CRD in /crds' });
    expect(crds.kroOwned).toBe(true);
    // 304 while nothing changed (retried: kro may still touch the new CRD between the two reads).
    await eventually(async () => {
      const first = await api.get<ClusterCrdList>(`${base()}/crds`);
      const etag = first.headers.get('etag') ?? '';
      expect(etag).toBe(`"crds-${first.body.resourceVersion}"`);
      return (await api.get(`${base()}/crds`, { 'if-none-match': etag })).status === 304 ? true : undefined;
    }, { description: 'a 304 for an unchanged CRD list' });

    const status = await eventually(async () => {
      const s = (await api.get<ClusterStatus>(`${base()}/status`)).body;
      return s.kroVersion ? s : undefined;
    }, { description: 'kro version from the generated CRD', timeoutMs: 15_000 });
    expect(status.kroVersion).toBe('v0.9.3');
  });

  it('plans a breaking change the way kro classifies it', async () => {
    const res = await api.post<DeployPlan>(`${base()}/deploy/plan`, { yaml: rgdYaml({ spec: { name: 'string', replicas: 'string', owner: 'string | required=true' }, configData: { greeting: 'x' } }) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.action).toBe('update');
    expect(res.body.breaking).toBe(true);
    const byPath = Object.fromEntries(res.body.crdChanges.filter((c) => c.breaking).map((c) => [c.path, c.kind]));
    expect(byPath).toMatchObject({ 'spec.greeting': 'field-removed', 'spec.replicas': 'type-changed', 'spec.owner': 'required-added' });
  });

  it('shows drift when the cluster copy differs from the deployed revision', async () => {
    const current = await conn.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: rgdName });
    const spec = current!['spec'] as { resources: { readyWhen?: string[] }[] };
    const changed = { ...spec, resources: spec.resources.map((r, i) => (i === 1 ? { ...r, readyWhen: ['${deployment.status.availableReplicas >= 1}'] } : r)) };
    // Like `kubectl patch`: a merge patch by another client, owning only what it changed.
    await KubernetesObjectApi.makeApiClient(kc).patch(
      { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', metadata: { name: rgdName }, spec: { resources: changed.resources, schema: { metadata: { labels: { team: 'platform' } } } } },
      undefined, undefined, 'someone-else', undefined, PatchStrategy.MergePatch,
    );
    expect((await api.get<RgdOnCluster>(`${base()}/rgds/${rgdName}`)).body.deployed?.drift).toBe(true);
    const { final } = await deployAndFollow(rgdYaml());
    expect(final.state).toBe('active');
    expect((await api.get<RgdOnCluster>(`${base()}/rgds/${rgdName}`)).body.deployed?.drift).toBe(false);
    // The deploy took the resources back, but the label the other client added is still its own and stays: the
    // deploy says so, as a warning on the RGD's name.
    expect(final.diagnostics).toEqual([expect.objectContaining({ code: 'cluster/shared-ownership', severity: 'warning', path: 'metadata.name' })]);
    expect(final.diagnostics[0]?.message).toMatch(/someone-else/);
  });

  it('kro refuses a breaking change on the schema unless it is allowed', async () => {
    // greeting removed: PROPERTY_REMOVED, breaking for kro's gate.
    const yaml = rgdYaml({ spec: { name: 'string', replicas: 'integer | default=1' }, configData: { greeting: 'x' } });
    const refused = (await deployAndFollow(yaml)).final;
    expect(refused.state, JSON.stringify(refused)).toBe('failed');
    const failed = refused.steps.find((s) => s.status === 'failed');
    expect(failed?.step).toBe('crd-established');
    expect(failed?.message).toMatch(/breaking change/i);
    expect(refused.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ code: 'cluster/kro-rejected', path: 'spec.schema.spec' });

    const allowed = (await deployAndFollow(yaml, { allowBreakingChanges: true })).final;
    expect(allowed.state, JSON.stringify(allowed)).toBe('active');
    const onCluster = await conn.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: rgdName });
    expect(onCluster?.metadata.annotations?.['kro.run/allow-breaking-changes']).toBe('true');
  });

  it('maps kro rejecting the RGD onto the expression kro names', async () => {
    const yaml = rgdYaml({ name: `bad-${suffix}`, kind: `Bad${letters}App`, configData: { greeting: '${schema.spec.nope}' } });
    const { final } = await deployAndFollow(yaml);
    expect(final.state).toBe('failed');
    const failed = final.steps.find((s) => s.status === 'failed');
    expect(failed?.step).toBe('graph-accepted');
    expect(failed?.message).toMatch(/nope/);
    const d = final.diagnostics[0]!;
    expect(d).toMatchObject({ code: 'cluster/kro-rejected', resourceId: 'config' });
    expect(yaml.slice(d.span.start, d.span.end)).toContain('schema.spec.nope');
    expect(d.range.start.line).toBe(yaml.slice(0, d.span.start).split('\n').length);
  });

  it('refuses a text that is not one RGD with a located 422', async () => {
    const res = await api.post<Problem>(`${base()}/deploy/plan`, { yaml: 'a: [1\n' });
    expect(res.status).toBe(422);
    expect(res.body.diagnostics?.[0]?.code).toBe('yaml/syntax');
    const notRgd = await api.post<Problem>(`${base()}/deployments`, { yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' });
    expect(notRgd.status).toBe(422);
  });
});

describe('RBAC check', () => {
  it('reports what kro\'s service account may not do on the kinds used', async () => {
    const sys = `kro-${suffix}`;
    await conn.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: sys } }, { fieldManager: 'test' });
    // A Deployment like kro's Helm chart creates (no kubelet here, so it never runs): it names kro's service account.
    await conn.apply({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'kro', namespace: sys, labels: { 'app.kubernetes.io/name': 'kro' } },
      spec: { selector: { matchLabels: { app: 'kro' } }, template: { metadata: { labels: { app: 'kro' } }, spec: { serviceAccountName: 'kro', containers: [{ name: 'kro', image: 'registry.k8s.io/kro/kro:v0.9.3' }] } } },
    }, { fieldManager: 'test' });
    await conn.apply({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: sys }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }] }, { fieldManager: 'test' });
    await conn.apply({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: sys },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: sys }, subjects: [{ kind: 'ServiceAccount', name: 'kro', namespace: sys }],
    }, { fieldManager: 'test' });
    try {
      const plan = await eventually(async () => {
        const p = (await api.post<DeployPlan>(`${base()}/deploy/plan`, { yaml: rgdYaml() })).body;
        return p.rbac.checked && !p.rbac.missing.some((m) => m.resource === 'configmaps') ? p : undefined;
      }, { description: 'the RBAC check to see the binding' });
      expect(plan.rbac.missing).toEqual([{ group: 'apps', resource: 'deployments', verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }]);
    } finally {
      await conn.delete({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: sys, name: 'kro' });
    }
  });
});

describe('instances', () => {
  const path = `/rgds/${rgdName}/instances`;

  it('creates an instance from YAML, follows it to ACTIVE when the workload is ready, then deletes it', async () => {
    const put = await api.put<InstanceSummary>(`${base()}${path}/${ns}/demo`, { yaml: 'spec:\n  name: demo\n  replicas: 2\n' });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ name: 'demo', namespace: ns, deleting: false });

    await eventually(() => conn.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'demo' }), { description: 'kro to create the Deployment' });
    await markDeploymentReady(kc, ns, 'demo');
    const active = await eventually(async () => {
      const items = (await api.get<{ items: InstanceSummary[] }>(`${base()}${path}`)).body.items;
      const i = items.find((x) => x.name === 'demo');
      return i?.state === 'ACTIVE' && i.ready === 'True' ? i : undefined;
    }, { description: 'the instance to be ACTIVE' });
    expect(active.createdAt).toMatch(/^\d{4}-/);

    // Edit: the same PUT with a new value; kro rolls it out to the Deployment.
    const edited = await api.put<InstanceSummary>(`${base()}${path}/${ns}/demo`, { yaml: 'spec:\n  name: demo\n  replicas: 3\n' });
    expect(edited.status).toBe(200);
    expect(edited.body.uid).toBe(active.uid);
    await eventually(async () => {
      const d = await conn.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'demo' });
      return (d?.['spec'] as { replicas?: number } | undefined)?.replicas === 3 ? true : undefined;
    }, { description: 'kro to scale the Deployment to 3' });

    const del = await api.request(`DELETE`, `${base()}${path}/${ns}/demo`);
    expect(del.status).toBe(204);
    await eventually(async () => {
      const items = (await api.get<{ items: InstanceSummary[] }>(`${base()}${path}`)).body.items;
      return items.some((x) => x.name === 'demo') ? undefined : true;
    }, { description: 'the instance to be gone' });
    expect((await api.request<Problem>('DELETE', `${base()}${path}/${ns}/demo`)).status).toBe(404);
  });

  it('locates a rejected instance field in the instance text', async () => {
    const yaml = 'spec:\n  name: demo\n  replicas: many\n';
    const res = await api.put<Problem>(`${base()}${path}/${ns}/broken`, { yaml });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    const d = res.body.diagnostics?.[0];
    expect(d?.path).toBe('spec.replicas');
    expect(yaml.slice(d!.span.start, d!.span.end)).toBe('many');
  });

  it('refuses a mismatched kind and the wrong scope segment', async () => {
    expect((await api.put<Problem>(`${base()}${path}/${ns}/x`, { yaml: 'kind: Other\nspec: {name: x}\n' })).status).toBe(422);
    expect((await api.put<Problem>(`${base()}${path}/_/x`, { yaml: 'spec: {name: x}\n' })).status).toBe(422);
    expect((await api.get<Problem>(`${base()}/rgds/nope/instances`)).status).toBe(404);
  });
});
