const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Appends a map key to a dotted field path (`spec.schema` + `kind` → `spec.schema.kind`). Keys that are not plain
 * identifiers use kro's fieldpath bracket form (`metadata.labels["app.kubernetes.io/name"]`).
 */
export function childPath(base: string, key: string): string {
  if (SIMPLE_KEY.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** Appends a sequence index (`spec.resources` + 0 → `spec.resources[0]`). */
export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}
