import { describe, expect, it } from 'vitest';
import { celGoErrorMessage } from './celGoErrorMessage.js';
import { createKroEnvironment } from './createKroEnvironment.js';

const env = createKroEnvironment();
const fail = (expr: string, context?: Record<string, unknown>): string => {
  try {
    const scoped = env.clone();
    for (const name of Object.keys(context ?? {})) scoped.registerVariable(name, 'dyn');
    scoped.evaluate(expr, context);
    return 'no error';
  } catch (e) {
    return celGoErrorMessage(e);
  }
};

describe('cel-go arithmetic and comparisons', () => {
  it('checks int overflow everywhere, with cel-go\'s texts', () => {
    expect(fail('-(-9223372036854775808)')).toBe('integer overflow');
    expect(fail('-9223372036854775808 / -1')).toBe('integer overflow');
    expect(fail('-9223372036854775808 % -1')).toBe('integer overflow');
    expect(fail('9223372036854775807 * 2')).toBe('integer overflow');
    expect(fail('1 % 0')).toBe('modulus by zero');
    expect(fail('0u - 1u')).toBe('unsigned integer overflow');
  });

  it('rejects mixed numeric comparisons statically but compares dyn values at run time', () => {
    expect(env.check('1 < 2.5').valid).toBe(false);
    expect(env.check('2u >= 1').valid).toBe(false);
    expect(env.evaluate('dyn(1) < 2.5')).toBe(true);
    expect(env.evaluate('1 < dyn(2u)')).toBe(true);
  });

  it('has() works on any selection', () => {
    expect(env.evaluate('has({"a": {"b": 1}}.a.b)')).toBe(true);
    expect(env.evaluate('has({"a": {"b": 1}}.a.c)')).toBe(false);
    expect(env.check('has(1)').valid).toBe(false);
  });

  it('gives cel-go\'s texts for cel-js access errors (kro\'s pending-data classification reads them)', () => {
    expect(fail('x.a.c', { x: { a: {} } })).toBe('no such key: c');
    expect(fail('[1][3]')).toBe('index out of bounds: 3');
    expect(fail('[1][-1]')).toBe('index out of bounds: -1');
    expect(fail('optional.none().value()')).toBe('optional.none() dereference');
  });
});

describe('timestamp accessors', () => {
  const t = 'timestamp("2024-03-01T02:20:30.400Z")';
  it('use UTC, IANA zones or fixed offsets, whatever the host zone', () => {
    expect(env.evaluate(`[${t}.getDayOfYear(), ${t}.getDate("America/New_York"), ${t}.getHours("+05:30"), ${t}.getHours("-01:30"), ${t}.getDayOfWeek("Asia/Tokyo")]`)).toEqual([60n, 29n, 7n, 0n, 5n]);
    expect(env.evaluate('timestamp("2023-12-31T23:00:00Z").getDayOfYear()')).toBe(364n);
  });

  it('reports unknown zones like Go', () => {
    expect(fail(`${t}.getHours("Mars/Base")`)).toBe('unknown time zone Mars/Base');
  });
});
