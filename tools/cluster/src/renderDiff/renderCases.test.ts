import { describe, expect, it } from 'vitest';
import { renderCases, uniqueCase } from './renderCases.js';

describe('renderCases', () => {
  const { cases, skipped } = renderCases();

  it('pairs corpus RGDs with their instances and skips those with kinds the control plane lacks', () => {
    const names = cases.map((c) => c.name);
    expect(names).toContain('corpus:kubernetes/webapp/rg.yaml#test-app');
    expect(names).toContain('own:foreach-2d.yaml#grid');
    expect(skipped.find((s) => s.name.startsWith('corpus:aws/s3bucket/'))?.reason).toMatch(/not a built-in kind/);
    for (const c of cases) expect(c.instance.kind).toBe((c.rgd.spec as { schema: { kind: string } }).schema.kind);
  });

  it('adapts the core-dns example to the control plane’s service range, and nothing else in it', () => {
    const coreDns = cases.find((c) => c.name.startsWith('corpus:kubernetes/core-dns/'));
    expect(JSON.stringify(coreDns?.rgd)).not.toContain('10.100.123.45');
    expect(JSON.stringify(coreDns?.rgd)).toContain('10.0.0.10');
  });
});

describe('uniqueCase', () => {
  it('renames kind and RGD and moves the instance, leaving the originals untouched', () => {
    const c = renderCases().cases.find((x) => x.name === 'own:foreach-2d.yaml#grid')!;
    const u = uniqueCase(c, 'qzab', 'ns-1');
    expect((u.rgd.spec as { schema: { kind: string } }).schema.kind).toBe('RdMatrixQzab');
    expect((u.rgd.metadata as { name: string }).name).toBe('rd-rdmatrixqzab');
    expect(u.instance).toMatchObject({ kind: 'RdMatrixQzab', metadata: { name: 'grid', namespace: 'ns-1' } });
    expect((c.rgd.spec as { schema: { kind: string } }).schema.kind).toBe('RdMatrix');
  });
});
