/** A marker as the form edits it: `raw` is its exact source text when it comes from the document unchanged. */
export interface FieldMarker {
  readonly key: string;
  readonly value: string;
  readonly raw?: string;
  /** Write the value quoted even when it needs no quotes (descriptions, string defaults: kro's usual style). */
  readonly quote?: boolean;
}

/** `key=value`, quoting the value (with kro's `\"` and `\\` escapes) when it holds white space, quotes or brackets. */
export function markerText(key: string, value: string, quote = false): string {
  if (!quote && value !== '' && !/[\s"\\{}[\]]/.test(value)) return `${key}=${value}`;
  return `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A SimpleSchema field string: `type | m1=v1 m2=v2`; unchanged markers keep their source text. */
export function fieldText(type: string, markers: readonly FieldMarker[]): string {
  const parts = markers.map((m) => m.raw ?? markerText(m.key, m.value, m.quote));
  return parts.length > 0 ? `${type.trim()} | ${parts.join(' ')}` : type.trim();
}

/** Markers with `key` set to `value` (in place when present, appended otherwise), or removed when `value` is undefined. */
export function withMarker(markers: readonly FieldMarker[], key: string, value: string | undefined): FieldMarker[] {
  const i = markers.findIndex((m) => m.key === key);
  if (value === undefined) return markers.filter((m) => m.key !== key);
  const next = { key, value };
  if (i < 0) return [...markers, next];
  return markers.map((m, j) => (j === i ? next : m));
}
