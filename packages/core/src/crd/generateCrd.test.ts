import { describe, expect, it } from 'vitest';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { generateCrd, type CrdSchemaFields } from './generateCrd.js';

const spec: OpenApiSchema = { type: 'object', properties: { name: { type: 'string' } } };
const base: CrdSchemaFields = { kind: 'WebApplication', apiVersion: 'v1alpha1' };

const CONDITIONS = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      lastTransitionTime: { type: 'string' },
      message: { type: 'string' },
      observedGeneration: { type: 'integer' },
      reason: { type: 'string' },
      status: { type: 'string' },
      type: { type: 'string' },
    },
  },
};

describe('generateCrd', () => {
  it('builds kro v0.9.3 envelope for a minimal RGD', () => {
    expect(generateCrd(base, spec)).toEqual({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: {
        name: 'webapplications.kro.run',
        labels: {
          'kro.run/kro-version': 'v0.9.3',
          'kro.run/owned': 'true',
          'kro.run/resource-graph-definition-id': '',
          'kro.run/resource-graph-definition-name': '',
        },
      },
      spec: {
        group: 'kro.run',
        names: { plural: 'webapplications', singular: 'webapplication', kind: 'WebApplication', listKind: 'WebApplicationList' },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1alpha1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  apiVersion: { type: 'string' },
                  kind: { type: 'string' },
                  metadata: { type: 'object' },
                  spec,
                  status: { type: 'object', properties: { conditions: CONDITIONS, state: { type: 'string' } } },
                },
              },
            },
            subresources: { status: {} },
            additionalPrinterColumns: [
              { name: 'State', type: 'string', description: 'The state of a ResourceGraphDefinition instance', jsonPath: '.status.state' },
              {
                name: 'Ready',
                type: 'string',
                description: 'Whether a ResourceGraphDefinition instance is ready',
                jsonPath: '.status.conditions[?(@.type=="Ready")].status',
              },
              { name: 'Age', type: 'date', description: 'Age of the resource', jsonPath: '.metadata.creationTimestamp' },
            ],
          },
        ],
      },
    });
  });

  it('emits keys in the order of kro Go structs', () => {
    const crd = generateCrd(base, spec);
    expect(Object.keys(crd)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(crd.metadata)).toEqual(['name', 'labels']);
    expect(Object.keys(crd.spec)).toEqual(['group', 'names', 'scope', 'versions']);
    expect(Object.keys(crd.spec.names)).toEqual(['plural', 'singular', 'kind', 'listKind']);
    const version = crd.spec.versions[0]!;
    expect(Object.keys(version)).toEqual(['name', 'served', 'storage', 'schema', 'subresources', 'additionalPrinterColumns']);
    expect(Object.keys(version.additionalPrinterColumns[0]!)).toEqual(['name', 'type', 'description', 'jsonPath']);
    const root = version.schema.openAPIV3Schema;
    expect(Object.keys(root)).toEqual(['type', 'properties']);
    expect(Object.keys(root.properties!)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(Object.keys(root.properties!.status!.properties!)).toEqual(['conditions', 'state']);
  });

  it('has no top-level required list (kro sets an empty one, which Go omits) and keeps spec.required', () => {
    const root = generateCrd(base, { ...spec, required: ['name'] }).spec.versions[0]!.schema.openAPIV3Schema;
    expect(root).not.toHaveProperty('required');
    expect(root.properties!.spec!.required).toEqual(['name']);
  });

  it.each([
    ['Policy', 'policies'],
    ['Proxy', 'proxies'],
    ['Ingress', 'ingresses'],
    ['Status', 'statuses'],
    ['Index', 'indices'],
    ['Cactus', 'cacti'],
    ['Person', 'people'],
    ['Database', 'databases'],
    ['EC2CRDGroup', 'ec2crdgroups'],
  ])('pluralizes the lower-cased kind %s as %s', (kind, plural) => {
    const crd = generateCrd({ ...base, kind }, spec);
    expect(crd.spec.names).toEqual({ plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` });
    expect(crd.metadata.name).toBe(`${plural}.kro.run`);
  });

  it('uses the given group, and keeps an explicit empty group as kro would', () => {
    expect(generateCrd({ ...base, group: 'apps.example.com' }, spec).metadata.name).toBe('webapplications.apps.example.com');
    const empty = generateCrd({ ...base, group: '' }, spec);
    expect(empty.metadata.name).toBe('webapplications.');
    expect(empty.spec.group).toBe('');
  });

  it('is cluster-scoped only for exactly "Cluster"', () => {
    expect(generateCrd({ ...base, scope: 'Cluster' }, spec).spec.scope).toBe('Cluster');
    expect(generateCrd({ ...base, scope: 'Namespaced' }, spec).spec.scope).toBe('Namespaced');
    expect(generateCrd({ ...base, scope: 'cluster' }, spec).spec.scope).toBe('Namespaced');
  });

  it('uses the schema printer columns instead of the defaults, in Go field order without zero values', () => {
    const columns = generateCrd(
      {
        ...base,
        additionalPrinterColumns: [
          { jsonPath: '.spec.replicas', priority: 0, type: 'integer', name: 'Replicas', description: '' },
          { jsonPath: '.spec.image', priority: 1, type: 'string', name: 'Image', format: 'byte', description: 'the image' },
        ],
      },
      spec,
    ).spec.versions[0]!.additionalPrinterColumns;
    expect(columns).toEqual([
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
      { name: 'Image', type: 'string', format: 'byte', description: 'the image', priority: 1, jsonPath: '.spec.image' },
    ]);
    expect(Object.keys(columns[1]!)).toEqual(['name', 'type', 'format', 'description', 'priority', 'jsonPath']);
  });

  it('falls back to the default columns for an empty list', () => {
    const columns = generateCrd({ ...base, additionalPrinterColumns: [] }, spec).spec.versions[0]!.additionalPrinterColumns;
    expect(columns.map((c) => c.name)).toEqual(['State', 'Ready', 'Age']);
  });

  describe('labels and annotations', () => {
    it('stamps the RGD name and uid and the kro version', () => {
      const crd = generateCrd(base, spec, undefined, { rgdName: 'webapp.kro.run', rgdUid: '1f2e-33', kroVersion: 'v0.9.4' });
      expect(crd.metadata.labels).toEqual({
        'kro.run/kro-version': 'v0.9.4',
        'kro.run/owned': 'true',
        'kro.run/resource-graph-definition-id': '1f2e-33',
        'kro.run/resource-graph-definition-name': 'webapp.kro.run',
      });
    });

    it('makes a dirty build version label-safe as kro does', () => {
      expect(generateCrd(base, spec, undefined, { kroVersion: 'v0.9.3+dirty' }).metadata.labels?.['kro.run/kro-version']).toBe('v0.9.3-dirty');
    });

    it('merges schema.metadata labels under kro labels, sorted, and copies annotations', () => {
      const crd = generateCrd(
        {
          ...base,
          metadata: {
            labels: { team: 'web', 'kro.run/owned': 'false', app: 'shop' },
            annotations: { 'z.example.com/b': '2', 'a.example.com/a': '1' },
          },
        },
        spec,
        undefined,
        { rgdName: 'web' },
      );
      expect(Object.entries(crd.metadata.labels!)).toEqual([
        ['app', 'shop'],
        ['kro.run/kro-version', 'v0.9.3'],
        ['kro.run/owned', 'true'],
        ['kro.run/resource-graph-definition-id', ''],
        ['kro.run/resource-graph-definition-name', 'web'],
        ['team', 'web'],
      ]);
      expect(Object.entries(crd.metadata.annotations!)).toEqual([
        ['a.example.com/a', '1'],
        ['z.example.com/b', '2'],
      ]);
    });

    it('without controller labels gives the graph builder metadata (what kro generate crd starts from)', () => {
      expect(generateCrd(base, spec, undefined, { controllerLabels: false }).metadata).toEqual({ name: 'webapplications.kro.run' });
      const withSchemaLabels = generateCrd({ ...base, metadata: { labels: { a: 'b' } } }, spec, undefined, { controllerLabels: false });
      expect(withSchemaLabels.metadata).toEqual({ name: 'webapplications.kro.run', labels: { a: 'b' } });
    });
  });

  describe('status', () => {
    const statusOf = (status?: OpenApiSchema) => generateCrd(base, spec, status).spec.versions[0]!.schema.openAPIV3Schema.properties!.status!;

    it('adds state and conditions to an inferred status, sorted among its fields', () => {
      const status = statusOf({ type: 'object', properties: { url: { type: 'string' }, availableReplicas: { type: 'integer' } } });
      expect(Object.keys(status.properties!)).toEqual(['availableReplicas', 'conditions', 'state', 'url']);
      expect(status.properties!.conditions).toEqual(CONDITIONS);
    });

    it('keeps a user-defined state or conditions schema', () => {
      const status = statusOf({ type: 'object', properties: { state: { type: 'integer' }, conditions: { type: 'string' } } });
      expect(status.properties).toEqual({ conditions: { type: 'string' }, state: { type: 'integer' } });
    });
  });

  it('ignores shortNames and categories, which kro v0.9.3 does not have', () => {
    const crd = generateCrd({ ...base, shortNames: ['wa'], categories: ['all'] }, spec);
    expect(crd.spec.names).not.toHaveProperty('shortNames');
    expect(crd.spec.names).not.toHaveProperty('categories');
  });

  it('neither shares nor mutates its inputs', () => {
    const input: OpenApiSchema = { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' }, default: ['a'] } } };
    const status: OpenApiSchema = { type: 'object', properties: {} };
    const snapshot = JSON.stringify([input, status]);
    const crd = generateCrd(base, input, status);
    expect(JSON.stringify([input, status])).toBe(snapshot);
    const outSpec = crd.spec.versions[0]!.schema.openAPIV3Schema.properties!.spec!;
    (outSpec.properties!.tags!.default as string[]).push('b');
    expect(input.properties!.tags!.default).toEqual(['a']);
  });

  it('never throws on plain data that breaks the declared types', () => {
    const malformed = {
      ...base,
      additionalPrinterColumns: 'nope',
      metadata: { labels: { ok: 'yes', bad: 3 }, annotations: ['x'] },
    } as unknown as CrdSchemaFields;
    const crd = generateCrd(malformed, spec, undefined, { controllerLabels: false });
    expect(crd.metadata).toEqual({ name: 'webapplications.kro.run', labels: { ok: 'yes' } });
    expect(crd.spec.versions[0]!.additionalPrinterColumns.map((c) => c.name)).toEqual(['State', 'Ready', 'Age']);
    const oddColumns = { ...base, additionalPrinterColumns: [null, { name: 7, jsonPath: '.x' }] } as unknown as CrdSchemaFields;
    expect(generateCrd(oddColumns, spec).spec.versions[0]!.additionalPrinterColumns).toEqual([{ name: '', type: '', jsonPath: '.x' }]);
  });

  it('copes with a label named __proto__', () => {
    const labels = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
    const crd = generateCrd({ ...base, metadata: { labels } }, spec, undefined, { controllerLabels: false });
    expect(Object.keys(crd.metadata.labels!)).toEqual(['__proto__']);
    expect(crd.metadata.labels!.__proto__).toBe('x');
  });
});
