/**
 * Appends a field to a path the way kro does (pkg/graph/parser joinPathAndFieldName): `["key"]` only for keys that
 * are empty or contain a dot, `.key` otherwise. kro's error messages and status paths use this form.
 */
export function kroChildPath(path: string, field: string): string {
  if (field === '' || field.includes('.')) return `${path}["${field}"]`;
  return path === '' ? field : `${path}.${field}`;
}
