import type { CelBuiltinDoc, CelLibrary } from './CelFunctionDef.js';

/** Documentation-only entries for what cel-js itself provides and kro keeps unchanged (for completion and hover). */

const DUR = 'google.protobuf.Duration';

function doc(
  name: string,
  kind: CelBuiltinDoc['kind'],
  library: CelBuiltinDoc['library'],
  description: string,
  example: string,
  forms: CelBuiltinDoc['forms'],
): CelBuiltinDoc {
  return { name, kind, library, description, example, forms };
}

const durationGetters: CelBuiltinDoc[] = (['getHours', 'getMinutes', 'getSeconds', 'getMilliseconds'] as const).map((name) =>
  doc(name, 'method', 'standard', `The duration in whole ${name.slice(3).toLowerCase()}.`, `duration("90m").${name}()`, [{ receiver: DUR, params: [], returns: 'int' }]),
);

/** cel-js built-ins kro keeps. */
export const builtinDocs: CelLibrary = {
  functions: [],
  docs: [
    doc('size', 'function', 'standard', 'The length of a string (code points), bytes, list or map.', `size(schema.spec.name)`, [
      { params: [['value', 'string']], returns: 'int' },
      { params: [['value', 'bytes']], returns: 'int' },
      { params: [['value', 'list<T>']], returns: 'int' },
      { params: [['value', 'map<K, V>']], returns: 'int' },
      { receiver: 'string', params: [], returns: 'int' },
      { receiver: 'list<T>', params: [], returns: 'int' },
      { receiver: 'map<K, V>', params: [], returns: 'int' },
    ]),
    doc('contains', 'method', 'standard', 'Whether the string contains the substring.', `"hello".contains("ell") // true`, [{ receiver: 'string', params: [['substring', 'string']], returns: 'bool' }]),
    doc('startsWith', 'method', 'standard', 'Whether the string starts with the prefix.', `"hello".startsWith("he") // true`, [{ receiver: 'string', params: [['prefix', 'string']], returns: 'bool' }]),
    doc('endsWith', 'method', 'standard', 'Whether the string ends with the suffix.', `"hello".endsWith("lo") // true`, [{ receiver: 'string', params: [['suffix', 'string']], returns: 'bool' }]),
    doc('has', 'macro', 'standard', 'Whether a field is present: has(a.b.c).', `has(schema.spec.ingress)`, [{ params: [['field', 'select']], returns: 'bool' }]),
    doc('all', 'macro', 'standard', 'Whether the predicate holds for every element (map keys for maps).', `[1, 2].all(x, x > 0) // true`, [{ receiver: 'list<T>', params: [['var', 'ident'], ['predicate', 'bool']], returns: 'bool' }]),
    doc('exists', 'macro', 'standard', 'Whether the predicate holds for some element.', `[1, 2].exists(x, x > 1) // true`, [{ receiver: 'list<T>', params: [['var', 'ident'], ['predicate', 'bool']], returns: 'bool' }]),
    doc('exists_one', 'macro', 'standard', 'Whether the predicate holds for exactly one element.', `[1, 2].exists_one(x, x > 1) // true`, [{ receiver: 'list<T>', params: [['var', 'ident'], ['predicate', 'bool']], returns: 'bool' }]),
    doc('map', 'macro', 'standard', 'Transforms each element, optionally only those passing a filter.', `[1, 2].map(x, x * 2) // [2, 4]`, [
      { receiver: 'list<T>', params: [['var', 'ident'], ['transform', 'U']], returns: 'list<U>' },
      { receiver: 'list<T>', params: [['var', 'ident'], ['filter', 'bool'], ['transform', 'U']], returns: 'list<U>' },
    ]),
    doc('filter', 'macro', 'standard', 'The elements passing the predicate.', `[1, 2, 3].filter(x, x > 1) // [2, 3]`, [{ receiver: 'list<T>', params: [['var', 'ident'], ['predicate', 'bool']], returns: 'list<T>' }]),
    doc('cel.bind', 'macro', 'ext.bindings', 'Binds a name to a value inside an expression.', `cel.bind(n, schema.spec.name, n + "-" + n)`, [{ params: [['var', 'ident'], ['value', 'T'], ['expr', 'U']], returns: 'U' }]),
    doc('optional.of', 'function', 'optional', 'An optional holding the value.', `optional.of(1).value() // 1`, [{ params: [['value', 'T']], returns: 'optional<T>' }]),
    doc('optional.none', 'function', 'optional', 'An empty optional.', `optional.none().hasValue() // false`, [{ params: [], returns: 'optional<T>' }]),
    doc('hasValue', 'method', 'optional', 'Whether the optional holds a value.', `schema.spec.?replicas.hasValue()`, [{ receiver: 'optional<T>', params: [], returns: 'bool' }]),
    doc('value', 'method', 'optional', 'The optional\'s value; an error when empty.', `optional.of(1).value() // 1`, [{ receiver: 'optional<T>', params: [], returns: 'T' }]),
    doc('or', 'method', 'optional', 'This optional if it has a value, else the other.', `schema.spec.?a.or(schema.spec.?b)`, [{ receiver: 'optional<T>', params: [['other', 'optional<T>']], returns: 'optional<T>' }]),
    doc('orValue', 'method', 'optional', 'The optional\'s value, or the default.', `schema.spec.?replicas.orValue(1)`, [{ receiver: 'optional<T>', params: [['default', 'T']], returns: 'T' }]),
    doc('dyn', 'function', 'standard', 'The value typed as dyn (skips static type checks).', `dyn(schema.spec.port)`, [{ params: [['value', 'T']], returns: 'dyn' }]),
    doc('type', 'function', 'standard', 'The type of a value.', `type(1) == int // true`, [{ params: [['value', 'T']], returns: 'type' }]),
    doc('bytes', 'function', 'standard', 'The UTF-8 bytes of a string.', `bytes("abc")`, [{ params: [['value', 'string']], returns: 'bytes' }]),
    ...durationGetters,
  ],
};
