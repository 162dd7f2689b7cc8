import { describe, expect, it } from 'vitest';
import { API_ROUTES } from './apiRoutes.js';
import { buildOpenApiDocument } from './buildOpenApiDocument.js';
import { CreateDesignRequest, DiffQuery } from './designs.js';

describe('buildOpenApiDocument', () => {
  const doc = buildOpenApiDocument() as {
    openapi: string;
    paths: Record<string, Record<string, { parameters?: { name: string; in: string; required: boolean }[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, { required?: string[] }> };
  };

  it('documents every route with its parameters and problem+json errors', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const r of API_ROUTES) {
      const op = doc.paths[r.path]?.[r.method];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op!.responses.default).toBeDefined();
    }
    const update = doc.paths['/api/designs/{id}']!.put!;
    expect(update.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header', required: true }));
    expect(update.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));
    const list = doc.paths['/api/designs']!.get!;
    expect(list.parameters?.find((p) => p.name === 'limit')?.required).toBe(false);
    expect(doc.paths['/api/designs/{id}/diff']!.get!.parameters?.find((p) => p.name === 'from')?.required).toBe(true);
  });

  it('describes request bodies as accepted (defaults optional) and resolves every $ref', () => {
    expect(doc.components.schemas.CreateDesignRequest!.required).toEqual(['name', 'yaml']);
    const text = JSON.stringify(doc);
    for (const [, id] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas[id!], id).toBeDefined();
    expect(text).not.toContain('#/$defs');
  });

  it('schemas parse what the API expects', () => {
    expect(CreateDesignRequest.parse({ name: ' x ', yaml: 'a: 1' })).toEqual({ name: 'x', description: '', yaml: 'a: 1' });
    expect(DiffQuery.parse({ from: '2' })).toEqual({ from: 2, to: 'head', context: 3 });
    expect(DiffQuery.parse({ from: 'draft', to: '3' })).toMatchObject({ from: 'draft', to: 3 });
    expect(DiffQuery.safeParse({ from: 'x' }).success).toBe(false);
  });
});
