import { describe, expect, it } from 'vitest';
import { generateMutants, OPERATORS, seededRandom, type MutationBase } from './mutate.js';

const base: MutationBase = {
  name: 'base.yaml',
  rgd: {
    apiVersion: 'kro.run/v1alpha1',
    kind: 'ResourceGraphDefinition',
    metadata: { name: 'app' },
    spec: {
      schema: { apiVersion: 'v1alpha1', kind: 'App', spec: { name: 'string', replicas: 'integer | default=1' } },
      resources: [
        { id: 'config', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${schema.spec.name}' }, data: { a: 'b' } } },
        { id: 'deploy', readyWhen: ['${deploy.status.readyReplicas > 0}'], template: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: '${config.metadata.name}' }, spec: { replicas: 1 } } },
      ],
    },
  },
};

describe('generateMutants', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateMutants([base], 60, 7);
    expect(generateMutants([base], 60, 7)).toEqual(a);
    expect(generateMutants([base], 60, 8).map((m) => m.text)).not.toEqual(a.map((m) => m.text));
  });

  it('uses every operator and leaves the base untouched', () => {
    const before = JSON.stringify(base.rgd);
    const ops = new Set(generateMutants([base], 200, 1).map((m) => m.operator));
    expect([...ops].sort()).toEqual([...OPERATORS].sort());
    expect(JSON.stringify(base.rgd)).toBe(before);
  });

  it('draws numbers in [0, 1)', () => {
    const r = seededRandom(1);
    for (let i = 0; i < 1000; i++) expect(r()).toBeGreaterThanOrEqual(0);
  });
});
