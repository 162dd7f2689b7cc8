import { describe, expect, it } from 'vitest';
import { createDiagnostic } from './createDiagnostic.js';
import { renderCodeFrame } from './renderCodeFrame.js';
import { sortDiagnostics } from './sortDiagnostics.js';
import { DIAGNOSTIC_CATALOG } from './codes.js';

describe('sortDiagnostics', () => {
  it('orders by position then severity and code, and removes exact duplicates', () => {
    const a = createDiagnostic('yaml/syntax', 'later', { start: 10, end: 12 }, '');
    const b = createDiagnostic('yaml/warning', 'same place, warning', { start: 2, end: 3 }, '');
    const c = createDiagnostic('yaml/syntax', 'same place, error', { start: 2, end: 3 }, '');
    expect(sortDiagnostics([a, b, c, a]).map((d) => d.message)).toEqual(['same place, error', 'same place, warning', 'later']);
  });
});

describe('renderCodeFrame', () => {
  it('shows file:line:col, the source line and carets under the span', () => {
    const text = 'spec:\n  schema:\n    spec:\n      replicas: number | default=3\n';
    const start = text.indexOf('number');
    const d = createDiagnostic('simpleschema/unknown-type', 'unknown type: number', { start, end: start + 6 }, 'spec.schema.spec.replicas');
    expect(renderCodeFrame(text, d, { fileName: 'rgd.yaml' })).toBe(
      [
        'error[simpleschema/unknown-type]: unknown type: number',
        '  --> rgd.yaml:4:17',
        '  |',
        '3 |     spec:',
        '4 |       replicas: number | default=3',
        '  |                 ^^^^^^',
      ].join('\n'),
    );
  });

  it('clips very long lines around the marker', () => {
    const text = 'x'.repeat(5000) + 'BAD' + 'y'.repeat(5000);
    const d = createDiagnostic('yaml/syntax', 'bad', { start: 5000, end: 5003 }, '');
    const frame = renderCodeFrame(text, d);
    expect(frame.split('\n').every((l) => l.length < 200)).toBe(true);
    const [line, carets] = frame.split('\n').slice(-2);
    expect(line!.slice(carets!.indexOf('^'), carets!.indexOf('^') + 3)).toBe('BAD');
  });
});

describe('catalog', () => {
  it('uses stable, namespaced codes', () => {
    for (const code of Object.keys(DIAGNOSTIC_CATALOG)) expect(code).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
  });
});
