import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFiles, type RgdValidation } from '@kro-designer/core';
import { ORACLE_PATHS } from './buildOracle.js';
import type { OracleVerdict, TextFile } from './runOracle.js';

/** One RGD document judged by both sides. */
export interface VerdictPair {
  /** `corpus:<file>#<n>` or `mutant:<id>`: the key of the allow-list. */
  readonly id: string;
  readonly core?: RgdValidation;
  readonly kro?: OracleVerdict;
}

/** An exact case id, or a regular expression over `<id> [<mutation description>]` for a class of cases. */
export interface AllowEntry {
  readonly id?: string;
  readonly pattern?: string;
  readonly reason: string;
}

export function allowed<T extends AllowEntry>(entries: readonly T[], id: string, description = ''): T | undefined {
  const text = `${id} [${description}]`;
  return entries.find((e) => e.id === id || (e.pattern !== undefined && new RegExp(e.pattern).test(text)));
}

export interface AllowList {
  readonly verdicts: readonly (AllowEntry & { readonly core: boolean; readonly kro: boolean })[];
  readonly cel: readonly AllowEntry[];
  readonly crds: readonly AllowEntry[];
}

export function loadAllowList(): AllowList {
  const raw = JSON.parse(readFileSync(join(ORACLE_PATHS.packageRoot, 'allowlist.json'), 'utf8')) as Partial<AllowList>;
  const all = [...(raw.verdicts ?? []), ...(raw.cel ?? []), ...(raw.crds ?? [])];
  for (const e of all) {
    if ((!e.id && !e.pattern) || !e.reason || e.reason.trim().length < 20) throw new Error(`allow-list entry ${JSON.stringify(e)} needs an id or a pattern and a real reason`);
  }
  return { verdicts: raw.verdicts ?? [], cel: raw.cel ?? [], crds: raw.crds ?? [] };
}

/** The core's verdicts for groups of files (validated together, with the CRDs), by `<group file>#<rgd ordinal>`. */
export function coreVerdicts(groups: readonly { readonly files: readonly TextFile[] }[], crds: readonly TextFile[]): Map<string, RgdValidation> {
  const out = new Map<string, RgdValidation>();
  for (const g of groups) {
    for (const { path, result } of validateFiles(g.files, { crds }).files) {
      result.rgds.forEach((r, i) => out.set(`${path}#${String(i)}`, r));
    }
  }
  return out;
}

/** kro's verdicts keyed like {@link coreVerdicts}: RGD documents are numbered per file in order. */
export function keyOracleVerdicts(verdicts: readonly OracleVerdict[]): Map<string, OracleVerdict> {
  const out = new Map<string, OracleVerdict>();
  const seen = new Map<string, number>();
  for (const v of verdicts) {
    const n = seen.get(v.file) ?? 0;
    seen.set(v.file, n + 1);
    out.set(`${v.file}#${String(n)}`, v);
  }
  return out;
}

export function pairUp(prefix: string, core: Map<string, RgdValidation>, kro: Map<string, OracleVerdict>, rename: (key: string) => string = (k) => k): VerdictPair[] {
  const keys = [...new Set([...core.keys(), ...kro.keys()])].sort();
  return keys.map((k) => ({ id: `${prefix}:${rename(k)}`, ...(core.has(k) ? { core: core.get(k)! } : {}), ...(kro.has(k) ? { kro: kro.get(k)! } : {}) }));
}

export function firstError(r: RgdValidation | undefined): string {
  const d = r?.diagnostics.find((x) => x.severity === 'error');
  return d ? `${d.code} at ${d.path}: ${d.message}` : '';
}

/** Structural difference of two JSON values: a list of `path: a != b` lines (key order ignored). */
export function jsonDiff(a: unknown, b: unknown, path = '', out: string[] = [], limit = 40): string[] {
  if (out.length >= limit) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path || '.'}: array length ${String(a.length)} != ${String(b.length)}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) jsonDiff(a[i], b[i], `${path}[${String(i)}]`, out, limit);
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort()) {
      const p = `${path}.${k}`;
      if (!(k in bo)) out.push(`${p}: only in ours: ${short(ao[k])}`);
      else if (!(k in ao)) out.push(`${p}: only in kro's: ${short(bo[k])}`);
      else jsonDiff(ao[k], bo[k], p, out, limit);
    }
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path || '.'}: ${short(a)} != ${short(b)}`);
  return out;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}
