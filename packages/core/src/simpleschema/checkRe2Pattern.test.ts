import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRe2Pattern } from './checkRe2Pattern.js';

// Each case is [pattern, Go 1.26 regexp.Compile error ('' when Go accepts)], recorded with Go itself.
const cases = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'simpleschema', 're2-cases.json'), 'utf8'),
) as [string, string][];

describe('checkRe2Pattern', () => {
  it.each(cases)('%j', (pattern, goError) => {
    expect(checkRe2Pattern(pattern)?.message ?? '').toBe(goError);
  });

  it.each([
    ['999 nested groups', `${'('.repeat(999)}a${')'.repeat(999)}`, ''],
    ['1000 nested groups', `${'('.repeat(1000)}a${')'.repeat(1000)}`, 'expression nests too deeply'],
    ['5000 non-capturing groups', `${'(?:'.repeat(5000)}a${')'.repeat(5000)}`, ''],
    ['4000-rune literal repeated 1000 times', `(${'abcdefghij'.repeat(400)}){1000}`, 'expression too large'],
    ['3000-rune literal repeated 1000 times', `(${'abcdefghij'.repeat(300)}){1000}`, ''],
    ['1100 nested single-character alternations', `${'(?:a|'.repeat(1100)}b${')'.repeat(1100)}`, ''],
    ['600 nested alternations with a prefix', `${'(?:a|b'.repeat(600)}b${')'.repeat(600)}`, 'expression nests too deeply'],
    ['999 nested concatenations', `${'(a'.repeat(999)}${')'.repeat(999)}`, 'expression nests too deeply'],
    ['499 nested concatenations', `${'(a'.repeat(499)}${')'.repeat(499)}`, ''],
  ])('limits: %s (as Go)', (_, pattern, code) => {
    expect(checkRe2Pattern(pattern)?.code ?? '').toBe(code);
  });

  it('locates the error inside the pattern', () => {
    expect(checkRe2Pattern('^abc(?=x)$')).toMatchObject({ start: 4, end: 7, expr: '(?=' });
    expect(checkRe2Pattern('[a-z]+[z-a]')).toMatchObject({ start: 7, end: 10 });
    expect(checkRe2Pattern('ab(cd')).toMatchObject({ start: 2, end: 3, expr: 'ab(cd' });
  });

  it('handles a 100,000-character pattern (speed: bench, not a timed test)', () => {
    expect(checkRe2Pattern('[a-z0-9]'.repeat(12_500))).toBeUndefined();
    expect(checkRe2Pattern(`${'(?:'.repeat(33_000)}a`)?.code).toBe('missing closing )');
  });
});
