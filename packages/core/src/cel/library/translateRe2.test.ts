import { describe, expect, it } from 'vitest';
import { checkCelRegex } from './regexLibrary.js';
import { caseOrbit } from './re2Classes.js';
import { translateRe2 } from './translateRe2.js';

function js(pattern: string): RegExp {
  const t = translateRe2(pattern);
  if (!t.ok) throw new Error(t.message);
  return new RegExp(t.source, t.flags);
}

describe('translateRe2', () => {
  it('reports what Go rejects with Go\'s message and position', () => {
    expect(translateRe2('a(?=b)')).toMatchObject({ ok: false, goError: true, message: 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`', index: 1 });
    expect(translateRe2('(a)\\1')).toMatchObject({ ok: false, goError: true, message: 'error parsing regexp: invalid escape sequence: `\\1`' });
    expect(translateRe2('a++')).toMatchObject({ ok: false, goError: true });
    expect(translateRe2('(?<!a)b')).toMatchObject({ ok: false, goError: true });
    expect(translateRe2('\\Z')).toMatchObject({ ok: false, goError: true });
  });

  it('rewrites RE2 constructs JavaScript reads differently', () => {
    expect(js('(?i)abc').test('ABC')).toBe(true);
    expect(js('a(?i)b').test('aB')).toBe(true);
    expect(js('a(?i)b').test('AB')).toBe(false);
    expect(js('\\Aab\\z').test('ab')).toBe(true);
    expect(js('\\Qa.b\\E').test('axb')).toBe(false);
    expect(js('(?P<n>x)').test('x')).toBe(true);
    expect(js('[[:digit:]]+').test('12')).toBe(true);
    expect(js('\\101\\x41\\x{41}').test('AAA')).toBe(true);
    expect(js('^*a').test('a')).toBe(true);
    expect(js('a{,2}').test('a{,2}')).toBe(true);
  });

  it('keeps RE2 semantics where JavaScript differs', () => {
    expect(js('a.b').test('a\rb')).toBe(true); // JS . excludes \r, RE2 only \n
    expect(js('a.b').test('a\nb')).toBe(false);
    expect(js('\\s').test('\u00a0')).toBe(false); // RE2 \s is ASCII
    expect(js('\\s').test('\v')).toBe(false); // and excludes \v
    expect(js('(?m)^b').test('a\rb')).toBe(false); // (?m) lines end at \n only
    expect(js('(?m)a$').test('a\nb')).toBe(true);
    expect(js('x$').test('x\n')).toBe(false);
    expect(js('(?U)a+').exec('aaa')![0]).toBe('a');
  });

  it('folds case in partly case-insensitive patterns with Unicode\'s extra partners', () => {
    expect(caseOrbit('k'.codePointAt(0)!)).toEqual([0x4b, 0x6b, 0x212a]);
    expect(js('x(?i:k)').test('x\u212a')).toBe(true);
    expect(js('x(?i:[a-c])').test('xB')).toBe(true);
  });
});

describe('checkCelRegex', () => {
  it('accepts RE2 and locates errors', () => {
    expect(checkCelRegex('^[a-z]+$')).toEqual({ ok: true });
    expect(checkCelRegex('(ab')).toMatchObject({ ok: false, rejectedByGo: true, message: 'error parsing regexp: missing closing ): `(ab`', index: 0 });
  });

  it('says so when a valid RE2 pattern cannot be evaluated faithfully', () => {
    const r = checkCelRegex('a(?i:\\p{Lu})');
    expect(r).toMatchObject({ ok: false, rejectedByGo: false });
  });
});
