import type { OpenApiSchema } from '../../schemas/OpenApiSchema.js';
import { createBaseEnvironment } from './createBaseEnvironment.js';
import { createTypedEnvironment, type EnvVariable, type TypedEnvironment } from './createTypedEnvironment.js';
import { DYN_TYPE, celTypeOfDecl, type CelType } from './CelType.js';
import { declTypeOf, type DeclType, type SchemaResolve } from './DeclType.js';
import type { ExpressionContext } from './ExpressionSite.js';
import { createTypeUniverse, celTypeOfVariable, toCelJsSegment, KRO_TYPE_PREFIX, SCHEMA_TYPE_NAME, type TypeUniverse } from './TypeUniverse.js';

/** A resource as the typed environment sees it. */
export interface TypedResource {
  readonly id: string;
  /** The schema of the resource's kind (`registry.lookup(...).schema`); absent when unknown (the variable is then `dyn`). */
  readonly schema?: OpenApiSchema;
  /** A forEach collection or a selector externalRef: the variable is a list of the kind. */
  readonly collection: boolean;
}

/** The instance, as the `schema` variable sees it. */
export interface InstanceTyping {
  /** The instance `spec` schema (SimpleSchema's `buildSpecSchema`); absent means an empty object. */
  readonly specSchema?: OpenApiSchema;
  readonly scope: 'Namespaced' | 'Cluster';
  /** The ObjectMeta schema (a `$ref` the resolver understands is fine), e.g. a built-in kind's `properties.metadata`. */
  readonly objectMeta: OpenApiSchema;
}

/** One iterator of a forEach resource with its element type (from its forEach expression). */
export interface TypedIterator {
  readonly name: string;
  readonly type: CelType;
  readonly celJsType: string;
  readonly display: ReadonlyMap<string, string>;
}

/** A variable visible in some context, with its type as kro names it. */
export interface ScopeVariable {
  readonly name: string;
  readonly type: CelType;
}

/** A field of an object type, with its type as kro names it. */
export interface ScopeField {
  /** The CEL field name (escaped: `__namespace__`, `foo__dash__bar`). */
  readonly name: string;
  /** The JSON property name. */
  readonly property: string;
  readonly type: CelType;
}

/** The typed environments of one RGD. */
export interface CheckScope {
  readonly universe: TypeUniverse;
  /** The environment for an expression in `context` of `resourceId` (iterators: the resource's typed iterators). */
  environmentFor(context: ExpressionContext, resourceId: string | undefined, iterators: readonly TypedIterator[]): TypedEnvironment;
  /**
   * The variables an expression in `context` may reference, by kro's visibility rules (kro-spec §3.3): `schema` and
   * every resource id, plus the resource's iterators in its templates; in readyWhen only the resource itself (`each`
   * for a collection). `runtime` (status conditions) is the function library's and not listed.
   */
  visibleVariables(context: ExpressionContext, resourceId: string | undefined, iterators: readonly TypedIterator[]): readonly ScopeVariable[];
  /** The declared fields of an object type (none for other types); `each` types need the collection's id. */
  fieldsOf(type: CelType, resourceId?: string): readonly ScopeField[];
  /** Whether `resourceId` is a collection. */
  isCollection(resourceId: string | undefined): boolean;
}

/** kro's name for the type of `each`. */
const EACH_TYPE_NAME = `${KRO_TYPE_PREFIX}each`;

const namespaceless = new WeakMap<OpenApiSchema, OpenApiSchema>();

/** ObjectMeta without `namespace` (cluster-scoped instances have none), memoised so its type is built once. */
function withoutNamespace(objectMeta: OpenApiSchema, resolve: SchemaResolve): OpenApiSchema {
  let out = namespaceless.get(objectMeta);
  if (!out) {
    const resolved = resolve(objectMeta);
    const { namespace: _dropped, ...properties } = resolved.properties ?? {};
    out = { ...resolved, properties };
    if (resolved.required) out.required = resolved.required.filter((r) => r !== 'namespace');
    namespaceless.set(objectMeta, out);
  }
  return out;
}

/** kro's `schema` variable: the generated CRD's schema without status, with full ObjectMeta. */
function instanceSchema(instance: InstanceTyping, resolve: SchemaResolve): OpenApiSchema {
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: instance.scope === 'Cluster' ? withoutNamespace(instance.objectMeta, resolve) : instance.objectMeta,
      spec: instance.specSchema ?? { type: 'object' },
    },
  };
}

/**
 * Builds the variables of kro's typed environment (kro-spec §3.3) and hands out one cel-js environment per
 * visibility set, created on first use: the shared one (`schema` and every resource id: templates, forEach,
 * includeWhen, status; readyWhen of single resources), one per set of forEach iterators, one per collection kind
 * for `each`, and one with `runtime` for status conditions. Which identifiers a context may reference is the
 * reference check's business (kro's inspector); like kro's typed environment, these declare more than a context may
 * use, except where a variable only exists in one context (`each`, iterators, `runtime`). `openFieldNames`: every
 * field name the expressions select (see {@link selectedFieldNames}).
 */
export function createCheckScope(
  resources: readonly TypedResource[],
  instance: InstanceTyping,
  resolve: SchemaResolve,
  openFieldNames: ReadonlySet<string> = new Set(),
): CheckScope {
  const universe = createTypeUniverse();
  const collections = new Set(resources.filter((r) => r.collection).map((r) => r.id));
  const kindOf = new Map<string, { decl: DeclType; canonical: string }>();
  const fallbackDisplay = new Map<string, string>();
  const shared: EnvVariable[] = [];

  const schemaDecl = declTypeOf(instanceSchema(instance, resolve), resolve);
  if (schemaDecl) {
    universe.setSchemaRoot(schemaDecl);
    universe.addKroRoot(SCHEMA_TYPE_NAME, schemaDecl, true);
    shared.push({
      name: 'schema',
      celJsType: universe.celJsTypeOf(schemaDecl, SCHEMA_TYPE_NAME),
      type: celTypeOfDecl(schemaDecl, SCHEMA_TYPE_NAME),
      guide: { decl: schemaDecl, canonicalName: SCHEMA_TYPE_NAME },
      display: new Map(),
    });
  }

  const seen = new Set<string>(['schema']);
  for (const r of resources) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const decl = r.schema ? declTypeOf(r.schema, resolve) : undefined;
    const kroName = `${KRO_TYPE_PREFIX}${r.id}`;
    if (!decl) {
      shared.push({ name: r.id, celJsType: 'dyn', type: DYN_TYPE, display: new Map() });
      continue;
    }
    const canonical = universe.kindRoot(decl);
    kindOf.set(r.id, { decl, canonical });
    const rootDecl: DeclType = r.collection ? { kind: 'list', elem: decl } : decl;
    universe.addKroRoot(kroName, rootDecl, !r.collection);
    const shown = r.collection ? `${kroName}.@idx` : kroName;
    if (!fallbackDisplay.has(canonical)) fallbackDisplay.set(canonical, shown);
    shared.push({
      name: r.id,
      celJsType: r.collection ? `list<${universe.celJsTypeOf(decl, canonical)}>` : universe.celJsTypeOf(decl, canonical),
      type: celTypeOfVariable(rootDecl, kroName),
      guide: { decl, canonicalName: canonical },
      display: new Map([[canonical, shown]]),
    });
  }

  const environments = new Map<string, TypedEnvironment>();
  const environment = (key: string, runtime: boolean, variables: () => EnvVariable[]): TypedEnvironment => {
    let env = environments.get(key);
    if (!env) {
      env = createTypedEnvironment(createBaseEnvironment({ runtime }), universe, variables(), fallbackDisplay, openFieldNames);
      environments.set(key, env);
    }
    return env;
  };

  const eachVariable = (resourceId: string): EnvVariable => {
    const kind = kindOf.get(resourceId);
    if (!kind) return { name: 'each', celJsType: 'dyn', type: DYN_TYPE, display: new Map() };
    return {
      name: 'each',
      celJsType: universe.celJsTypeOf(kind.decl, kind.canonical),
      type: celTypeOfDecl(kind.decl, EACH_TYPE_NAME),
      guide: { decl: kind.decl, canonicalName: kind.canonical },
      display: new Map([[kind.canonical, EACH_TYPE_NAME]]),
    };
  };
  const withIterators = (iterators: readonly TypedIterator[]): EnvVariable[] => {
    const names = new Set(iterators.map((i) => i.name));
    return [
      ...shared.filter((v) => !names.has(v.name)),
      ...iterators.map((i) => ({ name: i.name, celJsType: i.celJsType, type: i.type, display: i.display, ...guideOf(i, universe) })),
    ];
  };
  const isCollection = (id: string | undefined) => id !== undefined && collections.has(id);
  const templateContext = (context: ExpressionContext) => context === 'template' || context === 'externalRef';

  return {
    universe,
    isCollection,
    environmentFor(context, resourceId, iterators) {
      if (context === 'condition') return environment('condition', true, () => shared);
      if (context === 'readyWhen' && resourceId !== undefined && isCollection(resourceId)) {
        const each = eachVariable(resourceId);
        return environment(`each:${each.celJsType}`, false, () => [each]);
      }
      if (templateContext(context) && iterators.length > 0) {
        return environment(`iterators:${iterators.map((i) => `${i.name}=${i.celJsType}`).join(';')}`, false, () => withIterators(iterators));
      }
      return environment('shared', false, () => shared);
    },
    visibleVariables(context, resourceId, iterators) {
      let variables: EnvVariable[];
      if (context === 'readyWhen') {
        if (resourceId === undefined) variables = [];
        else if (isCollection(resourceId)) variables = [eachVariable(resourceId)];
        else variables = shared.filter((v) => v.name === resourceId);
      } else if (templateContext(context)) variables = withIterators(iterators);
      else variables = shared;
      return variables.map((v) => ({ name: v.name, type: v.type }));
    },
    fieldsOf(type, resourceId) {
      if (type.kind !== 'object') return [];
      let decl: DeclType | undefined;
      if (type.name === EACH_TYPE_NAME || type.name.startsWith(`${EACH_TYPE_NAME}.`)) {
        const kind = resourceId === undefined ? undefined : kindOf.get(resourceId);
        const rest = type.name.slice(EACH_TYPE_NAME.length).split('.').map(toCelJsSegment).join('.');
        decl = kind && universe.resolveCanonical(kind.canonical + rest);
      } else {
        decl = universe.findDeclType(type.name);
      }
      if (decl?.kind !== 'object') return [];
      return [...decl.fields().values()].map((f) => ({ name: f.name, property: f.property, type: celTypeOfDecl(f.type, `${type.name}.${f.name}`) }));
    },
  };
}

/**
 * Every name an expression may select as a field (`.name`, `.?name`, `["name"]`): an over-approximation read from the
 * text, so objects that keep unknown fields can declare them all as `dyn`.
 */
export function selectedFieldNames(sources: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const source of sources) {
    for (const m of source.matchAll(/\.\??\s*([A-Za-z_][A-Za-z0-9_]*)|\[\??\s*["']([^"'\\]*)["']\s*\]/g)) names.add(m[1] ?? m[2]!);
  }
  return names;
}

/** An iterator of an object (or list/map of objects) type gets the guide of the type it came from. */
function guideOf(iterator: TypedIterator, universe: TypeUniverse): Pick<EnvVariable, 'guide'> {
  const name = /^[\w.]+$/.test(iterator.celJsType) ? iterator.celJsType : undefined;
  const decl = name === undefined ? undefined : universe.resolveCanonical(name);
  return decl && name ? { guide: { decl, canonicalName: name } } : {};
}
