import type { Span } from '../diagnostics/Diagnostic.js';
import type { ExpressionOccurrence } from '../graph/ExpressionOccurrence.js';
import type { RgdValidation } from '../rgd/validateRgd.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import type { SchemaRegistry } from '../schemas/SchemaRegistry.js';
import type { LocatedScalar } from '../source/LocatedNode.js';
import { objectMetaSchema, resourceKind } from '../rgd/resourceKind.js';
import { schemaTypeName } from './schemaTypeName.js';
import { listCelFunctions } from '../cel/library/index.js';

const catalogs = new Map<string, readonly FunctionInfo[]>();

/**
 * kro's function library as completion entries, one per name (overloads folded into the detail). Status conditions
 * also see the runtime helpers.
 */
function kroFunctions(validation: RgdValidation): readonly FunctionInfo[] {
  const runtime = validation.model.schema.status?.kind === 'map';
  const key = String(runtime);
  const cached = catalogs.get(key);
  if (cached) return cached;
  const byName = new Map<string, { receiver: boolean; signatures: string[]; receiverTypes: string[]; description: string }>();
  for (const f of listCelFunctions({ runtime })) {
    const receiver = f.kind !== 'function' && f.receiver !== undefined && f.namespace === undefined;
    const name = receiver ? f.name : f.qualifiedName;
    const key2 = `${receiver}:${name}`;
    const entry = byName.get(key2) ?? { receiver, signatures: [], receiverTypes: [], description: f.description };
    if (!entry.signatures.includes(f.signature)) entry.signatures.push(f.signature);
    if (f.receiver && !entry.receiverTypes.includes(f.receiver)) entry.receiverTypes.push(f.receiver);
    byName.set(key2, entry);
  }
  const list = [...byName.entries()].map(([k, v]) => ({
    name: k.slice(k.indexOf(':') + 1),
    receiver: v.receiver,
    receiverTypes: v.receiverTypes,
    signature: v.signatures.length > 1 ? `${v.signatures[0]} (+${v.signatures.length - 1} overloads)` : v.signatures[0]!,
    ...(v.description ? { description: v.description } : {}),
  }));
  catalogs.set(key, list);
  return list;
}

/** A function the editor may offer (from the CEL library's catalog). */
export interface FunctionInfo {
  readonly name: string;
  /** True for receiver-style functions (`"x".upperAscii()`). */
  readonly receiver?: boolean;
  /** Receiver types in CEL notation (`string`, `list(T)`, `map(K, V)`), for filtering methods by the target. */
  readonly receiverTypes?: readonly string[];
  readonly signature: string;
  readonly description?: string;
}

export type CompletionKind = 'variable' | 'field' | 'function';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Type of a variable or field, signature of a function. */
  readonly detail: string;
  readonly documentation?: string;
  /** Source span the completion replaces (the partial word before the cursor). */
  readonly replace: Span;
}

/** A variable visible at the cursor, with its type. */
export interface ScopeEntry {
  readonly name: string;
  readonly kind: 'schema' | 'resource' | 'iterator' | 'each' | 'runtime';
  readonly type: string;
  readonly description?: string;
}

export interface Hover {
  readonly span: Span;
  /** The selected path, e.g. `deployment.status.availableReplicas`. */
  readonly path: string;
  readonly type: string;
  readonly description?: string;
}

export interface QueryResult {
  /** The `${...}` the offset is in; undefined outside expressions. */
  readonly occurrence?: ExpressionOccurrence;
  readonly scope: readonly ScopeEntry[];
  readonly completions: readonly CompletionItem[];
  readonly hover?: Hover;
}

interface Variable {
  readonly entry: ScopeEntry;
  readonly schema?: OpenApiSchema;
  /** Schema of one object of the kind, also for collections. */
  readonly kindSchema?: OpenApiSchema;
}

const NO_RESULT: QueryResult = { scope: [], completions: [] };

/**
 * Answers an editor at a source offset: the variables in scope there (by kro's context rules), completions for the
 * partial identifier or field path before the cursor (fields with types and descriptions from the OpenAPI schemas,
 * resource ids, functions with signatures), and hover information for the path under the cursor. Works on the result
 * of {@link validateRgd}, so it costs one lookup per keystroke on top of validation.
 */
export function queryAt(validation: RgdValidation, offset: number, registry: SchemaRegistry, functions: readonly FunctionInfo[] = kroFunctions(validation)): QueryResult {
  const occurrence = validation.occurrences.find((o) => o.span.start <= offset && offset <= o.span.end);
  if (!occurrence) return NO_RESULT;
  const index = valueIndexAt(occurrence.node, offset);
  const match = occurrence.matches.find((m) => m.start + 2 <= index && index <= m.end - 1);
  if (!match) return { occurrence, scope: [], completions: [] };
  const variables = scopeOf(validation, occurrence, registry);
  const scope = variables.map((v) => v.entry);
  const exprIndex = index - (match.start + 2);
  const before = match.expression.slice(0, exprIndex);
  const after = match.expression.slice(exprIndex);
  const toSource = (i: number) => occurrence.node.offsetOf(match.start + 2 + i);

  const completions: CompletionItem[] = [];
  const member = /([A-Za-z_]\w*(?:\s*\.\??\s*[A-Za-z_]\w*)*)\s*\.\??\s*([A-Za-z_]\w*)?$/.exec(before);
  const word = /[A-Za-z_]\w*$/.exec(before)?.[0] ?? '';
  const replace = { start: toSource(exprIndex - word.length), end: toSource(exprIndex) };
  if (member && /\.\??\s*\w*$/.test(before)) {
    const chain = member[1]!.split(/\s*\.\??\s*/);
    const target = resolveChain(chain, variables, registry);
    if (target) {
      const s = registry.resolve(target);
      for (const [name, prop] of Object.entries(s.properties ?? {})) {
        if (!name.startsWith(word)) continue;
        const p = registry.resolve(prop);
        completions.push({ label: name, kind: 'field', detail: schemaTypeName(prop, (x) => registry.resolve(x)), ...(p.description ? { documentation: p.description } : {}), replace });
      }
    }
    const targetType = target ? schemaTypeName(target, (x) => registry.resolve(x)) : 'dyn';
    for (const f of functions) if (f.receiver && f.name.startsWith(word) && receiverFits(f, targetType)) completions.push(fnItem(f, replace));
  } else {
    for (const v of variables) if (v.entry.name.startsWith(word)) completions.push({ label: v.entry.name, kind: 'variable', detail: v.entry.type, ...(v.entry.description ? { documentation: v.entry.description } : {}), replace });
    for (const f of functions) if (!f.receiver && f.name.startsWith(word)) completions.push(fnItem(f, replace));
  }

  const hover = hoverAt(before, after, variables, registry, toSource, exprIndex);
  return { occurrence, scope, completions, ...(hover ? { hover } : {}) };
}

/** Whether a method applies to a target of this type (`map<…>` takes map methods, `list<…>` list ones, structs none). */
function receiverFits(f: FunctionInfo, targetType: string): boolean {
  if (targetType === 'dyn' || !f.receiverTypes || f.receiverTypes.length === 0) return targetType === 'dyn';
  // A struct (an object with declared fields) has fields, not methods; the macros that take `dyn` iterate lists and maps.
  if (targetType === 'object') return false;
  const family = targetType.startsWith('map<') ? 'map' : targetType.startsWith('list<') ? 'list' : targetType;
  const iterable = family === 'map' || family === 'list';
  return f.receiverTypes.some((r) => (r === 'dyn' && iterable) || r === family || r.startsWith(`${family}(`) || r.startsWith(`${family}<`));
}

function fnItem(f: FunctionInfo, replace: Span): CompletionItem {
  return { label: f.name, kind: 'function', detail: f.signature, ...(f.description ? { documentation: f.description } : {}), replace };
}

function hoverAt(before: string, after: string, variables: readonly Variable[], registry: SchemaRegistry, toSource: (i: number) => number, at: number): Hover | undefined {
  const head = /([A-Za-z_]\w*(?:\s*\.\??\s*[A-Za-z_]\w*)*)$/.exec(before)?.[1] ?? '';
  const tail = /^\w*/.exec(after)?.[0] ?? '';
  const text = head + tail;
  if (text === '') return undefined;
  const chain = text.split(/\s*\.\??\s*/);
  const schema = resolveChain(chain, variables, registry);
  const root = variables.find((v) => v.entry.name === chain[0]);
  if (!root) return undefined;
  const start = toSource(at - head.length);
  const end = toSource(at + tail.length);
  if (chain.length === 1) return { span: { start, end }, path: text, type: root.entry.type, ...(root.entry.description ? { description: root.entry.description } : {}) };
  if (!schema) return undefined;
  const resolved = registry.resolve(schema);
  return { span: { start, end }, path: chain.join('.'), type: schemaTypeName(schema, (x) => registry.resolve(x)), ...(resolved.description ? { description: resolved.description } : {}) };
}

function resolveChain(chain: readonly string[], variables: readonly Variable[], registry: SchemaRegistry): OpenApiSchema | undefined {
  const root = variables.find((v) => v.entry.name === chain[0]);
  if (!root?.schema) return undefined;
  return chain.length === 1 ? root.schema : registry.resolvePath(root.schema, chain.slice(1));
}

/** The variables kro lets an expression see in its context (kro-spec §3.3), typed from the schemas. */
function scopeOf(validation: RgdValidation, occ: ExpressionOccurrence, registry: SchemaRegistry): Variable[] {
  const model = validation.model;
  const own = model.resources.find((r) => r.id === occ.resourceId);
  const objectMeta = objectMetaSchema(registry);
  const instance: OpenApiSchema = {
    type: 'object',
    description: `The ${model.schema.kind ?? 'instance'} being reconciled: its spec and metadata.`,
    properties: { ...(validation.specSchema ? { spec: validation.specSchema } : {}), metadata: objectMeta },
  };
  const schemaVar: Variable = { entry: { name: 'schema', kind: 'schema', type: 'object', description: instance.description! }, schema: instance };
  const resourceVar = (id: string): Variable | undefined => {
    const r = model.resources.find((x) => x.id === id);
    const { info, collection } = r ? resourceKind(r, registry) : { info: undefined, collection: false };
    const kindName = info ? `${info.apiVersion} ${info.kind}` : 'unknown kind';
    return {
      entry: { name: id, kind: 'resource', type: collection ? `list<${kindName}>` : kindName, description: `Resource "${id}" (${kindName})${collection ? ', a collection' : ''}.` },
      ...(info && !collection ? { schema: info.schema } : {}),
      ...(info ? { kindSchema: info.schema } : {}),
    };
  };
  const others = model.resources.filter((r) => r.id !== '' && r.id !== occ.resourceId).map((r) => resourceVar(r.id)!);
  switch (occ.context) {
    case 'readyWhen': {
      if (!own) return [];
      if (own.forEach.length > 0) {
        const item = resourceVar(own.id)!;
        return [{ entry: { name: 'each', kind: 'each', type: item.entry.type.replace(/^list<(.*)>$/, '$1'), description: `One item of the "${own.id}" collection.` }, ...(item.kindSchema ? { schema: item.kindSchema } : {}) }];
      }
      return [resourceVar(own.id)!];
    }
    case 'template':
    case 'externalRef': {
      const iterators: Variable[] = (own?.forEach ?? []).map((f) => {
        const expr = f.expression.kind === 'scalar' && typeof f.expression.value === 'string' ? /^\$\{\s*([\w.]+)\s*\}$/.exec(f.expression.value)?.[1] : undefined;
        const list = expr ? resolveChain(expr.split('.'), [schemaVar, ...others], registry) : undefined;
        const items = list ? registry.resolve(list).items : undefined;
        return { entry: { name: f.name, kind: 'iterator', type: items ? schemaTypeName(items, (x) => registry.resolve(x)) : 'dyn', description: `forEach iterator of "${own?.id}".` }, ...(items ? { schema: items } : {}) };
      });
      return [schemaVar, ...others, ...iterators];
    }
    case 'condition':
      return [schemaVar, ...others, { entry: { name: 'runtime', kind: 'runtime', type: 'Runtime', description: 'kro runtime helpers: runtime.newCondition({...}) and runtime.condition(obj, type).' } }];
    default:
      return [schemaVar, ...others];
  }
}

/** Inverse of `offsetOf`: the index in the scalar's value whose source offset is the last one not after `offset`. */
function valueIndexAt(node: LocatedScalar, offset: number): number {
  const value = typeof node.value === 'string' ? node.value : '';
  let lo = 0;
  let hi = value.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (node.offsetOf(mid) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
