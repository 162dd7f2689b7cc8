import { fieldText, type FieldMarker } from '../../store/commands/fieldText';
import type { MarkerSummary, SchemaFieldSummary } from '../validation/protocol';

export const ATOMIC = ['string', 'integer', 'boolean', 'float'] as const;
export type Collection = 'single' | 'list' | 'map';

/** The markers the form edits with their own inputs; every other marker is kept as its source text. */
export const FORM_MARKERS = ['required', 'default', 'description', 'enum', 'minimum', 'maximum', 'pattern', 'minLength', 'maxLength', 'immutable'] as const;
export type FormMarker = (typeof FORM_MARKERS)[number];

/** What the field editor edits: a type split into collection + element, the form markers, and the rest verbatim. */
export interface FieldDraft {
  readonly name: string;
  readonly collection: Collection;
  /** `string`, `integer`, `boolean`, `float`, `object`, a custom type name, or any type text when `complex`. */
  readonly element: string;
  /** True when the type is not `T`, `[]T` or `map[string]T` with a simple T: then `element` holds the whole type. */
  readonly complex: boolean;
  readonly markers: Readonly<Record<FormMarker, string>>;
  /** Markers the form has no input for, as their source text (`minItems=1 validation="..."`). */
  readonly otherMarkers: string;
}

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function splitType(type: string): Pick<FieldDraft, 'collection' | 'element' | 'complex'> {
  const t = type.trim();
  const list = /^\[\]\s*(.+)$/.exec(t);
  if (list && SIMPLE.test(list[1]!.trim())) return { collection: 'list', element: list[1]!.trim(), complex: false };
  const map = /^map\[string\]\s*(.+)$/.exec(t);
  if (map && SIMPLE.test(map[1]!.trim())) return { collection: 'map', element: map[1]!.trim(), complex: false };
  if (SIMPLE.test(t)) return { collection: 'single', element: t, complex: false };
  return { collection: 'single', element: t, complex: true };
}

export function joinType(d: Pick<FieldDraft, 'collection' | 'element' | 'complex'>): string {
  const e = d.element.trim();
  if (d.complex) return e;
  return d.collection === 'list' ? `[]${e}` : d.collection === 'map' ? `map[string]${e}` : e;
}

const emptyMarkers = (): Record<FormMarker, string> => Object.fromEntries(FORM_MARKERS.map((k) => [k, ''])) as Record<FormMarker, string>;

/** Source text of the markers the form has no input for (unknown ones, and repeats of a form marker). */
function otherMarkersOf(markers: readonly MarkerSummary[]): string {
  const seen = new Set<string>();
  const other: string[] = [];
  for (const m of markers) {
    if ((FORM_MARKERS as readonly string[]).includes(m.key) && !seen.has(m.key)) seen.add(m.key);
    else other.push(m.raw);
  }
  return other.join(' ');
}

export function draftOf(field: SchemaFieldSummary | undefined): FieldDraft {
  if (!field) return { name: '', collection: 'single', element: 'string', complex: false, markers: emptyMarkers(), otherMarkers: '' };
  const markers = emptyMarkers();
  const seen = new Set<string>();
  for (const m of field.markers) {
    if ((FORM_MARKERS as readonly string[]).includes(m.key) && !seen.has(m.key)) {
      seen.add(m.key);
      markers[m.key as FormMarker] = m.value;
    }
  }
  return { name: field.path.at(-1) ?? '', ...splitType(field.type ?? field.raw?.split('|')[0] ?? 'string'), markers, otherMarkers: otherMarkersOf(field.markers) };
}

/**
 * The field string of a draft. Markers keep their order and, when their value did not change, their exact source
 * text; new markers are appended; cleared ones disappear. 
 */
export function fieldStringOf(draft: FieldDraft, original: readonly MarkerSummary[] = []): string {
  const wanted = (key: FormMarker): string | undefined => {
    const v = draft.markers[key].trim() === '' ? undefined : key === 'description' || key === 'default' || key === 'pattern' ? draft.markers[key] : draft.markers[key].trim();
    return v;
  };
  const quote = (key: string) => key === 'description' || (key === 'default' && joinType(draft) === 'string');
  const out: FieldMarker[] = [];
  const done = new Set<string>();
  const originalOther = otherMarkersOf(original);
  const otherChanged = draft.otherMarkers.trim() !== originalOther;
  for (const m of original) {
    if ((FORM_MARKERS as readonly string[]).includes(m.key) && !done.has(m.key)) {
      done.add(m.key);
      const v = wanted(m.key as FormMarker);
      if (v === undefined) continue;
      out.push(v === m.value ? { key: m.key, value: v, raw: m.raw } : { key: m.key, value: v, quote: quote(m.key) });
    } else if (!otherChanged) out.push({ key: m.key, value: m.value, raw: m.raw });
  }
  for (const key of FORM_MARKERS) {
    if (done.has(key)) continue;
    const v = wanted(key);
    if (v !== undefined) out.push({ key, value: v, quote: quote(key) });
  }
  if (otherChanged && draft.otherMarkers.trim() !== '') out.push({ key: '', value: '', raw: draft.otherMarkers.trim() });
  return fieldText(joinType(draft), out);
}
