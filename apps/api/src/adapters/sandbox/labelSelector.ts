import { ClusterError } from '../../ports/ClusterGateway.js';

export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

type Requirement =
  | { readonly op: 'eq' | 'neq'; readonly key: string; readonly value: string }
  | { readonly op: 'in' | 'notin'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: 'exists' | 'absent'; readonly key: string };

const KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Parses a label selector the way the API server does (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`,
 * `!a`, comma-separated, all must hold). A malformed selector is a 400 BadRequest, as on a real server.
 */
export function parseLabelSelector(selector: string | undefined): LabelMatcher {
  const text = (selector ?? '').trim();
  if (text === '') return () => true;
  const requirements = splitTopLevel(text).map((part) => parseRequirement(part.trim(), text));
  return (labels) => requirements.every((r) => matches(r, labels ?? {}));
}

function matches(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case 'eq':
      return has && value === r.value;
    case 'neq':
      // As in apimachinery: `a!=b` also selects objects without the label.
      return !has || value !== r.value;
    case 'in':
      return has && r.values.includes(value!);
    case 'notin':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case 'absent':
      return !has;
  }
}

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseRequirement(part: string, whole: string): Requirement {
  const bad = (why: string) => new ClusterError(`unable to parse requirement: ${why} in label selector "${whole}"`, 400, 'BadRequest');
  const checkKey = (key: string) => {
    if (!KEY.test(key)) throw bad(`invalid label key "${key}"`);
    return key;
  };
  const checkValue = (value: string) => {
    if (!VALUE.test(value) || value.length > 63) throw bad(`invalid label value "${value}"`);
    return value;
  };
  if (part === '') throw bad('empty requirement');
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
  if (set) {
    const values = set[3]!.split(',').map((v) => checkValue(v.trim()));
    return { op: set[2] as 'in' | 'notin', key: checkKey(set[1]!), values };
  }
  const eq = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
  if (eq) return { op: eq[2] === '!=' ? 'neq' : 'eq', key: checkKey(eq[1]!), value: checkValue(eq[3]!) };
  if (part.startsWith('!')) return { op: 'absent', key: checkKey(part.slice(1).trim()) };
  return { op: 'exists', key: checkKey(part) };
}
