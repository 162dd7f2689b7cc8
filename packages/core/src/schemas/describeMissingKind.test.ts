import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from './createSchemaRegistry.js';
import { compareVersions, nameDistance } from './describeMissingKind.js';

const registry = createSchemaRegistry().value;
const k8s = registry.kubernetesVersion!;
const HINT = 'If it is a custom resource, supply its CustomResourceDefinition with --crd <file|dir>.';
const notFound = (kind: string, apiVersion: string) =>
  `schema not found for kind "${kind}" in apiVersion "${apiVersion}": it is not a Kubernetes ${k8s} built-in kind and no supplied CRD defines it.`;

describe('describeMissing', () => {
  it('suggests the kind for a near-typo (apps/v1 Deploymnet)', () => {
    expect(registry.describeMissing('apps/v1', 'Deploymnet')).toBe(`${notFound('Deploymnet', 'apps/v1')} Did you mean "Deployment"? ${HINT}`);
  });

  it('suggests the kind for a case slip and names its apiVersion when it differs', () => {
    expect(registry.describeMissing('v1', 'configmap')).toContain('Did you mean "ConfigMap"?');
    expect(registry.describeMissing('v1', 'Deployment')).toContain('Did you mean apiVersion "apps/v1"?');
    expect(registry.describeMissing('apps/v1', 'Servce')).toContain('Did you mean "Service" (apiVersion "v1")?');
  });

  it('suggests the apiVersion when the kind exists elsewhere, preferring the same group and GA', () => {
    expect(registry.describeMissing('autoscaling/v3', 'HorizontalPodAutoscaler')).toBe(
      `${notFound('HorizontalPodAutoscaler', 'autoscaling/v3')} Did you mean apiVersion "autoscaling/v2"? ` +
        `Kind "HorizontalPodAutoscaler" is known in autoscaling/v2, autoscaling/v1. ${HINT}`,
    );
    expect(registry.describeMissing('extensions/v1beta1', 'Ingress')).toContain('Did you mean apiVersion "networking.k8s.io/v1"?');
    expect(registry.describeMissing('resource.k8s.io/v1alpha1', 'ResourceClaim')).toContain(
      'Did you mean apiVersion "resource.k8s.io/v1"? Kind "ResourceClaim" is known in resource.k8s.io/v1, resource.k8s.io/v1beta2, resource.k8s.io/v1beta1.',
    );
  });

  it('names the kind and how to supply its CRD when nothing is close', () => {
    expect(registry.describeMissing('s3.services.k8s.aws/v1alpha1', 'Bucket')).toBe(`${notFound('Bucket', 's3.services.k8s.aws/v1alpha1')} ${HINT}`);
    expect(registry.describeMissing('example.com/v1', 'Widget', { supplyHint: 'add its CRD in the Schemas panel' })).toMatch(
      /If it is a custom resource, add its CRD in the Schemas panel\.$/,
    );
  });

  it('explains a malformed apiVersion', () => {
    expect(registry.describeMissing('apps/v1/extra', 'Deployment')).toBe(
      `schema not found for kind "Deployment": "apps/v1/extra" is not a valid apiVersion (expected "group/version", or "v1" for the core group). ${HINT}`,
    );
  });

  it('starts with kro\'s words', () => {
    for (const [a, k] of [['v1', 'Nope'], ['x/y/z', 'Q'], ['', '']]) expect(registry.describeMissing(a!, k!)).toMatch(/^schema not found/);
  });
});

describe('nameDistance', () => {
  it.each([
    ['Deployment', 'Deployment', 0],
    ['deployment', 'Deployment', 0.5],
    ['Deploymnet', 'Deployment', 1],
    ['Servce', 'Service', 1],
    ['Pod', 'Node', 2],
    ['ConfigMaps', 'ConfigMap', 1],
  ])('%s ~ %s = %d', (a, b, d) => {
    expect(nameDistance(a, b, 3)).toBe(d);
  });

  it('stops early above the limit', () => {
    expect(nameDistance('Deployment', 'PersistentVolumeClaim', 2)).toBe(3);
    expect(nameDistance('abcdef', 'uvwxyz', 1)).toBe(2);
  });
});

describe('compareVersions', () => {
  it('orders like Kubernetes version priority', () => {
    const versions = ['v1alpha1', 'v1beta1', 'v1', 'v2', 'v1beta2', 'v2alpha1', 'foo', 'v10'];
    expect([...versions].sort(compareVersions)).toEqual(['v10', 'v2', 'v1', 'v1beta2', 'v1beta1', 'v2alpha1', 'v1alpha1', 'foo']);
  });
});
