import { createSchemaRegistry } from '@kro-designer/core';
import { describe, expect, it } from 'vitest';
import { wireFields } from './wireFields';

const registry = createSchemaRegistry({}).value;

describe('wireFields', () => {
  it('lists scalar status and spec fields of a kind, status first, nested one level', () => {
    const deployment = registry.lookup('apps/v1', 'Deployment')!;
    const fields = wireFields(registry, deployment.schema);
    expect(fields).toContain('status.availableReplicas');
    expect(fields).toContain('status.readyReplicas');
    expect(fields).toContain('spec.replicas');
    expect(fields).toContain('spec.strategy.type');
    expect(fields.indexOf('status.availableReplicas')).toBeLessThan(fields.indexOf('spec.replicas'));
    // Objects and lists themselves are not offered (a wire writes one value).
    expect(fields).not.toContain('spec.template');
    expect(fields).not.toContain('status.conditions');
  });

  it('gives a kind without spec or status nothing', () => {
    expect(wireFields(registry, registry.lookup('v1', 'ConfigMap')!.schema)).toEqual([]);
  });
});
