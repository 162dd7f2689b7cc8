import { describe, expect, it } from 'vitest';
import { markerValueOffset, parseMarkers } from './parseMarkers.js';
import { parseField } from './parseField.js';

const tokens = (s: string) => parseMarkers(s).markers.map((m) => [m.key, m.value]);
const messages = (s: string) => parseMarkers(s).errors.map((e) => e.message);

describe('parseMarkers (kro ParseMarkers, byte for byte)', () => {
  it('splits key=value pairs on white space', () => {
    expect(tokens('required=true default=5')).toEqual([
      ['required', 'true'],
      ['default', '5'],
    ]);
    expect(tokens('  required =true')).toEqual([['required', 'true']]);
    expect(tokens('default=a=b')).toEqual([['default', 'a=b']]);
  });

  it('keeps spaces inside quotes and brackets, and unescapes only \\" and \\\\', () => {
    expect(tokens('description="a b"')).toEqual([['description', 'a b']]);
    expect(tokens('default={"a": [1, 2]}')).toEqual([['default', '{"a": [1, 2]}']]);
    expect(tokens('description="x \\"y\\" \\\\z \\n"')).toEqual([['description', 'x "y" \\z \\n']]);
    expect(tokens('description=a"b c"')).toEqual([['description', 'a"b c"']]);
    // A value that does not both start and end with a quote keeps its quotes.
    expect(tokens('description="a"b')).toEqual([['description', '"a"b']]);
  });

  it('glues words without "=" to the next key', () => {
    expect(parseMarkers('foo required=true').errors[0]).toMatchObject({
      code: 'simpleschema/unknown-marker',
      message: 'invalid marker key "foorequired": unknown marker: foorequired (the word before required has no "=value", so kro glued it to the key)',
      start: 0,
      end: 12,
    });
  });

  it('reports every syntax error kro can raise', () => {
    expect(messages('=x')).toEqual(['empty marker key']);
    expect(messages('required')[0]).toMatch(/^marker key 'required' without a value/);
    expect(messages('')[0]).toMatch(/^marker key '' without a value/);
    expect(messages('required=true ')[0]).toMatch(/^marker key '' without a value \(kro rejects white space/);
    expect(messages('default=]')).toEqual(['unmatched closing bracket/brace']);
    expect(messages('default=[a')).toEqual(['unclosed bracket/brace']);
    expect(messages('description="a')).toEqual(['unclosed quote']);
    expect(messages('description="')[0]).toMatch(/^unclosed quote \(a marker value that is a single " makes kro v0.9.3 panic/);
    expect(messages('bogus=1')).toEqual(['invalid marker key "bogus": unknown marker: bogus']);
    expect(messages('requried=1')).toEqual(['invalid marker key "requried": unknown marker: requried (did you mean required?)']);
  });

  it('keeps going after an error', () => {
    expect(messages('foo=1 =2 bar=3 required')).toHaveLength(4);
  });

  it('maps value characters back to the parsed string, through quotes and escapes', () => {
    const text = 'pattern="a\\"(?=b"';
    const [m] = parseMarkers(text).markers;
    expect(m?.value).toBe('a"(?=b');
    expect(text[markerValueOffset(m!, 2)]).toBe('(');
    expect(markerValueOffset(m!, 0)).toBe(9);
    const [plain] = parseMarkers('minimum=abc').markers;
    expect(markerValueOffset(plain!, 1)).toBe(9);
  });

  it('uses Go white space (NBSP separates, BOM does not)', () => {
    expect(tokens('required=true\u00a0default=1')).toEqual([
      ['required', 'true'],
      ['default', '1'],
    ]);
    expect(tokens('required=true\ufeffdefault=1')).toEqual([['required', 'true\ufeffdefault=1']]);
  });

  it('handles a 100,000-character marker string (its speed is measured by the hostile inputs of bench/validate)', () => {
    const long = `description="${'x '.repeat(50_000)}"`;
    expect(parseMarkers(long).markers[0]?.value.length).toBe(100_000);
    expect(parseMarkers(`default=${'['.repeat(100_000)}`).errors[0]?.message).toBe('unclosed bracket/brace');
    expect(parseMarkers('a '.repeat(50_000)).errors).toHaveLength(1);
    expect(parseMarkers('x=1 '.repeat(25_000)).errors.length).toBeGreaterThan(0);
  });
});

describe('parseField', () => {
  it('splits at the first "|" and parses both parts', () => {
    const f = parseField('[]string | required=true enum=a|b');
    expect(f.pipe).toBe(9);
    expect(f.type).toMatchObject({ kind: 'slice' });
    expect(f.markers.map((m) => [m.key, m.value])).toEqual([
      ['required', 'true'],
      ['enum', 'a|b'],
    ]);
    expect(f.errors).toEqual([]);
  });

  it('reports type and marker errors together, the empty type at the "|"', () => {
    const f = parseField('| required');
    expect(f.errors.map((e) => [e.message.split(' (')[0], e.start, e.end])).toEqual([
      ['empty type', 0, 1],
      ["marker key 'required' without a value", 2, 10],
    ]);
  });
});
