import { parseField } from '@kro-designer/core';
import { describe, expect, it } from 'vitest';
import type { MarkerSummary, SchemaFieldSummary } from '../validation/protocol';
import { draftOf, fieldStringOf, joinType, splitType } from './fieldModel';

/** What the worker reports for a field string (the same reading as summarizeValidation). */
function summary(raw: string): SchemaFieldSummary {
  const p = parseField(raw);
  const markers: MarkerSummary[] = p.markers.map((m) => ({ key: m.key, value: m.value, raw: raw.slice(m.keyStart, m.rawEnd), known: m.known }));
  return { path: ['f'], shape: 'field', raw, type: raw.slice(0, p.pipe < 0 ? raw.length : p.pipe).trim(), markers };
}

describe('field model', () => {
  it('splits and joins types', () => {
    expect(splitType('[]Port')).toEqual({ collection: 'list', element: 'Port', complex: false });
    expect(splitType('map[string]integer')).toEqual({ collection: 'map', element: 'integer', complex: false });
    expect(splitType('[]map[string]string')).toEqual({ collection: 'single', element: '[]map[string]string', complex: true });
    expect(joinType({ collection: 'map', element: 'boolean', complex: false })).toBe('map[string]boolean');
  });

  it('an unchanged draft writes the field string back byte for byte, unknown markers included', () => {
    for (const raw of ['string | required=true default="nginx:1.27"', 'integer | minimum=1   maximum=5', '[]string | minItems=1 uniqueItems=true description="a \\"b\\""']) {
      const f = summary(raw);
      expect(fieldStringOf(draftOf(f), f.markers)).toBe(raw.replace(/ {2,}/g, ' '));
    }
  });

  it('edits markers in place and appends new ones; the core reads back the intended values', () => {
    const f = summary('string | default="web" minItems=1');
    const d = draftOf(f);
    const out = fieldStringOf({ ...d, markers: { ...d.markers, default: 'my app', required: 'true', pattern: '^[a-z ]+$' } }, f.markers);
    expect(out).toBe('string | default="my app" minItems=1 required=true pattern="^[a-z ]+$"');
    const back = parseField(out);
    expect(back.errors).toEqual([]);
    expect(back.markers.map((m) => [m.key, m.value])).toEqual([
      ['default', 'my app'],
      ['minItems', '1'],
      ['required', 'true'],
      ['pattern', '^[a-z ]+$'],
    ]);
    const cleared = fieldStringOf({ ...d, markers: { ...d.markers, default: '' } }, f.markers);
    expect(cleared).toBe('string | minItems=1');
  });
});
