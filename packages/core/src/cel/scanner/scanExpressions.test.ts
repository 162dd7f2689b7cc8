import { describe, expect, it } from 'vitest';
import { buildStringTemplate } from './buildStringTemplate.js';
import { goQuote } from '../../simpleschema/goStrconv.js';
import { isStandalone, scanExpressions } from './scanExpressions.js';

const exprs = (s: string) => {
  const r = scanExpressions(s);
  return r.ok ? r.matches.map((m) => m.expression) : r.message;
};

describe('scanExpressions (kro pkg/graph/parser/cel.go semantics)', () => {
  it('finds standalone and template expressions with their indices', () => {
    const r = scanExpressions('a-${x.y}-${z}');
    expect(r).toEqual({ ok: true, matches: [{ start: 2, end: 8, expression: 'x.y' }, { start: 9, end: 13, expression: 'z' }] });
    const s = scanExpressions('${a}');
    expect(s.ok && isStandalone('${a}', s.matches)).toBe(true);
    const t = scanExpressions('${a} ');
    expect(t.ok && isStandalone('${a} ', t.matches)).toBe(false);
    expect(exprs('${a}${b}')).toEqual(['a', 'b']);
  });

  it('counts braces of map literals and ignores braces inside double-quoted literals', () => {
    expect(exprs('${{"a": {"b": 1}}}')).toEqual(['{"a": {"b": 1}}']);
    expect(exprs('${"}"}')).toEqual(['"}"']);
    expect(exprs('${"a\\"}"}')).toEqual(['"a\\"}"']);
  });

  it("reproduces the single-quote quirk: ${'}'} ends at the quoted brace", () => {
    expect(exprs("${'}'}")).toEqual(["'"]);
  });

  it('allows ${ inside string literals and rejects nested expressions elsewhere', () => {
    expect(exprs('${outer("${inner}")}')).toEqual(['outer("${inner}")']);
    expect(scanExpressions('${a + ${b}}')).toEqual({ ok: false, message: 'nested expressions are not allowed unless inside string literals', index: 6 });
  });

  it('treats an unterminated ${ as literal text', () => {
    expect(exprs('cost: ${ 5')).toEqual([]);
    expect(exprs('$HOME and $(cmd) and ${"${VAR}"}')).toEqual(['"${VAR}"']);
  });
});

describe('buildStringTemplate', () => {
  it('builds kro\'s concatenation with Go-quoted literals and maps offsets back', () => {
    const s = 'pre "x"-${a.b}-\n${c}';
    const r = scanExpressions(s);
    if (!r.ok) throw new Error('scan failed');
    const t = buildStringTemplate(s, r.matches);
    expect(t.celSource).toBe('"pre \\"x\\"-" + (a.b) + "-\\n" + (c)');
    const at = t.celSource.indexOf('a.b');
    expect(s.slice(t.toTemplateIndex(at), t.toTemplateIndex(at) + 3)).toBe('a.b');
    expect(s[t.toTemplateIndex(t.celSource.lastIndexOf('c'))]).toBe('c');
    expect(t.toTemplateIndex(0)).toBe(0);
  });

  it('quotes like Go strconv.Quote', () => {
    expect(goQuote('tab\there é \u0000 \u007f \u200b')).toBe('"tab\\there é \\x00 \\x7f \\u200b"');
  });
});
