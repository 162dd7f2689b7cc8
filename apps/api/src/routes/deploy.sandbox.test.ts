// The same deploy and instance journey as deploy.routes.test.ts, through HTTP, against the sandbox cluster (the
// in-process API server + kro simulation that users without a cluster get). Workloads become ready by simulation.
import type { AuditList, ClusterStatus, ClusterSummary, Design, DeployPlan, Deployment, InstanceSummary, Problem, RgdOnCluster } from '@kro-designer/contracts';
import { eventually } from '@kro-designer/cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CompositeClusterGateway } from '../adapters/CompositeClusterGateway.js';
import { createSandboxCluster, SANDBOX_SUMMARY, type SandboxCluster } from '../adapters/sandbox/createSandboxCluster.js';
import { HttpClient } from '../testing/HttpClient.js';
import { startTestServer, type TestServer } from '../testing/startTestServer.js';
import { webRgd, type WebRgdOptions } from '../testing/webRgd.js';

const rgdYaml = (o: WebRgdOptions = {}) => stringify(webRgd({ name: 'web', kind: 'WebApp', ...o }));
const base = '/api/clusters/sandbox';

let sandbox: SandboxCluster;
let server: TestServer;
let api: HttpClient;

beforeAll(async () => {
  sandbox = createSandboxCluster({ readyAfterMs: 200, requeueMs: 200 });
  server = await startTestServer({ clusterGateway: new CompositeClusterGateway([{ summary: SANDBOX_SUMMARY, connection: sandbox }]), deployTiming: { pollMs: 50, timeoutMs: 20_000 } });
  api = new HttpClient(server.url);
});

afterAll(async () => {
  await server?.close();
  sandbox?.close();
});

async function deployAndFollow(yaml: string): Promise<{ final: Deployment; ms: number }> {
  const started = performance.now();
  const res = await api.post<Deployment>(`${base}/deployments`, { yaml });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const final = await eventually(async () => {
    const d = (await api.get<Deployment>(`${base}/deployments/${res.body.id}`)).body;
    return d.state === 'in-progress' ? undefined : d;
  }, { description: 'the deploy to finish', timeoutMs: 20_000, intervalMs: 50 });
  return { final, ms: performance.now() - started };
}

describe('sandbox: clusters, deploy, instances', () => {
  it('lists the sandbox first, labelled simulated, with kro installed', async () => {
    const list = (await api.get<{ items: ClusterSummary[] }>('/api/clusters')).body.items;
    expect(list[0]).toMatchObject({ id: 'sandbox', name: 'Sandbox (simulated)', simulated: true });
    const status = (await api.get<ClusterStatus>(`${base}/status`)).body;
    expect(status).toMatchObject({ reachable: true, kroInstalled: true });
  });

  it('plans, deploys to Active, then plans a breaking change', async () => {
    const plan = (await api.post<DeployPlan>(`${base}/deploy/plan`, { yaml: rgdYaml() })).body;
    expect(plan).toMatchObject({ action: 'create', dryRun: { ok: true }, breaking: false });
    const { final, ms } = await deployAndFollow(rgdYaml());
    expect(final.state, JSON.stringify(final)).toBe('active');
    expect(final.steps.every((s) => s.status === 'done')).toBe(true);
    console.info(`sandbox deploy to Active: ${Math.round(ms)} ms`);
    expect((await api.get<RgdOnCluster>(`${base}/rgds/web`)).body).toMatchObject({ state: 'Active', deployed: { drift: false } });

    const breaking = (await api.post<DeployPlan>(`${base}/deploy/plan`, { yaml: rgdYaml({ spec: { name: 'string', replicas: 'string' }, configData: { greeting: 'x' } }) })).body;
    expect(breaking.breaking).toBe(true);
    expect(breaking.crdChanges.filter((c) => c.breaking).map((c) => c.path).sort()).toEqual(['spec.greeting', 'spec.replicas']);
  });

  it('locates kro rejecting an RGD', async () => {
    const yaml = rgdYaml({ name: 'bad', kind: 'BadApp', configData: { greeting: '${schema.spec.nope}' } });
    const { final } = await deployAndFollow(yaml);
    expect(final.state).toBe('failed');
    const d = final.diagnostics[0]!;
    expect(d).toMatchObject({ code: 'cluster/kro-rejected', resourceId: 'config' });
    expect(yaml.slice(d.span.start, d.span.end)).toContain('schema.spec.nope');
  });

  it('creates an instance that becomes ACTIVE by simulation, and deletes it', async () => {
    await sandbox.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, { fieldManager: 'test' });
    const put = await api.put<InstanceSummary>(`${base}/rgds/web/instances/team/demo`, { yaml: 'spec:\n  name: demo\n' });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const active = await eventually(async () => {
      const i = (await api.get<{ items: InstanceSummary[] }>(`${base}/rgds/web/instances`)).body.items.find((x) => x.name === 'demo');
      return i?.state === 'ACTIVE' && i.ready === 'True' ? i : undefined;
    }, { description: 'the instance to be ACTIVE', timeoutMs: 20_000 });
    expect(active.namespace).toBe('team');
    expect((await api.request('DELETE', `${base}/rgds/web/instances/team/demo`)).status).toBe(204);
    await eventually(async () => {
      const items = (await api.get<{ items: InstanceSummary[] }>(`${base}/rgds/web/instances`)).body.items;
      return items.some((x) => x.name === 'demo') ? undefined : true;
    }, { description: 'the instance to be gone', timeoutMs: 20_000 });
  });
});

describe('sandbox: a deploy left in progress by a restart', () => {
  it('is reported failed once no follower could still be waiting for kro', async () => {
    const long = new Date(Date.now() - 60 * 60_000);
    const steps = [{ step: 'applied' as const, status: 'done' as const, at: long.toISOString() }, { step: 'graph-accepted' as const, status: 'pending' as const }];
    await server.storage.deployments.insert({ id: 'orphan', cluster: 'sandbox', rgdName: 'web', yaml: 'x: 1\n', state: 'in-progress', steps, diagnostics: [], startedAt: long, updatedAt: long, by: 'local' });
    const d = (await api.get<Deployment>(`${base}/deployments/orphan`)).body;
    expect(d.state).toBe('failed');
    expect(d.steps[1]).toMatchObject({ step: 'graph-accepted', status: 'failed' });
    expect(d.steps[1]?.message).toMatch(/stopped following this deploy/);
    expect((await api.get(`/api/clusters/other/deployments/orphan`)).status).toBe(404);
  });
});

describe('sandbox: roles (AUTH=local)', () => {
  const PASSWORD = 'a long enough password';
  let local: TestServer;
  let box: SandboxCluster;
  let admin: HttpClient;
  const as = async (username: string) => {
    const c = new HttpClient(local.url);
    expect((await c.login(username, PASSWORD)).status).toBe(200);
    return c;
  };

  beforeAll(async () => {
    box = createSandboxCluster({ readyAfterMs: 200, requeueMs: 200 });
    local = await startTestServer({ authMode: 'local', admin: { username: 'root', password: PASSWORD }, clusterGateway: new CompositeClusterGateway([{ summary: SANDBOX_SUMMARY, connection: box }]), deployTiming: { pollMs: 50, timeoutMs: 20_000 } });
    admin = new HttpClient(local.url);
    expect((await admin.login('root', PASSWORD)).status).toBe(200);
    expect((await admin.post('/api/workspaces', { id: 'team', name: 'Team' })).status).toBe(201);
    for (const [username, role] of [['vera', 'viewer'], ['dana', 'deployer']]) {
      expect((await admin.post('/api/users', { username, password: PASSWORD })).status).toBe(201);
      expect((await admin.put(`/api/workspaces/team/members/${username}`, { role })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await local?.close();
    box?.close();
  });

  it('lets a viewer read but not plan, deploy or write instances; a deployer deploys a design, audited', async () => {
    const vera = await as('vera');
    expect((await vera.get('/api/clusters')).status).toBe(200);
    for (const res of [
      await vera.post<Problem>(`${base}/deploy/plan`, { yaml: rgdYaml() }),
      await vera.post<Problem>(`${base}/deployments`, { yaml: rgdYaml() }),
      await vera.put<Problem>(`${base}/rgds/web/instances/default/x`, { yaml: 'spec: {name: x}\n' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/needs the deployer role/);
    }
    expect((await new HttpClient(local.url).get('/api/clusters')).status).toBe(401);

    const dana = await as('dana');
    const design = await dana.post<Design>('/api/designs', { name: 'web', yaml: rgdYaml(), workspace: 'team' });
    expect(design.status, JSON.stringify(design.body)).toBe(201);
    const res = await dana.post<Deployment>(`${base}/deployments`, { yaml: rgdYaml(), designId: design.body.id, revision: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const audit = await admin.get<AuditList>('/api/workspaces/team/audit');
    const entry = audit.body.items.find((e) => e.action === 'rgd.deploy');
    expect(entry).toMatchObject({ actor: 'dana', designId: design.body.id, revision: 1, details: { cluster: 'sandbox', rgd: 'web', deployment: res.body.id } });
    const active = await eventually(async () => {
      const r = (await vera.get<RgdOnCluster>(`${base}/rgds/web`)).body;
      return r.state === 'Active' ? r : undefined;
    }, { description: 'the RGD to be Active', timeoutMs: 20_000 });
    expect(active.deployed).toEqual({ designId: design.body.id, revision: 1, drift: false });
  });
});
