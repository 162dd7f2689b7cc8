import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_ROUTES, Design, DesignList, DiffResponse, Draft, ImportResponse, Me, Problem, RevisionList, ValidateResponse,
} from '@kro-designer/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, sampleRgd } from '../testing/HttpClient.js';
import { startTestServer, type TestServer } from '../testing/startTestServer.js';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
`;

const widgetRgd = sampleRgd('widgets')
  .replace('apiVersion: v1\n        kind: ConfigMap', 'apiVersion: example.com/v1\n        kind: Widget')
  .replace('data:\n          n: "0"', 'spec:\n          size: 3');

describe('validate, import, limits and operations', () => {
  let server: TestServer;
  let api: HttpClient;
  const webDir = mkdtempSync(join(tmpdir(), 'kro-designer-web-'));

  beforeAll(async () => {
    server = await startTestServer({ app: { bodyLimit: 64 * 1024 } });
    api = new HttpClient(server.url);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('validates YAML with the core: located diagnostics and each RGD\'s graph', async () => {
    const ok = await api.post<ValidateResponse>('/api/validate', { yaml: sampleRgd() });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, diagnostics: [], crdDiagnostics: {} });
    expect(ok.body.rgds[0]).toMatchObject({ name: 'app', kind: 'App', topologicalOrder: ['config'], resources: [{ id: 'config', apiVersion: 'v1', kind: 'ConfigMap' }] });
    expect(ok.body.rgds[0]!.crd).toMatchObject({ kind: 'CustomResourceDefinition' });

    const bad = await api.post<ValidateResponse>('/api/validate', { yaml: sampleRgd().replace('string | default', 'number | default') });
    expect(bad.body.valid).toBe(false);
    const d = bad.body.diagnostics.find((x) => x.code === 'simpleschema/unknown-type')!;
    expect(d.range.start).toEqual({ line: 10, column: 13 });
    expect(d.severity).toBe('error');
  });

  it('validates kinds from CRDs the caller supplies', async () => {
    const without = await api.post<ValidateResponse>('/api/validate', { yaml: widgetRgd });
    expect(without.body.valid).toBe(false);
    const withCrd = await api.post<ValidateResponse>('/api/validate', { yaml: widgetRgd, crds: [{ name: 'widget.yaml', yaml: CRD }] });
    expect(withCrd.body.valid).toBe(true);
    const brokenCrd = await api.post<ValidateResponse>('/api/validate', { yaml: widgetRgd, crds: [{ name: 'bad.yaml', yaml: 'kind: [' }] });
    expect(Object.keys(brokenCrd.body.crdDiagnostics)).toEqual(['bad.yaml']);
  });

  it('imports multi-document YAML: RGDs become designs, other documents are reported', async () => {
    const text = `# two RGDs and a ConfigMap\n${sampleRgd('first')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: not-an-rgd}\n---\n${sampleRgd('second', 1)}`;
    const dry = await api.post<ImportResponse>('/api/import', { yaml: text, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.created).toEqual([]);
    expect(dry.body.documents.map((d) => [d.index, d.kind, d.name, d.outcome])).toEqual([
      [1, 'ResourceGraphDefinition', 'first', 'would-create'],
      [2, 'ConfigMap', 'not-an-rgd', 'skipped'],
      [3, 'ResourceGraphDefinition', 'second', 'would-create'],
    ]);
    const res = await api.post<ImportResponse>('/api/import', { yaml: text });
    expect(res.status).toBe(201);
    expect(res.body.created.map((d) => [d.name, d.kind, d.valid])).toEqual([
      ['first', 'App', true],
      ['second', 'App', true],
    ]);
    expect(res.body.documents[1]).toMatchObject({ outcome: 'skipped', reason: 'a ConfigMap is not a ResourceGraphDefinition', lines: { start: 21, end: 24 } });
    const second = await api.get<{ yaml: string }>(`/api/designs/${res.body.created[1]!.id}`);
    expect(second.body.yaml).toBe(sampleRgd('second', 1));
  });

  it('imports an uploaded YAML body', async () => {
    const res = await api.request<ImportResponse>('POST', '/api/import?dryRun=true', { body: sampleRgd('raw'), headers: { 'content-type': 'application/yaml' } });
    expect(res.status).toBe(200);
    expect(res.body.documents).toMatchObject([{ name: 'raw', outcome: 'would-create' }]);
  });

  it('answers 413 for a body over the limit, and 422 for YAML beyond the depth limit', async () => {
    const big = await api.post<Problem>('/api/validate', { yaml: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const deep = `${'['.repeat(200)}${']'.repeat(200)}\n`;
    const refused = await api.post<Problem>('/api/designs', { name: 'deep', yaml: deep });
    expect(refused.status).toBe(422);
    expect(refused.body.diagnostics?.[0]?.code).toBe('input/too-deep');
    const validated = await api.post<ValidateResponse>('/api/validate', { yaml: deep });
    expect(validated.body.diagnostics.map((d) => d.code)).toContain('input/too-deep');
  });

  it('answers bad JSON, wrong types and unknown fields with 400 problems', async () => {
    const malformed = await api.request<Problem>('POST', '/api/validate', { body: '{"yaml":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toBe('the request body is not valid JSON');
    const wrong = await api.post<Problem>('/api/designs', { name: 3, yaml: 'a: 1', extra: true });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.map((e) => e.path).sort()).toEqual(['body', 'body.name']);
    expect(JSON.stringify(wrong.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('serves health, readiness, the OpenAPI document and problem+json 404s', async () => {
    expect((await api.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await api.get('/readyz')).body).toEqual({ status: 'ok', checks: { storage: 'pglite' } });
    const doc = await api.get<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/designs/{id}/diff');
    const missing = await api.get<Problem>('/api/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('no API route GET /nothing');
  });

  it('answers with bodies that match the contracts', async () => {
    const created = await api.post<Design>('/api/designs', { name: 'contract', yaml: sampleRgd('contract') });
    Design.parse(created.body);
    const id = created.body.id;
    const saved = await api.put<Design>(`/api/designs/${id}`, { yaml: sampleRgd('contract', 1) }, { 'if-match': created.body.etag });
    Design.parse(saved.body);
    DesignList.parse((await api.get('/api/designs')).body);
    RevisionList.parse((await api.get(`/api/designs/${id}/revisions`)).body);
    Draft.parse((await api.put(`/api/designs/${id}/draft`, { yaml: 'a: 1\n', baseRevision: 2 })).body);
    DiffResponse.parse((await api.get(`/api/designs/${id}/diff?from=1&to=draft`)).body);
    ValidateResponse.parse((await api.post('/api/validate', { yaml: sampleRgd() })).body);
    ImportResponse.parse((await api.post('/api/import', { yaml: sampleRgd('imported'), dryRun: true })).body);
    Me.parse((await api.get('/api/auth/me')).body);
    const stale = await api.put(`/api/designs/${id}`, { yaml: 'b: 2\n' }, { 'if-match': created.body.etag });
    expect(Problem.parse(stale.body).current?.revision).toBe(2);
  });

  it('mounts every documented route', async () => {
    for (const route of API_ROUTES) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'revision' ? '1' : 'missing'));
      const res = await api.request<Problem>(route.method.toUpperCase(), path, route.method === 'get' || route.method === 'delete' ? {} : { json: {} });
      expect(res.body?.detail ?? '', `${route.method} ${route.path}`).not.toMatch(/^no API route/);
    }
  });

  it('serves a placeholder page at / until the web app is built, then the built app', async () => {
    const page = await api.get('/');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('the designer UI is not built yet');
    expect(page.text).toContain('href="/api/openapi.json"');

    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>built app</title>');
    const withWeb = await startTestServer({ app: { webDir } });
    try {
      const web = new HttpClient(withWeb.url);
      expect((await web.get('/')).text).toContain('built app');
      expect((await web.get('/designs/123')).text).toContain('built app');
      expect((await web.get('/api/nothing')).status).toBe(404);
    } finally {
      await withWeb.close();
    }
  });
});
