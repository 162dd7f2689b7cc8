import { stringify } from 'yaml';

/**
 * A seeded mutation generator for RGDs: each mutant is one small, typical authoring mistake (or a harmless edit)
 * applied to a known RGD, so that the TypeScript core and kro's builder can be asked for a verdict on it.
 * Deterministic for a given seed and base list.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export interface Mutant {
  /** `m0001-typo-reference@kubernetes/webapp/rg.yaml`. */
  readonly id: string;
  readonly operator: string;
  readonly base: string;
  /** What was changed, for the report. */
  readonly description: string;
  readonly text: string;
}

export interface MutationBase {
  readonly name: string;
  readonly rgd: Obj;
}

/** mulberry32: small, fast, good enough for test-case selection. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ctx {
  readonly rand: () => number;
  pick<T>(xs: readonly T[]): T | undefined;
}

type Operator = (rgd: Obj, ctx: Ctx) => string | undefined;

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function resources(rgd: Obj): Obj[] {
  const spec = rgd['spec'];
  const rs = isObj(spec) ? spec['resources'] : undefined;
  return Array.isArray(rs) ? rs.filter(isObj) : [];
}

function schemaBlock(rgd: Obj): Obj | undefined {
  const spec = rgd['spec'];
  const s = isObj(spec) ? spec['schema'] : undefined;
  return isObj(s) ? s : undefined;
}

/** Every string leaf of a value with its setter. */
function stringLeaves(v: Json, out: { value: string; set: (s: Json) => void; key: string }[] = []): typeof out {
  if (Array.isArray(v)) v.forEach((x, i) => (typeof x === 'string' ? out.push({ value: x, set: (s) => (v[i] = s), key: String(i) }) : stringLeaves(x, out)));
  else if (isObj(v))
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string') out.push({ value: x, set: (s) => (v[k] = s), key: k });
      else stringLeaves(x, out);
    }
  return out;
}

/** Every (parent, key) of a map entry under a value, for renaming or deleting keys. */
function mapEntries(v: Json, out: { parent: Obj; key: string }[] = []): typeof out {
  if (Array.isArray(v)) v.forEach((x) => mapEntries(x, out));
  else if (isObj(v))
    for (const [k, x] of Object.entries(v)) {
      out.push({ parent: v, key: k });
      mapEntries(x, out);
    }
  return out;
}

function typo(word: string, rand: () => number): string {
  if (word.length < 2) return `${word}x`;
  const i = Math.floor(rand() * (word.length - 1));
  switch (Math.floor(rand() * 3)) {
    case 0: // swap two neighbours
      return word[i] === word[i + 1] ? `${word}s` : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1: // drop one
      return word.slice(0, i) + word.slice(i + 1);
    default: // double one
      return word.slice(0, i + 1) + word.slice(i);
  }
}

function renameKey(parent: Obj, from: string, to: string): void {
  const entries = Object.entries(parent);
  for (const k of Object.keys(parent)) delete parent[k];
  for (const [k, v] of entries) parent[k === from ? to : k] = v;
}

const EXPR = /\$\{([^}]*)\}/;

const operators: Record<string, Operator> = {
  'typo-reference': (rgd, { pick, rand }) => {
    const leaves = resources(rgd).flatMap((r) => stringLeaves(r)).filter((l) => EXPR.test(l.value));
    const leaf = pick(leaves);
    if (!leaf) return undefined;
    const expr = EXPR.exec(leaf.value)?.[1] ?? '';
    const idents = [...expr.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]).filter((w) => !['true', 'false', 'null', 'in', 'has', 'size'].includes(w));
    const word = pick(idents);
    if (!word) return undefined;
    const changed = typo(word, rand);
    leaf.set(leaf.value.replace(expr, expr.replace(new RegExp(`\\b${word}\\b`), changed)));
    return `${word} -> ${changed} in \${${expr}}`;
  },
  'typo-template-field': (rgd, { pick, rand }) => {
    const r = pick(resources(rgd).filter((x) => isObj(x['template'])));
    if (!r) return undefined;
    const entries = mapEntries(r['template']!).filter((e) => !['apiVersion', 'kind'].includes(e.key) && !e.key.includes('/') && !e.key.includes('.'));
    const e = pick(entries);
    if (!e) return undefined;
    const to = typo(e.key, rand);
    if (to in e.parent) return undefined;
    renameKey(e.parent, e.key, to);
    return `template field ${e.key} -> ${to} in ${String(r['id'])}`;
  },
  'typo-rgd-field': (rgd, { pick, rand }) => {
    const r = pick(resources(rgd));
    const key = r && pick(Object.keys(r));
    if (!r || !key) return undefined;
    const to = typo(key, rand);
    renameKey(r, key, to);
    return `resource field ${key} -> ${to}`;
  },
  'inject-cycle': (rgd, { pick }) => {
    const rs = resources(rgd).filter((r) => isObj(r['template']));
    const ids = new Set(rs.map((r) => String(r['id'])));
    // Find a resource B that references A, then make A reference B.
    const pairs: [Obj, string][] = [];
    for (const b of rs) {
      const text = JSON.stringify(b['template']);
      for (const a of ids) if (a !== b['id'] && new RegExp(`\\$\\{[^}]*\\b${a}\\.`).test(text)) pairs.push([rs.find((r) => r['id'] === a)!, String(b['id'])]);
    }
    const pair = pick(pairs);
    if (!pair) {
      const self = pick(rs);
      if (!self) return undefined;
      addAnnotation(self, `\${${String(self['id'])}.metadata.name}`);
      return `self-reference in ${String(self['id'])}`;
    }
    addAnnotation(pair[0], `\${${pair[1]}.metadata.name}`);
    return `${String(pair[0]['id'])} now references ${pair[1]}, which references it`;
  },
  'wrong-literal-type': (rgd, { pick, rand }) => {
    const r = pick(resources(rgd).filter((x) => isObj(x['template'])));
    if (!r) return undefined;
    const entries = mapEntries(r['template']!).filter((e) => !['apiVersion', 'kind'].includes(e.key) && typeof e.parent[e.key] !== 'object');
    const e = pick(entries);
    if (!e) return undefined;
    const old = e.parent[e.key];
    const options: Json[] = typeof old === 'number' ? ['three', true] : typeof old === 'boolean' ? ['yes', 1] : [42, true, ['a'], { a: 1 }];
    e.parent[e.key] = options[Math.floor(rand() * options.length)] ?? null;
    return `${e.key}: ${JSON.stringify(old)} -> ${JSON.stringify(e.parent[e.key])}`;
  },
  'bad-marker': (rgd, { pick }) => {
    const spec = schemaBlock(rgd)?.['spec'];
    if (!isObj(spec)) return undefined;
    const bad = pick(['string | defualt="x"', 'integer | minimum=abc', 'string | enum=', 'boolean | default=maybe', 'integer | default="1"', 'string | required=yes', 'string | pattern="[a-"', 'integer | default=1 | maximum=0 | minimum=5', 'string | description=no closing"']) ?? '';
    spec['mutantField'] = bad;
    return `spec.mutantField: ${bad}`;
  },
  'bad-type': (rgd, { pick }) => {
    const spec = schemaBlock(rgd)?.['spec'];
    if (!isObj(spec)) return undefined;
    const keys = Object.keys(spec).filter((k) => typeof spec[k] === 'string');
    const key = pick(keys);
    const bad = pick(['strng', 'integr', '[]', 'map[string]', 'map[]string', '[]Unknown', 'object', 'float', 'map[integer]string', 'String']) ?? 'strng';
    if (!key) {
      spec['mutantField'] = bad;
      return `spec.mutantField: ${bad}`;
    }
    const old = String(spec[key]);
    spec[key] = old.replace(/^[^|]+/, `${bad} `).trim();
    return `spec.${key}: ${old} -> ${String(spec[key])}`;
  },
  'move-readywhen': (rgd, { pick }) => {
    const rs = resources(rgd);
    const from = pick(rs.filter((r) => Array.isArray(r['readyWhen'])));
    const to = pick(rs.filter((r) => r !== from));
    if (!from || !to) return undefined;
    to['readyWhen'] = from['readyWhen']!;
    delete from['readyWhen'];
    return `readyWhen moved from ${String(from['id'])} to ${String(to['id'])}`;
  },
  'readywhen-elsewhere': (rgd, { pick }) => {
    const rs = resources(rgd);
    const r = pick(rs);
    const other = pick(rs.filter((x) => x !== r));
    if (!r || !other) return undefined;
    const which = pick(['readyWhen', 'includeWhen']) ?? 'readyWhen';
    r[which] = [`\${${String(other['id'])}.metadata.name != ""}`];
    return `${which} of ${String(r['id'])} reads ${String(other['id'])}`;
  },
  'includewhen-variants': (rgd, { pick }) => {
    const r = pick(resources(rgd));
    if (!r) return undefined;
    const spec = schemaBlock(rgd)?.['spec'];
    const field = isObj(spec) ? pick(Object.keys(spec)) : undefined;
    const expr =
      pick([
        `\${${String(r['id'])}.metadata.name != ""}`,
        field ? `\${schema.spec.${field} != null}` : '${schema.spec.missing}',
        '${schema.spec.nope == "x"}',
        '${"a"}',
        '${true}',
        'true',
        '${1 + 1}',
        field ? `\${has(schema.spec.${field})}` : '${false}',
      ]) ?? '${true}';
    r['includeWhen'] = [expr];
    return `includeWhen of ${String(r['id'])}: ${expr}`;
  },
  'bad-id': (rgd, { pick }) => {
    const r = pick(resources(rgd));
    if (!r) return undefined;
    const id = pick(['my-resource', 'Deployment', 'schema', '1abc', 'in', 'self', 'each', 'has', 'a_b', 'spec', 'metadata', 'instance', 'resource', 'item', 'x'.repeat(70), 'namespace', 'status']) ?? 'bad-id';
    const old = String(r['id']);
    r['id'] = id;
    return `id ${old} -> ${id}`;
  },
  'missing-name': (rgd, { pick }) => {
    const where = pick(['rgd', 'template', 'kind', 'apiVersion', 'id', 'template-metadata']) ?? 'rgd';
    const r = pick(resources(rgd).filter((x) => isObj(x['template'])));
    if (where === 'rgd') {
      const md = rgd['metadata'];
      if (isObj(md)) delete md['name'];
      return 'RGD metadata.name removed';
    }
    if (!r) return undefined;
    const t = r['template'] as Obj;
    if (where === 'template') {
      if (isObj(t['metadata'])) delete t['metadata']['name'];
      return `metadata.name of ${String(r['id'])} removed`;
    }
    if (where === 'template-metadata') {
      delete t['metadata'];
      return `metadata of ${String(r['id'])} removed`;
    }
    if (where === 'id') {
      delete r['id'];
      return `id of a resource removed`;
    }
    delete t[where];
    return `${where} of ${String(r['id'])} removed`;
  },
  'duplicate-id': (rgd, { pick }) => {
    const rs = resources(rgd);
    if (rs.length < 2) return undefined;
    const a = pick(rs)!;
    const b = pick(rs.filter((x) => x !== a))!;
    b['id'] = a['id']!;
    return `two resources with id ${String(a['id'])}`;
  },
  'unknown-kind': (rgd, { pick, rand }) => {
    const r = pick(resources(rgd).filter((x) => isObj(x['template'])));
    if (!r) return undefined;
    const t = r['template'] as Obj;
    const mode = pick(['kind', 'version', 'group']) ?? 'kind';
    if (mode === 'kind') t['kind'] = typo(String(t['kind']), rand);
    else if (mode === 'version') t['apiVersion'] = String(t['apiVersion']).replace(/v\d+\w*$/, 'v9');
    else t['apiVersion'] = `nope.example.com/${String(t['apiVersion']).split('/').pop() ?? 'v1'}`;
    return `${mode} of ${String(r['id'])} changed to ${String(t['apiVersion'])} ${String(t['kind'])}`;
  },
  'dangling-resource': (rgd, { pick }) => {
    const spec = rgd['spec'];
    const rs = isObj(spec) && Array.isArray(spec['resources']) ? spec['resources'] : undefined;
    if (!rs || rs.length < 2) return undefined;
    const victim = pick(rs.map((_, i) => i)) ?? 0;
    const [gone] = rs.splice(victim, 1);
    return `resource ${isObj(gone) ? String(gone['id']) : '?'} deleted`;
  },
  'status-field': (rgd, { pick }) => {
    const s = schemaBlock(rgd);
    if (!s) return undefined;
    const r = pick(resources(rgd));
    const value = pick([`\${${r ? String(r['id']) : 'x'}.metadata.name}`, '${nothere.metadata.name}', 'literal', '${schema.spec}', '${schema.metadata.name}', '${1 +}', `prefix-\${${r ? String(r['id']) : 'x'}.metadata.uid}`, 42]) ?? 'x';
    const status = isObj(s['status']) ? s['status'] : (s['status'] = {});
    status['mutantStatus'] = value;
    return `status.mutantStatus: ${JSON.stringify(value)}`;
  },
  'schema-kind': (rgd, { pick }) => {
    const s = schemaBlock(rgd);
    if (!s) return undefined;
    const what = pick(['kind-lower', 'kind-dash', 'apiVersion', 'group', 'scope', 'kind-missing']) ?? 'kind-lower';
    if (what === 'kind-lower') s['kind'] = String(s['kind']).toLowerCase();
    else if (what === 'kind-dash') s['kind'] = `${String(s['kind'])}-X`;
    else if (what === 'apiVersion') s['apiVersion'] = pick(['v1', 'V1', 'v1alpha', 'version1', '']) ?? 'v1';
    else if (what === 'group') s['group'] = pick(['example.com', 'Example_Com', '', 'a.b']) ?? 'x';
    else if (what === 'scope') s['scope'] = pick(['Cluster', 'cluster', 'Namespace']) ?? 'Cluster';
    else delete s['kind'];
    return `schema ${what}: ${JSON.stringify(s['kind'] ?? null)} ${JSON.stringify(s['apiVersion'] ?? null)} ${JSON.stringify(s['group'] ?? null)} ${JSON.stringify(s['scope'] ?? null)}`;
  },
  'unknown-rgd-field': (rgd, { pick }) => {
    const spec = rgd['spec'];
    if (!isObj(spec)) return undefined;
    const where = pick(['spec', 'schema']) ?? 'spec';
    if (where === 'spec') spec['resource'] = [];
    else {
      const s = schemaBlock(rgd);
      if (!s) return undefined;
      s['spce'] = {};
    }
    return `unknown field in ${where}`;
  },
  'expression-syntax': (rgd, { pick }) => {
    const leaves = resources(rgd).flatMap((r) => stringLeaves(r)).filter((l) => EXPR.test(l.value));
    const leaf = pick(leaves);
    if (!leaf) return undefined;
    const how = pick(['unclosed', 'operator', 'empty', 'nested', 'method']) ?? 'unclosed';
    const expr = EXPR.exec(leaf.value)?.[1] ?? '';
    const next =
      how === 'unclosed'
        ? leaf.value.replace(`\${${expr}}`, `\${${expr}`)
        : how === 'operator'
          ? leaf.value.replace(expr, `${expr} +`)
          : how === 'empty'
            ? leaf.value.replace(`\${${expr}}`, '${}')
            : how === 'nested'
              ? leaf.value.replace(expr, `${expr} + "\${x}"`)
              : leaf.value.replace(expr, `${expr}.noSuchMethod()`);
    leaf.set(next);
    return `${how}: ${next}`;
  },
  'harmless-edit': (rgd, { pick }) => {
    // Controls: edits kro accepts. They keep the test honest about false rejections.
    const r = pick(resources(rgd).filter((x) => isObj(x['template'])));
    if (!r) return undefined;
    const how = pick(['annotation', 'label', 'reorder']) ?? 'annotation';
    if (how === 'annotation') addAnnotation(r, 'static-value');
    else if (how === 'label') {
      const t = r['template'] as Obj;
      const md = isObj(t['metadata']) ? t['metadata'] : (t['metadata'] = {});
      const labels = isObj(md['labels']) ? md['labels'] : (md['labels'] = {});
      labels['mutant'] = 'yes';
    } else {
      const spec = rgd['spec'] as Obj;
      if (Array.isArray(spec['resources'])) spec['resources'].reverse();
    }
    return `harmless ${how} on ${String(r['id'])}`;
  },
};

function addAnnotation(r: Obj, value: string): void {
  const t = r['template'];
  if (!isObj(t)) {
    r['readyWhen'] = [value.startsWith('${') ? value.replace('}', ' != ""}') : '${true}'];
    return;
  }
  const md = isObj(t['metadata']) ? t['metadata'] : (t['metadata'] = {});
  const ann = isObj(md['annotations']) ? md['annotations'] : (md['annotations'] = {});
  ann['kro-designer.dev/mutant'] = value;
}

export const OPERATORS = Object.keys(operators);

/**
 * Generates `count` mutants, cycling through the operators and picking bases at random. Operators that do not
 * apply to the chosen base (no expressions, a single resource, ...) are retried on another base.
 */
export function generateMutants(bases: readonly MutationBase[], count: number, seed: number): Mutant[] {
  const rand = seededRandom(seed);
  const ctx: Ctx = { rand, pick: (xs) => (xs.length === 0 ? undefined : xs[Math.floor(rand() * xs.length)]) };
  const out: Mutant[] = [];
  let attempts = 0;
  while (out.length < count && attempts < count * 20) {
    const operator = OPERATORS[attempts % OPERATORS.length]!;
    attempts++;
    const base = ctx.pick(bases);
    if (!base) break;
    const rgd = structuredClone(base.rgd);
    const description = operators[operator]!(rgd, ctx);
    if (description === undefined) continue;
    const n = String(out.length + 1).padStart(4, '0');
    out.push({ id: `m${n}-${operator}@${base.name}`, operator, base: base.name, description, text: stringify(rgd, { lineWidth: 0 }) });
  }
  return out;
}
