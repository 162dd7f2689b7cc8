import type { Design, DesignList, DiffResponse, Draft, Problem, RevisionList } from '@kro-designer/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, sampleRgd } from '../testing/HttpClient.js';
import { startTestServer, type TestServer } from '../testing/startTestServer.js';
import { postgresTarget } from '../testing/postgresTarget.js';

// The HTTP suite runs on embedded PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set.
const targets = [{ name: 'PGlite', storage: undefined }, ...postgresTarget('designs_http')];

describe.each(targets)('designs over HTTP ($name)', ({ storage }) => {
  let server: TestServer;
  let api: HttpClient;

  beforeAll(async () => {
    server = await startTestServer(storage ? { storage: storage() } : {});
    api = new HttpClient(server.url);
  });
  afterAll(() => server?.close());

  async function create(name: string, yaml = sampleRgd(name)) {
    const res = await api.post<Design>('/api/designs', { name, yaml, description: `about ${name}` });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  it('creates, reads, lists and exports a design, with ETag and Location', async () => {
    const res = await api.post<Design>('/api/designs', { name: 'webapp', yaml: sampleRgd('webapp') });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/designs/${res.body.id}`);
    expect(res.headers.get('etag')).toBe('"r1.v1"');
    expect(res.body).toMatchObject({ name: 'webapp', kind: 'App', revision: 1, valid: true, errorCount: 0, createdBy: 'local', draft: null });
    expect(res.body.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const got = await api.get<Design>(`/api/designs/${res.body.id}`);
    expect(got.body.yaml).toBe(sampleRgd('webapp'));
    expect((await api.get(`/api/designs/${res.body.id}`, { 'if-none-match': '"r1.v1"' })).status).toBe(304);

    const exported = await api.get(`/api/designs/${res.body.id}/export`);
    expect(exported.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="webapp.yaml"');
    expect(exported.text).toBe(sampleRgd('webapp'));
  });

  it('stores invalid RGDs (work in progress) and says so', async () => {
    const d = await create('broken', 'apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata: {name: x}\nspec: {}\n');
    expect(d.valid).toBe(false);
    expect(d.errorCount).toBeGreaterThan(0);
  });

  it('searches, sorts and pages', async () => {
    for (const n of ['zeta-search', 'alpha-search', 'Mid-Search']) await create(n);
    const found = await api.get<DesignList>('/api/designs?q=SEARCH&sort=name');
    expect(found.body.items.map((d) => d.name)).toEqual(['alpha-search', 'Mid-Search', 'zeta-search']);
    expect(found.body.total).toBe(3);
    const page = await api.get<DesignList>('/api/designs?q=search&sort=name&order=desc&limit=2&offset=1');
    expect(page.body.items.map((d) => d.name)).toEqual(['Mid-Search', 'alpha-search']);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect((await api.get<DesignList>('/api/designs?q=100%25')).body.total).toBe(0);
    const bad = await api.get<Problem>('/api/designs?limit=0&sort=size');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors?.map((e) => e.path)).toEqual(['query.limit', 'query.sort']);
  });

  it('saves content as immutable revisions and needs If-Match', async () => {
    const d = await create('history');
    const noMatch = await api.put<Problem>(`/api/designs/${d.id}`, { yaml: sampleRgd('history', 1) });
    expect(noMatch.status).toBe(428);

    const v2 = await api.put<Design>(`/api/designs/${d.id}`, { yaml: sampleRgd('history', 1), message: 'second' }, { 'if-match': d.etag });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ revision: 2, etag: '"r2.v2"' });

    const renamed = await api.put<Design>(`/api/designs/${d.id}`, { name: 'history renamed' }, { 'if-match': v2.body.etag });
    expect(renamed.body).toMatchObject({ revision: 2, etag: '"r2.v3"', name: 'history renamed' });

    const same = await api.put<Design>(`/api/designs/${d.id}`, { yaml: sampleRgd('history', 1) }, { 'if-match': renamed.body.etag });
    expect(same.body.etag).toBe('"r2.v3"');

    const revs = await api.get<RevisionList>(`/api/designs/${d.id}/revisions`);
    expect(revs.body.total).toBe(2);
    expect(revs.body.items.map((r) => [r.revision, r.message, r.author])).toEqual([
      [2, 'second', 'local'],
      [1, 'Created', 'local'],
    ]);
    const r1 = await api.get<{ yaml: string; contentHash: string }>(`/api/designs/${d.id}/revisions/1`);
    expect(r1.body.yaml).toBe(sampleRgd('history'));
    expect(r1.body.contentHash).toBe(d.contentHash);
    expect((await api.get(`/api/designs/${d.id}/revisions/1/export`)).text).toBe(sampleRgd('history'));
    expect((await api.get<Problem>(`/api/designs/${d.id}/revisions/9`)).status).toBe(404);
    expect((await api.get<Problem>(`/api/designs/${d.id}/revisions/x`)).status).toBe(404);
  });

  it('refuses a stale write with 412 carrying the current revision', async () => {
    const d = await create('stale');
    const first = await api.put<Design>(`/api/designs/${d.id}`, { yaml: sampleRgd('stale', 1) }, { 'if-match': d.etag });
    expect(first.status).toBe(200);
    const second = await api.put<Problem>(`/api/designs/${d.id}`, { yaml: sampleRgd('stale', 2) }, { 'if-match': d.etag });
    expect(second.status).toBe(412);
    expect(second.headers.get('etag')).toBe(first.body.etag);
    expect(second.body.current).toMatchObject({ revision: 2, etag: first.body.etag, contentHash: first.body.contentHash, author: 'local' });
    expect(second.body.detail).toMatch(/changed since you loaded it/);
    expect((await api.put(`/api/designs/${d.id}`, { yaml: sampleRgd('stale', 2) }, { 'if-match': 'W/"nonsense"' })).status).toBe(412);
    expect((await api.get<Design>(`/api/designs/${d.id}`)).body.yaml).toBe(sampleRgd('stale', 1));
  });

  it('restores a revision as a new revision and diffs text and graph', async () => {
    const d = await create('restore');
    const v2yaml = sampleRgd('restore', 1).replace('  resources:\n', '  resources:\n    - id: extra\n      template:\n        apiVersion: v1\n        kind: Secret\n        metadata:\n          name: ${config.metadata.name}\n');
    const v2 = await api.put<Design>(`/api/designs/${d.id}`, { yaml: v2yaml }, { 'if-match': d.etag });
    const restored = await api.post<Design>(`/api/designs/${d.id}/revisions/1/restore`, {}, { 'if-match': v2.body.etag });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ revision: 3, contentHash: d.contentHash });
    const revs = await api.get<RevisionList>(`/api/designs/${d.id}/revisions?limit=1`);
    expect(revs.body.items[0]).toMatchObject({ revision: 3, restoredFrom: 1, message: 'Restored revision 1' });

    const diff = await api.get<DiffResponse>(`/api/designs/${d.id}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.from).toMatchObject({ ref: '1', revision: 1 });
    expect(diff.body.text.unified).toContain('+    - id: extra');
    expect(diff.body.text.unified).toContain('-          n: "0"');
    expect(diff.body.graph.changed).toBe(true);
    const rgd = diff.body.graph.rgds[0]!;
    expect(rgd.resources).toEqual([
      { id: 'config', change: 'changed', from: 'v1/ConfigMap', to: 'v1/ConfigMap', aspects: ['template'] },
      { id: 'extra', change: 'added', to: 'v1/Secret', aspects: [] },
    ]);
    expect(rgd.edges).toEqual([{ from: 'extra', to: 'config', change: 'added', fieldsAdded: ['metadata.name'], fieldsRemoved: [] }]);
    expect(rgd.schemaFields).toEqual([{ path: 'name', change: 'changed', from: expect.objectContaining({ type: 'string' }), to: expect.objectContaining({ type: 'string' }) }]);
    const headDiff = await api.get<DiffResponse>(`/api/designs/${d.id}/diff?from=1`);
    expect(headDiff.body.text.hunks).toEqual([]);
    expect(headDiff.body.to).toMatchObject({ ref: 'head', revision: 3 });
    expect((await api.get(`/api/designs/${d.id}/diff`)).status).toBe(400);
  });

  it('autosaves drafts per user without revisions; a save clears the draft', async () => {
    const d = await create('drafty');
    const draft = await api.put<Draft>(`/api/designs/${d.id}/draft`, { yaml: sampleRgd('drafty', 5), baseRevision: 1 });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ baseRevision: 1, stale: false, author: 'local', etag: '"d1"' });
    const again = await api.put<Draft>(`/api/designs/${d.id}/draft`, { yaml: sampleRgd('drafty', 6), baseRevision: 1 });
    expect(again.body.etag).toBe('"d2"');
    // Another tab still holding "d1" is told, instead of overwriting.
    expect((await api.put(`/api/designs/${d.id}/draft`, { yaml: 'x: 1\n', baseRevision: 1 }, { 'if-match': '"d1"' })).status).toBe(412);
    expect((await api.get<RevisionList>(`/api/designs/${d.id}/revisions`)).body.total).toBe(1);

    const withDraft = await api.get<Design>(`/api/designs/${d.id}`);
    expect(withDraft.body.draft).toMatchObject({ baseRevision: 1, stale: false });
    const diff = await api.get<DiffResponse>(`/api/designs/${d.id}/diff?from=head&to=draft`);
    expect(diff.body.text.unified).toContain('+          n: "6"');

    const saved = await api.put<Design>(`/api/designs/${d.id}`, { yaml: (await api.get<Draft>(`/api/designs/${d.id}/draft`)).body.yaml }, { 'if-match': d.etag });
    expect(saved.body.revision).toBe(2);
    expect((await api.get(`/api/designs/${d.id}/draft`)).status).toBe(404);

    await api.put(`/api/designs/${d.id}/draft`, { yaml: sampleRgd('drafty', 7), baseRevision: 1 });
    expect((await api.get<Draft>(`/api/designs/${d.id}/draft`)).body.stale).toBe(true);
    expect((await api.put(`/api/designs/${d.id}/draft`, { yaml: 'a: 1', baseRevision: 3 })).status).toBe(422);
    expect((await api.delete(`/api/designs/${d.id}/draft`)).status).toBe(204);
    expect((await api.delete(`/api/designs/${d.id}/draft`)).status).toBe(404);
  });

  it('deletes with If-Match, then answers 404 as problem+json', async () => {
    const d = await create('doomed');
    expect((await api.delete(`/api/designs/${d.id}`, { 'if-match': '"r1.v9"' })).status).toBe(412);
    expect((await api.delete(`/api/designs/${d.id}`, { 'if-match': d.etag })).status).toBe(204);
    const gone = await api.get<Problem>(`/api/designs/${d.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ type: 'urn:kro-designer:problem:not-found', status: 404, instance: `/api/designs/${d.id}` });
    expect(gone.body.requestId).toBe(gone.headers.get('x-request-id'));
  });
});
