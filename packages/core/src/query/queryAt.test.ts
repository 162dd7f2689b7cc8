import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateSource } from '../rgd/validateSource.js';
import { createSchemaRegistry } from '../schemas/index.js';
import { queryAt } from './queryAt.js';

const registry = createSchemaRegistry({}).value;
const text = readFileSync(new URL('../../../../examples/webapp.yaml', import.meta.url), 'utf8');
const rgd = validateSource(text, { registry }).rgds[0]!;
const at = (needle: string, delta = needle.length) => text.indexOf(needle) + delta;

describe('queryAt', () => {
  it('completes schema fields with their types after `schema.spec.`', () => {
    const offset = at('${schema.spec.replicas}', '${schema.spec.'.length);
    const r = queryAt(rgd, offset, registry);
    const fields = r.completions.filter((c) => c.kind === 'field');
    expect(fields.map((c) => `${c.label}: ${c.detail}`)).toEqual(['name: string', 'image: string', 'replicas: int', 'ingress: object', 'env: map<string, string>']);
    // A struct has fields, not methods: no string, list or map methods are offered on it.
    const methods = r.completions.filter((c) => c.kind === 'function').map((c) => c.label);
    expect(methods).toEqual([]);
    expect(text.slice(r.completions[0]!.replace.start, r.completions[0]!.replace.end)).toBe('');
  });

  it('filters by the partial word and replaces it', () => {
    const offset = at('${schema.spec.replicas}', '${schema.spec.rep'.length);
    const r = queryAt(rgd, offset, registry);
    expect(r.completions.map((c) => c.label)).toEqual(['replicas']);
    expect(text.slice(r.completions[0]!.replace.start, r.completions[0]!.replace.end)).toBe('rep');
  });

  it('completes fields of another resource from its kind\'s schema, with descriptions', () => {
    const offset = at('${deployment.spec.selector.matchLabels}', '${deployment.spec.'.length);
    const r = queryAt(rgd, offset, registry);
    const selector = r.completions.find((c) => c.label === 'selector');
    expect(selector).toMatchObject({ kind: 'field', detail: 'object' });
    expect(selector?.documentation).toMatch(/label selector/i);
  });

  it('offers the variables in scope by context: no self reference in a template', () => {
    const offset = at('name: ${service.metadata.name}', 'name: ${'.length);
    const r = queryAt(rgd, offset, registry);
    expect(r.scope.map((s) => `${s.name}: ${s.type}`)).toEqual(['schema: object', 'deployment: apps/v1 Deployment', 'service: v1 Service']);
  });

  it('hovers a path with its type and description', () => {
    const offset = at('${schema.spec.replicas}', '${schema.spec.repl'.length);
    const r = queryAt(rgd, offset, registry);
    expect(r.hover).toMatchObject({ path: 'schema.spec.replicas', type: 'int' });
    expect(text.slice(r.hover!.span.start, r.hover!.span.end)).toBe('schema.spec.replicas');
  });

  it('returns nothing outside expressions', () => {
    expect(queryAt(rgd, at('kind: WebApp'), registry)).toEqual({ scope: [], completions: [] });
  });
});

describe('queryAt functions', () => {
  it('offers kro\'s functions with signatures: global names at the start, methods after a dot', () => {
    const offset = at('${schema.spec.image}', '${'.length);
    const names = queryAt(rgd, offset, registry).completions.filter((c) => c.kind === 'function').map((c) => c.label);
    expect(names).toContain('random.seededString');
    expect(names).toContain('size');
    const after = queryAt(rgd, at('${schema.spec.image}', '${schema.spec.image'.length), registry);
    expect(after.completions.filter((c) => c.kind === 'function').length).toBe(0);
    // While typing, the expression is incomplete (`schema.spec.image.`): completion still works.
    const typing = text.replace('${schema.spec.image}', '${schema.spec.image.}');
    const typingRgd = validateSource(typing, { registry }).rgds[0]!;
    const cursor = typing.indexOf('${schema.spec.image.}') + '${schema.spec.image.'.length;
    const offered = queryAt(typingRgd, cursor, registry).completions;
    expect(offered.find((c) => c.label === 'lowerAscii')?.detail).toMatch(/lowerAscii\(\) -> string/);
    expect(offered.map((c) => c.label)).not.toContain('flatten');
    expect(offered.map((c) => c.label)).not.toContain('exists');
    // A map offers map methods and the iterating macros.
    const mapText = text.replace('${schema.spec.image}', '${schema.spec.env.}');
    const mapRgd = validateSource(mapText, { registry }).rgds[0]!;
    const mapCursor = mapText.indexOf('${schema.spec.env.}') + '${schema.spec.env.'.length;
    const onMap = queryAt(mapRgd, mapCursor, registry).completions.map((c) => c.label);
    expect(onMap).toContain('exists');
    expect(onMap).not.toContain('lowerAscii');
  });
});
