import { DYN_TYPE, listType, mapType, optionalType, primitiveType, type CelType } from './CelType.js';

/**
 * Types the Kubernetes CEL libraries declare as opaque (cel-go `OpaqueKind`): they are neither structs nor
 * primitives, which changes how kro's compatibility rules and status inference treat them.
 */
const OPAQUE_TYPE_NAMES: ReadonlySet<string> = new Set(['kubernetes.Quantity', 'kubernetes.URL', 'net.IP', 'net.CIDR', 'kubernetes.Semver']);

const NAMED: Readonly<Record<string, CelType>> = {
  bool: primitiveType('bool'),
  int: primitiveType('int'),
  uint: primitiveType('uint'),
  double: primitiveType('double'),
  string: primitiveType('string'),
  bytes: primitiveType('bytes'),
  null: primitiveType('null'),
  null_type: primitiveType('null'),
  dyn: DYN_TYPE,
  type: primitiveType('type'),
  'google.protobuf.Timestamp': primitiveType('timestamp'),
  'google.protobuf.Duration': primitiveType('duration'),
  list: listType(DYN_TYPE),
  map: mapType(DYN_TYPE, DYN_TYPE),
  optional: optionalType(DYN_TYPE),
};

/**
 * Reads a type as cel-js spells it (`list<string>`, `map<string, dyn>`, `optional<T>`, `__kro3.spec`) into a
 * {@link CelType}. Unbound type parameters (the `T` of `[]` or `optional.none()`) become `dyn`, as cel-go reports
 * them once checking is done. Message names go through `nameOf`, which turns canonical names into kro's.
 */
export function parseCelJsType(text: string, nameOf: (messageName: string) => CelType): CelType {
  const t = text.trim();
  const named = NAMED[t];
  if (named) return named;
  if (/^[A-Z]$/.test(t)) return DYN_TYPE;
  const open = t.indexOf('<');
  if (open > 0 && t.endsWith('>')) {
    const head = t.slice(0, open);
    const inner = t.slice(open + 1, -1);
    switch (head) {
      case 'list':
        return listType(parseCelJsType(inner, nameOf));
      case 'optional':
        return optionalType(parseCelJsType(inner, nameOf));
      case 'dyn':
        return DYN_TYPE;
      case 'map': {
        const [k, v] = splitTopLevel(inner);
        return mapType(parseCelJsType(k ?? 'dyn', nameOf), parseCelJsType(v ?? 'dyn', nameOf));
      }
    }
  }
  if (OPAQUE_TYPE_NAMES.has(t)) return { kind: 'opaque', name: t };
  return nameOf(t);
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}
