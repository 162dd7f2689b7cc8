import type { Design, StoredKindList } from '@kro-designer/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, sampleRgd } from '../testing/HttpClient.js';
import { startTestServer, type TestServer } from '../testing/startTestServer.js';

const withRequired = `apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: database
spec:
  schema:
    apiVersion: v1beta1
    kind: Database
    group: data.example.com
    spec:
      name: string | required=true
      size: integer | required=true default=1
      replicas: integer | required=true minimum=1
      storage:
        class: string | required=true
        gigabytes: float
      tags: "[]string | required=true"
  resources: []
`;

describe('GET /api/kinds', () => {
  let server: TestServer;
  let api: HttpClient;

  beforeAll(async () => {
    server = await startTestServer();
    api = new HttpClient(server.url);
  });
  afterAll(() => server?.close());

  it('lists the kinds stored designs define, with their required spec fields, newest design first per kind', async () => {
    expect((await api.get<StoredKindList>('/api/kinds')).body).toEqual({ items: [] });
    const db = await api.post<Design>('/api/designs', { name: 'database', yaml: withRequired });
    expect(db.status, db.text).toBe(201);
    expect((await api.post<Design>('/api/designs', { name: 'app-old', yaml: sampleRgd('app-old') })).status).toBe(201);
    const newer = await api.post<Design>('/api/designs', { name: 'app-new', yaml: sampleRgd('app-new', 2) });
    expect((await api.post<Design>('/api/designs', { name: 'broken', yaml: 'kind: [' })).status).toBe(201);
    const res = await api.get<StoredKindList>('/api/kinds');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { apiVersion: 'kro.run/v1alpha1', kind: 'App', group: 'kro.run', designId: newer.body.id, designName: 'app-new', workspace: 'default', required: [] },
      {
        apiVersion: 'data.example.com/v1beta1',
        kind: 'Database',
        group: 'data.example.com',
        designId: db.body.id,
        designName: 'database',
        workspace: 'default',
        required: [
          { path: 'name', type: 'string' },
          { path: 'replicas', type: 'integer' },
          { path: 'storage.class', type: 'string' },
          { path: 'tags', type: 'array' },
        ],
      },
    ]);
  });
});
