import { describe, expect, it } from 'vitest';
import { GoJsonError, parseGoJson } from './goJsonParse.js';
import { goJsonString, marshalGoJson } from './goJsonMarshal.js';

const error = (text: string): string => {
  try {
    parseGoJson(text);
    return 'no error';
  } catch (e) {
    if (e instanceof GoJsonError) return e.message;
    throw e;
  }
};

// Messages as Go 1.26's encoding/json reports them (checked with Go).
describe('parseGoJson', () => {
  it.each([
    ['', 'unexpected end of JSON input'],
    ['[1,', 'unexpected end of JSON input'],
    ['tru', "invalid character ' ' in literal true (expecting 'e')"],
    ['nul', "invalid character ' ' in literal null (expecting 'l')"],
    ['{"a":1}x', "invalid character 'x' after top-level value"],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ["'x'", "invalid character '\\'' looking for beginning of value"],
    ['"\\x"', "invalid character 'x' in string escape code"],
    ['"a\u0001"', "invalid character '\\x01' in string literal"],
    ['01', "invalid character '1' after top-level value"],
    ['1e', "invalid character ' ' in exponent of numeric literal"],
    ['1.', "invalid character ' ' after decimal point in numeric literal"],
    ['-', "invalid character ' ' in numeric literal"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', 'invalid character \'"\' after object key:value pair'],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['é', "invalid character 'Ã' looking for beginning of value"],
    ['1e400', 'json: cannot unmarshal number 1e400 into Go value of type float64'],
  ])('%j → %s', (text, message) => {
    expect(error(text)).toBe(message);
  });

  it('limits nesting like Go', () => {
    expect(error('['.repeat(10001))).toBe("invalid character '[' exceeded max depth");
  });

  it('decodes numbers as doubles and lone surrogates as U+FFFD', () => {
    expect(parseGoJson('{"a":[1,2.5,null,true],"a":{"x":"\\ud800"}}')).toEqual({ a: { x: '\ufffd' } });
    expect(parseGoJson('12345678901234567890')).toBe(12345678901234567000);
  });
});

describe('marshalGoJson', () => {
  it('escapes like Go with HTML escaping', () => {
    expect(goJsonString('<a>&\u2028\u2029\u0001\b\f\n\t"\\é')).toBe('"\\u003ca\\u003e\\u0026\\u2028\\u2029\\u0001\\b\\f\\n\\t\\"\\\\é"');
  });

  it('sorts keys by UTF-8 bytes', () => {
    expect(marshalGoJson({ '\uffff': 1, '😀': 2, é: 3, z: 4, B: 5 })).toBe('{"B":5,"z":4,"é":3,"\uffff":1,"😀":2}');
  });

  it('reports conversion errors before encoding errors', () => {
    expect(() => marshalGoJson([Number.NaN, new Map([[1n, 1]])])).toThrow('json.marshal failed to convert value: map key must be string, got int64');
    expect(() => marshalGoJson([Number.NaN])).toThrow('json.marshal failed to encode value: json: unsupported value: NaN');
  });
});
