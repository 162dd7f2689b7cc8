import { RenderResponse, type Problem } from '@kro-designer/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, sampleRgd } from '../testing/HttpClient.js';
import { startTestServer, type TestServer } from '../testing/startTestServer.js';

const INSTANCE = 'apiVersion: kro.run/v1alpha1\nkind: App\nmetadata:\n  name: demo\n  namespace: team\nspec:\n  name: demo-config\n';

describe('POST /api/render', () => {
  let server: TestServer;
  let api: HttpClient;

  beforeAll(async () => {
    server = await startTestServer({});
    api = new HttpClient(server.url);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('renders what kro would apply for an instance, in the contract shape', async () => {
    const res = await api.post<RenderResponse>('/api/render', { yaml: sampleRgd(), instance: INSTANCE });
    expect(res.status).toBe(200);
    const body = RenderResponse.parse(res.body);
    expect(body.valid).toBe(true);
    expect(body.diagnostics).toEqual([]);
    expect(body.resources).toHaveLength(1);
    expect(body.resources[0]).toMatchObject({ id: 'config', state: 'rendered', pending: [] });
    expect(body.resources[0]!.objects[0]).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'demo-config', namespace: 'team', labels: { 'kro.run/node-id': 'config', 'kro.run/instance-name': 'demo' } },
      // sampleRgd's `n:` key is the YAML 1.1 boolean false, as kubectl's YAML decoder reads it.
      data: { false: '0' },
    });
    expect(body.instance).toMatchObject({ metadata: { name: 'demo', namespace: 'team' }, spec: { name: 'demo-config' } });
  });

  it('locates instance errors in the instance text (1-based ranges) and defaults what the instance leaves out', async () => {
    const wrongKind = await api.post<RenderResponse>('/api/render', { yaml: sampleRgd(), instance: INSTANCE.replace('kind: App', 'kind: Ap') });
    expect(wrongKind.body.valid).toBe(false);
    expect(wrongKind.body.diagnostics).toEqual([
      expect.objectContaining({ document: 'instance', code: 'instance/wrong-kind', range: { start: { line: 2, column: 7 }, end: { line: 2, column: 9 } } }),
    ]);
    const defaulted = await api.post<RenderResponse>('/api/render', { yaml: sampleRgd(), instance: 'apiVersion: kro.run/v1alpha1\nkind: App\nmetadata: {name: d}\n' });
    expect(defaulted.body.valid).toBe(true);
    expect(defaulted.body.resources[0]!.objects[0]).toMatchObject({ metadata: { name: 'app-0', namespace: 'default' } });
  });

  it('reports an RGD with errors without rendering, and rejects malformed requests with 400', async () => {
    const bad = await api.post<RenderResponse>('/api/render', { yaml: sampleRgd().replace('kind: App', 'kind: app'), instance: INSTANCE });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.resources).toEqual([]);
    expect(bad.body.diagnostics.map((d) => [d.document, d.code])).toContainEqual(['rgd', 'naming/kind']);
    const missing = await api.post<Problem>('/api/render', { yaml: sampleRgd() });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await api.get<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    expect(doc.body.paths['/api/render']).toHaveProperty('post');
  });
});
