/**
 * The words CEL reserves. A property with one of these names is exposed as `__word__`; kro's type provider also
 * accepts the bare word as a field name (`x.namespace`), which matters because Kubernetes uses `namespace` everywhere.
 */
export const CEL_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let',
  'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);

const IDENTIFIER_CHAR = /^[A-Za-z0-9_]$/;

/**
 * The CEL field name of an OpenAPI property, as Kubernetes escapes it (apiserver `cel.Escape`): `__` becomes
 * `__underscores__`, `.` `__dot__`, `-` `__dash__`, `/` `__slash__`, and a reserved word `__word__`. Returns undefined
 * for a name CEL cannot expose (empty, starting with a digit, or holding any other character): such a property is
 * simply not a field of the CEL type.
 */
export function escapeFieldName(name: string): string | undefined {
  if (name === '' || (name[0]! >= '0' && name[0]! <= '9')) return undefined;
  if (CEL_RESERVED_WORDS.has(name)) return `__${name}__`;
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === '_' && name[i + 1] === '_') {
      // Pairs are consumed left to right, so `___` is one escaped pair and a plain underscore.
      out += '__underscores__';
      i++;
    } else if (c === '.') out += '__dot__';
    else if (c === '-') out += '__dash__';
    else if (c === '/') out += '__slash__';
    else if (IDENTIFIER_CHAR.test(c)) out += c;
    else return undefined;
  }
  return out;
}
