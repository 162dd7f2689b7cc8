import { describe, expect, it } from 'vitest';
import { goQuote, goTrimSpace, isGoSpace, parseGoBool, parseGoFloat, parseGoInt } from './goStrconv.js';

// Expected values recorded with Go 1.26's strconv.
describe('parseGoBool', () => {
  it.each(['1', 't', 'T', 'TRUE', 'true', 'True'])('%s is true', (s) => expect(parseGoBool(s)).toEqual({ ok: true, value: true }));
  it.each(['0', 'f', 'F', 'FALSE', 'false', 'False'])('%s is false', (s) => expect(parseGoBool(s)).toEqual({ ok: true, value: false }));
  it.each(['yes', 'tRUE', '', ' 1', 'on'])('%j is a syntax error', (s) =>
    expect(parseGoBool(s)).toEqual({ ok: false, error: `strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax` }),
  );
});

describe('parseGoInt', () => {
  it.each([
    ['1', 1n],
    ['+5', 5n],
    ['-5', -5n],
    ['007', 7n],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
  ])('%s', (s, v) => expect(parseGoInt(s)).toEqual({ ok: true, value: v }));
  it.each(['', '+', '1_000', '0x10', '1e3', '1.5', ' 1', 'one', '0b101'])('%j is a syntax error', (s) =>
    expect(parseGoInt(s)).toEqual({ ok: false, error: `strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax` }),
  );
  it.each(['9223372036854775808', '-9223372036854775809', '99999999999999999999x'])('%s is out of range', (s) =>
    expect(parseGoInt(s)).toEqual({ ok: false, error: `strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range` }),
  );
});

describe('parseGoFloat', () => {
  it.each([
    ['1', 1],
    ['+5', 5],
    ['007', 7],
    ['1_000', 1000],
    ['1_0.5', 10.5],
    ['0x1p4', 16],
    ['0x1.8p1', 3],
    ['0x_1p0', 1],
    ['1e3', 1000],
    ['1E3', 1000],
    ['.5', 0.5],
    ['5.', 5],
    ['4.9e-324', 5e-324],
    ['1e-400', 0],
    ['9223372036854775807', 2 ** 63],
    ['inf', Infinity],
    ['+Inf', Infinity],
    ['-infinity', -Infinity],
  ])('%s', (s, v) => expect(parseGoFloat(s)).toEqual({ ok: true, value: v }));
  it.each(['NaN', 'nan'])('%s', (s) => {
    const r = parseGoFloat(s);
    expect(r.ok && Number.isNaN(r.value)).toBe(true);
  });
  it.each(['', 'abc', '0x10', '0x', '1__0', '_1', '1_', '0b101', '0o17', '1.5e', '+nan', 'infin', '１', ' 1'])('%j is a syntax error', (s) =>
    expect(parseGoFloat(s)).toEqual({ ok: false, error: `strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax` }),
  );
  it.each(['1e400', '-1e400', '0x1p2000'])('%s is out of range', (s) =>
    expect(parseGoFloat(s)).toEqual({ ok: false, error: `strconv.ParseFloat: parsing "${s}": value out of range` }),
  );
});

describe('goQuote (%q)', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['tab\there', '"tab\\there"'],
    ['bell\x07', '"bell\\a"'],
    ['\x01\x7f', '"\\x01\\x7f"'],
    ['café 日本', '"café 日本"'],
    ['soft\u00adhyphen', '"soft\\u00adhyphen"'],
    ['bom\ufeff', '"bom\\ufeff"'],
    ['\u{1F600}', '"\u{1F600}"'],
    ['\u{E0001}', '"\\U000e0001"'],
    [' ', '" "'],
    ['\u00a0', '"\\u00a0"'],
  ])('%j', (s, q) => expect(goQuote(s)).toBe(q));
});

describe('Go white space', () => {
  it('matches unicode.IsSpace', () => {
    for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) {
      expect(isGoSpace(c)).toBe(true);
    }
    for (const c of [0x00, 0x1c, 0x200b, 0xfeff, 0x180e, 0x41]) expect(isGoSpace(c)).toBe(false);
    expect(goTrimSpace('\u00a0 x \u3000')).toBe('x');
  });
});
