import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { describe, expect, it } from 'vitest';
import { celGoErrorMessage, createKroEnvironment, formatCelValue, type KroEnvironmentOptions } from '../src/cel/library/index.js';

/**
 * Runs the shared CEL vectors (test/fixtures/cel/vectors.json) through the designer's environment. The same file is
 * meant for the conformance oracle, which runs kro's Go code on it.
 */

interface Vector {
  readonly id: string;
  readonly expr: string;
  readonly context?: Record<string, unknown>;
  readonly options?: KroEnvironmentOptions;
  readonly kro?: false;
  readonly expect?: string;
  readonly error?: string;
  readonly checkError?: string;
  readonly note?: string;
}

const file = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/cel/vectors.json', import.meta.url)), 'utf8')) as { vectors: Vector[] };

/**
 * Where the designer knowingly differs from kro, with what it does instead. Each entry is a limitation of cel-js
 * that the library cannot repair; see packages/core/CONTEXT.md, "CEL library".
 */
const KNOWN_DEVIATIONS: Record<string, { readonly expect?: string; readonly why: string }> = {
  'lists/indexOf-numeric': {
    expect: "found no matching overload for 'list.indexOf(double)'",
    why: 'cel-js re-dispatches dyn arguments by their run-time type; list(A).indexOf(A) then needs A = int',
  },
  'std/timestamp-fraction': {
    expect: JSON.stringify('2024-01-01T00:00:00.123Z'),
    why: 'cel-js timestamps are JavaScript Dates: millisecond precision',
  },
};

/** Messages cel-go's checker words differently from cel-js (the verdict still matches). */
const GENERIC_CHECK_MESSAGES = ['found no matching overload', 'undeclared reference'];

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o.$int === 'string') return BigInt(o.$int);
    if (keys.length === 1 && typeof o.$uint === 'string') return new UnsignedInt(BigInt(o.$uint));
    return Object.fromEntries(keys.map((k) => [k, decode(o[k])]));
  }
  return v;
}

function summary(e: unknown): string {
  const s = (e as { summary?: unknown }).summary;
  return typeof s === 'string' ? s : String((e as Error).message).split('\n')[0]!;
}

function envFor(v: Vector) {
  const env = createKroEnvironment(v.options ?? {}).clone();
  for (const name of Object.keys(v.context ?? {})) env.registerVariable(name, 'dyn');
  return env;
}

describe('CEL vectors (kro v0.9.3)', () => {
  it('has unique ids', () => {
    const ids = file.vectors.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const v of file.vectors) {
    it(`${v.id}: ${v.expr}`, () => {
      const env = envFor(v);
      const deviation = KNOWN_DEVIATIONS[v.id];
      const checked = env.check(v.expr);
      if (v.checkError !== undefined) {
        expect(checked.valid, `expected a check error: ${v.checkError}`).toBe(false);
        if (!GENERIC_CHECK_MESSAGES.some((g) => v.checkError!.startsWith(g))) expect(summary(checked.error)).toContain(v.checkError);
        return;
      }
      expect(checked.error ? summary(checked.error) : undefined).toBeUndefined();
      let result: unknown;
      let failure: unknown;
      try {
        result = env.evaluate(v.expr, decode(v.context ?? {}) as Record<string, unknown>);
      } catch (e) {
        failure = e;
      }
      if (deviation) {
        expect(failure ? summary(failure) : formatCelValue(result)).toBe(deviation.expect);
        return;
      }
      if (v.error !== undefined) {
        expect(failure ? celGoErrorMessage(failure) : `no error, got ${formatCelValue(result)}`).toBe(v.error);
        return;
      }
      expect(failure ? `error: ${summary(failure)}` : formatCelValue(result)).toBe(v.expect);
    });
  }
});
