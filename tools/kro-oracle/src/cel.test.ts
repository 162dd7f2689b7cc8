import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { celGoErrorMessage, createKroEnvironment, formatCelValue, type KroEnvironmentOptions } from '@kro-designer/core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ORACLE_PATHS } from './buildOracle.js';
import { allowed, loadAllowList } from './compare.js';
import { oracleEval, type CelOutcome } from './runOracle.js';

/**
 * CEL values: the CEL library's vectors (packages/core/test/fixtures/cel/vectors.json, those marked for kro) are
 * evaluated by the core's environment and by kro's (kro-oracle eval), and the results compared byte for byte in
 * formatCelValue's canonical text. Evaluation errors must match exactly too; compile errors must be compile errors
 * on both sides (cel-go and cel-js word some of them differently; the CEL library's own test covers wording).
 */

interface Vector {
  readonly id: string;
  readonly expr: string;
  readonly context?: Record<string, unknown>;
  readonly options?: KroEnvironmentOptions;
  readonly kro?: false;
}

const vectorsFile = join(ORACLE_PATHS.repoRoot, 'packages', 'core', 'test', 'fixtures', 'cel', 'vectors.json');
const vectors = (JSON.parse(readFileSync(vectorsFile, 'utf8')) as { vectors: Vector[] }).vectors.filter((v) => v.kro !== false);
const build = inject('kroOracle');
const allow = loadAllowList();

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o['$int'] === 'string') return BigInt(o['$int']);
    if (keys.length === 1 && typeof o['$uint'] === 'string') return new UnsignedInt(BigInt(o['$uint']));
    return Object.fromEntries(keys.map((k) => [k, decode(o[k])]));
  }
  return v;
}

function summary(e: unknown): string {
  const s = (e as { summary?: unknown }).summary;
  return typeof s === 'string' ? s : String((e as Error).message).split('\n')[0]!;
}

/** The core's outcome, shaped like the oracle's. */
function coreOutcome(v: Vector): CelOutcome {
  const env = createKroEnvironment(v.options ?? {}).clone();
  for (const name of Object.keys(v.context ?? {})) env.registerVariable(name, 'dyn');
  const checked = env.check(v.expr);
  if (!checked.valid) return { id: v.id, checkError: summary(checked.error) };
  try {
    return { id: v.id, value: formatCelValue(env.evaluate(v.expr, decode(v.context ?? {}) as Record<string, unknown>)) };
  } catch (e) {
    // The core's own mapping of a cel-js failure to cel-go's wording (what the designer shows).
    return { id: v.id, error: celGoErrorMessage(e) };
  }
}

const show = (o: CelOutcome | undefined) =>
  o === undefined ? 'missing' : o.value !== undefined ? `value ${o.value}` : o.error !== undefined ? `error ${o.error}` : `checkError ${o.checkError ?? ''}`;

let kro = new Map<string, CelOutcome>();
beforeAll(async () => {
  const out = await oracleEval(
    build,
    vectors.map((v) => ({ id: v.id, expr: v.expr, ...(v.context ? { context: v.context } : {}) })),
  );
  kro = new Map(out.map((o) => [o.id, o]));
});

describe('CEL values: core vs kro v0.9.3 (kro-oracle eval)', () => {
  it('evaluates a few hundred expressions on both sides', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(300);
    expect(kro.size).toBe(vectors.length);
  });

  it('gives byte-identical results', () => {
    let same = 0;
    let checkWording = 0;
    const lines: string[] = [];
    const unexplained: string[] = [];
    for (const v of vectors) {
      const ours = coreOutcome(v);
      const theirs = kro.get(v.id);
      const equal =
        theirs !== undefined &&
        (ours.checkError !== undefined ? theirs.checkError !== undefined : ours.value === theirs.value && ours.error === theirs.error && theirs.checkError === undefined);
      if (equal) {
        same++;
        if (ours.checkError !== theirs.checkError) checkWording++;
        continue;
      }
      const entry = allowed(allow.cel, v.id);
      lines.push(`  ${entry ? 'ALLOWED' : 'DIFFERS'} ${v.id}: ${v.expr}\n    core: ${show(ours)}\n    kro:  ${show(theirs)}${entry ? `\n    why:  ${entry.reason}` : ''}`);
      if (!entry) unexplained.push(v.id);
    }
    console.log(
      `CEL values: ${String(same)}/${String(vectors.length)} identical (${((100 * same) / vectors.length).toFixed(1)} %); ` +
        `${String(checkWording)} compile errors worded differently\n${lines.join('\n')}`,
    );
    expect(unexplained).toEqual([]);
  });
});
