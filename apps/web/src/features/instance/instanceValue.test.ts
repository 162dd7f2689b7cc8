import type { OpenApiSchema } from '@kro-designer/core';
import { describe, expect, it } from 'vitest';
import { collectFieldKeys, fieldShape, getAt, groupDiagnostics, requiredSample, setAt, specFieldKey } from './instanceValue';
import { instanceToYaml, parseInstanceYaml } from './instanceYaml';

const spec: OpenApiSchema = {
  type: 'object',
  required: ['image', 'tier'],
  properties: {
    image: { type: 'string' },
    replicas: { type: 'integer', default: 2, minimum: 1 },
    tier: { type: 'string', enum: ['web', 'batch'] },
    ingress: { type: 'object', properties: { enabled: { type: 'boolean', default: false } } },
    ports: { type: 'array', items: { type: 'object', required: ['number'], properties: { number: { type: 'integer', minimum: 1 } } } },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  },
};

describe('instance values', () => {
  it('picks an input shape per schema', () => {
    const p = spec.properties!;
    expect(['image', 'replicas', 'tier', 'ingress', 'ports', 'labels', 'extra'].map((k) => fieldShape(p[k]!))).toEqual(['string', 'integer', 'enum', 'object', 'array', 'map', 'any']);
  });

  it('fills required fields with samples and leaves defaulted ones to defaulting', () => {
    expect(requiredSample(spec)).toEqual({ image: 'nginx:1.27', tier: 'web' });
  });

  it('sets and removes nested values without touching the input', () => {
    const before = { image: 'a', ports: [{ number: 80 }] };
    const after = setAt(before, ['ports', 1, 'number'], 443);
    expect(after).toEqual({ image: 'a', ports: [{ number: 80 }, { number: 443 }] });
    expect(before.ports).toHaveLength(1);
    expect(setAt(after, ['ports', 0], undefined)).toEqual({ image: 'a', ports: [{ number: 443 }] });
    expect(setAt(before, ['image'], undefined)).toEqual({ ports: [{ number: 80 }] });
    expect(getAt(after, ['ports', 1, 'number'])).toBe(443);
  });

  it('places diagnostics on the field their path names, the rest outside', () => {
    const value = { image: 'a', ports: [{ number: 0 }], labels: { env: 'x' } };
    const keys = collectFieldKeys(spec, value);
    expect([...keys]).toContain('ports.0.number');
    expect([...keys]).toContain('labels.env');
    expect(specFieldKey('spec.ports[0].number')).toBe('ports.0.number');
    expect(specFieldKey('metadata.name')).toBeUndefined();
    const { byField, outside } = groupDiagnostics(
      [
        { path: 'spec.ports[0].number', message: 'should be >= 1', severity: 'error' },
        { path: 'spec.tier', message: 'Unsupported value', severity: 'error' },
        { path: 'spec.unknown', message: 'unknown field', severity: 'error' },
        { path: 'metadata.name', message: 'required', severity: 'error' },
      ],
      keys,
    );
    expect([...byField.keys()]).toEqual(['ports.0.number', 'tier']);
    expect(outside.map((d) => d.path)).toEqual(['spec.unknown', 'metadata.name']);
  });
});

describe('instance YAML', () => {
  it('round-trips the document and reports where a text stops parsing', () => {
    const text = instanceToYaml({ apiVersion: 'kro.run/v1alpha1', kind: 'WebApp', metadata: { name: 'demo', namespace: 'default' }, spec: { replicas: 3 } });
    expect(text).toBe('apiVersion: kro.run/v1alpha1\nkind: WebApp\nmetadata:\n  name: demo\n  namespace: default\nspec:\n  replicas: 3\n');
    expect(parseInstanceYaml(text)).toEqual({ ok: true, spec: { replicas: 3 }, metadata: { name: 'demo', namespace: 'default' } });
    const bad = parseInstanceYaml('spec:\n  replicas: [1\n');
    expect(bad.ok).toBe(false);
    expect(parseInstanceYaml('spec: 3\n')).toEqual({ ok: false, message: 'spec must be a mapping of the instance fields.' });
  });
});
