import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** One accepted difference (see allowList.yaml). */
export interface AllowEntry {
  readonly case?: string;
  readonly object?: string;
  readonly path?: string;
  /** `not-kro`: another component (the API server) causes it; `our-bug`: a known bug of our render, to be fixed. */
  readonly kind: 'not-kro' | 'our-bug';
  readonly reason: string;
}

/** A difference as the differential test prints it. */
export interface Difference {
  readonly case: string;
  readonly object: string;
  readonly path: string;
  readonly kro: unknown;
  readonly ours: unknown;
}

const ALLOW_LIST = fileURLToPath(new URL('./allowList.yaml', import.meta.url));

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Reads and checks the allow-list: every entry needs a kind and a reason, and at least one of case/object/path. */
export function loadAllowList(text = readFileSync(ALLOW_LIST, 'utf8')): AllowEntry[] {
  const entries: unknown = parse(text);
  if (!Array.isArray(entries)) throw new Error('allowList.yaml must be a YAML list');
  return entries.map((e: unknown, i) => {
    const entry = e as Partial<AllowEntry> | null;
    if (typeof entry?.reason !== 'string' || entry.reason.trim() === '') throw new Error(`allowList.yaml entry ${String(i)} has no reason`);
    if (entry.kind !== 'not-kro' && entry.kind !== 'our-bug') throw new Error(`allowList.yaml entry ${String(i)}: kind must be not-kro or our-bug`);
    if (entry.case === undefined && entry.object === undefined && entry.path === undefined) {
      throw new Error(`allowList.yaml entry ${String(i)} matches everything; give a case, object or path`);
    }
    return entry as AllowEntry;
  });
}

/** The entry that accepts `d`, if any. */
export function allowedBy(entries: readonly AllowEntry[], d: Difference): AllowEntry | undefined {
  return entries.find(
    (e) =>
      (e.case === undefined || glob(e.case).test(d.case)) &&
      (e.object === undefined || glob(e.object).test(d.object)) &&
      (e.path === undefined || glob(e.path).test(d.path)),
  );
}
