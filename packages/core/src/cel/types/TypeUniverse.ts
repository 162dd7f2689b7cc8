import { DYN_TYPE, celTypeOfDecl, type CelType } from './CelType.js';
import { LIST_ELEMENT_SEGMENT, MAP_VALUE_SEGMENT, stepDeclType, type DeclType } from './DeclType.js';

/** In cel-js type names, `@` is not allowed where operators are declared, so list/map segments get these stand-ins. */
export const CELJS_LIST_SEGMENT = '__idx__';
export const CELJS_MAP_SEGMENT = '__elem__';

/** Prefix of every type name derived from the instance schema; the same in cel-js and in kro. */
export const SCHEMA_TYPE_NAME = '__type_schema';

/** Prefix kro gives every type derived from a variable's schema. */
export const KRO_TYPE_PREFIX = '__type_';

/** Matches the cel-js names of types this universe owns, inside checker messages and type strings. */
export const CANONICAL_NAME_PATTERN = /(?:__kro\d+|__type_schema)(?:\.[A-Za-z0-9_]+)*/g;

/**
 * The object types of one check run. Types are registered with cel-js under canonical names shared by every resource
 * of a kind (`__kro3.spec.template` for all Deployments): cel-js declares each type with a cost that grows with the
 * number of types, so one set per kind keeps a 300-resource graph cheap. The names kro prints
 * (`__type_web.spec.template`) are derived per expression from the variables it references ({@link toKroName}).
 */
export interface TypeUniverse {
  /** The canonical root name for a kind's schema type (one per distinct declaration type). */
  kindRoot(decl: DeclType): string;
  /** Registers the instance type under {@link SCHEMA_TYPE_NAME}. */
  setSchemaRoot(decl: DeclType): void;
  /** The declaration type behind a canonical cel-js type name, or undefined. */
  resolveCanonical(name: string): DeclType | undefined;
  /** The cel-js type string of a declaration type reached under a canonical name. */
  celJsTypeOf(decl: DeclType, canonicalName: string): string;
  /**
   * Adds a display root: the kro name of a variable's type (`__type_<id>`) and its declaration type (a list for
   * collections). `compat` roots are the ones kro's type provider finds by name when comparing structs (objects only,
   * so collection roots are not).
   */
  addKroRoot(kroName: string, decl: DeclType, compat: boolean): void;
  /** The kro name for a canonical name, given the display names of canonical roots (missing roots keep theirs). */
  toKroName(canonicalName: string, display: ReadonlyMap<string, string>): string;
  /**
   * kro's `resolveDeclTypeFromPath`: the declaration type a kro type name designates, walking from the roots the
   * type provider knows. Used by the struct compatibility rules; undefined when the walk fails (kro then accepts).
   */
  resolveForCompat(kroName: string): ResolvedDecl | undefined;
  /** kro's `FindDeclType` for status inference: the declaration type of a kro type name from any root. */
  findDeclType(kroName: string): DeclType | undefined;
}

/**
 * What a name resolves to for the compatibility rules: a declaration type, or one of cel-go's scalar type names
 * (kro's provider falls back to them), which have no fields.
 */
export type ResolvedDecl = { readonly decl: DeclType } | { readonly scalar: string };

/** Scalar type names kro's provider resolves by name (`findScalar`). */
const SCALAR_NAMES = new Set(['bool', 'bytes', 'double', 'duration', 'int', 'null_type', 'string', 'timestamp', 'uint', 'list', 'map']);

export function createTypeUniverse(): TypeUniverse {
  const canonicalRoots = new Map<string, DeclType>();
  const rootByDecl = new Map<DeclType, string>();
  const kroRoots = new Map<string, { decl: DeclType; compat: boolean }>();

  function walk(root: DeclType | undefined, segments: readonly string[], from: number): DeclType | undefined {
    let t = root;
    for (let i = from; i < segments.length && t; i++) t = stepDeclType(t, segments[i]!);
    return t;
  }

  return {
    kindRoot(decl) {
      let name = rootByDecl.get(decl);
      if (name === undefined) {
        name = `__kro${rootByDecl.size}`;
        rootByDecl.set(decl, name);
        canonicalRoots.set(name, decl);
      }
      return name;
    },
    setSchemaRoot(decl) {
      canonicalRoots.set(SCHEMA_TYPE_NAME, decl);
    },
    resolveCanonical(name) {
      const segments = name.split('.').map(fromCelJsSegment);
      return walk(canonicalRoots.get(segments[0]!), segments, 1);
    },
    celJsTypeOf(decl, canonicalName) {
      return celJsTypeString(decl, canonicalName);
    },
    addKroRoot(kroName, decl, compat) {
      kroRoots.set(kroName, { decl, compat });
    },
    toKroName(canonicalName, display) {
      const dot = canonicalName.indexOf('.');
      const root = dot < 0 ? canonicalName : canonicalName.slice(0, dot);
      const rest = dot < 0 ? '' : canonicalName.slice(dot);
      const shown = display.get(root) ?? root;
      return shown + rest.split('.').map(fromCelJsSegment).join('.');
    },
    resolveForCompat(kroName) {
      const segments = kroName.split('.');
      const root = kroRoots.get(segments[0]!);
      if (!root || !root.compat) return SCALAR_NAMES.has(kroName) ? { scalar: kroName } : undefined;
      // kro strips `[i]` from segments; its names never carry them, but user-visible paths might.
      const decl = walk(root.decl, segments.map((s) => s.replace(/\[.*$/, '')), 1);
      return decl ? { decl } : undefined;
    },
    findDeclType(kroName) {
      const segments = kroName.split('.');
      return walk(kroRoots.get(segments[0]!)?.decl, segments, 1);
    },
  };
}

/** The cel-js spelling of one segment of a kro type name (`@idx` → `__idx__`). */
export function toCelJsSegment(segment: string): string {
  if (segment === LIST_ELEMENT_SEGMENT) return CELJS_LIST_SEGMENT;
  if (segment === MAP_VALUE_SEGMENT) return CELJS_MAP_SEGMENT;
  return segment;
}

function fromCelJsSegment(segment: string): string {
  if (segment === CELJS_LIST_SEGMENT) return LIST_ELEMENT_SEGMENT;
  if (segment === CELJS_MAP_SEGMENT) return MAP_VALUE_SEGMENT;
  return segment;
}

/** The cel-js spelling of a declaration type reached under `name`: `list<…>`, `map<string, …>`, object names. */
function celJsTypeString(decl: DeclType, name: string): string {
  switch (decl.kind) {
    case 'list':
      return `list<${celJsTypeString(decl.elem, `${name}.${CELJS_LIST_SEGMENT}`)}>`;
    case 'map':
      return `map<string, ${celJsTypeString(decl.value, `${name}.${CELJS_MAP_SEGMENT}`)}>`;
    case 'object':
      return name;
    case 'timestamp':
      return 'google.protobuf.Timestamp';
    case 'duration':
      return 'google.protobuf.Duration';
    default:
      return decl.kind;
  }
}

/** The CEL type of a variable declared with a declaration type under a kro name (or `dyn` when it has none). */
export function celTypeOfVariable(decl: DeclType | undefined, kroName: string): CelType {
  return decl ? celTypeOfDecl(decl, kroName) : DYN_TYPE;
}
