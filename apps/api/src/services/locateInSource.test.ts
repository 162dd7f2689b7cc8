import { createSchemaRegistry, LineIndex, validateSource } from '@kro-designer/core';
import { describe, expect, it } from 'vitest';
import { ClusterError } from '../ports/ClusterGateway.js';
import { fieldPathSegments, locateClusterError, locateKroMessage } from './locateInSource.js';
import { parseObjectText } from './parseObjectText.js';

const yaml = `apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: demo
spec:
  schema:
    apiVersion: v1alpha1
    kind: Demo
    spec:
      name: string
  resources:
    - id: config
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \${schema.spec.name}
        data:
          a: \${schema.spec.nope}
          b: \${config.metadata.name}-x
`;
const model = validateSource(yaml, { registry: createSchemaRegistry({}).value }).rgds[0]!.model;
const lines = new LineIndex(yaml);
const text = (s: { start: number; end: number }) => yaml.slice(s.start, s.end);

describe('fieldPathSegments', () => {
  it('reads dotted, indexed and bracketed paths', () => {
    expect(fieldPathSegments('.spec.resources[0].template')).toEqual(['spec', 'resources', 0, 'template']);
    expect(fieldPathSegments('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  });
});

describe('locateKroMessage', () => {
  it('finds the expression kro quotes, on the resource it names', () => {
    const d = locateKroMessage('failed to validate resource "config": failed to compile template expression "schema.spec.nope" at path "data.a": ERROR: undefined field \'nope\'', model, lines);
    expect(text(d.span)).toBe('schema.spec.nope');
    expect(d).toMatchObject({ code: 'cluster/kro-rejected', resourceId: 'config', severity: 'error' });
    expect(d.range.start.line).toBe(19);
  });

  it('falls back to the template path, then to the unknown identifier, then to the resource id', () => {
    expect(text(locateKroMessage('failed to build resource "config": something at path "metadata.name"', model, lines).span)).toBe('${schema.spec.name}');
    expect(text(locateKroMessage('failed to build dependency graph: references unknown identifiers: [config]', model, lines).span)).toBe('${config.metadata.name}');
    expect(text(locateKroMessage('failed to build resource "config": resource config is not a valid Kubernetes object', model, lines).span)).toBe('config');
  });

  it('puts schema and breaking-change messages on spec.schema', () => {
    const d = locateKroMessage('cannot update CRD demos.kro.run: breaking changes detected: Property name was removed', model, lines);
    expect(d.path).toBe('spec.schema.spec');
    expect(text(d.span)).toContain('name: string');
  });
});

describe('locateClusterError', () => {
  it('places each cause at the deepest node of its field path', () => {
    const { root, lines: l } = parseObjectText(yaml, 'RGD');
    const err = new ClusterError('invalid', 422, 'Invalid', [{ field: 'spec.resources[0].template.data.a', message: 'bad' }, { field: 'spec.resources[0].missing', message: 'Required value' }]);
    const [a, b] = locateClusterError(err, root, l, model);
    expect(text(a!.span)).toBe('${schema.spec.nope}');
    expect(a).toMatchObject({ path: 'spec.resources[0].template.data.a', resourceId: 'config', message: 'spec.resources[0].template.data.a: bad' });
    expect(b!.path).toBe('spec.resources[0]');
  });

  it('puts a cause-less rejection on the first line', () => {
    const { root, lines: l } = parseObjectText(yaml, 'RGD');
    const [d] = locateClusterError(new ClusterError('forbidden thing', 422, 'Invalid'), root, l);
    expect(text(d!.span)).toBe('apiVersion: kro.run/v1alpha1');
  });
});
