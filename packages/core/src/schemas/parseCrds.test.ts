import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { createSchemaRegistry } from './createSchemaRegistry.js';
import { parseCrds } from './parseCrds.js';

const corpus = process.env.KRO_CORPUS ?? join(import.meta.dirname, '../../../../../shared/corpus');
const kroCrdDir = join(corpus, 'kro-crds');
const ackCrdDir = join(corpus, 'kro-examples/aws/ack-controller/crds');

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** The CRDs that an RGD installs (its `CustomResourceDefinition` templates), as a multi-document YAML text. */
function crdTemplates(rgdText: string): string {
  const docs: string[] = [];
  for (const doc of parseAllDocuments(rgdText)) {
    const rgd = doc.toJS() as { spec?: { resources?: { template?: { kind?: string } }[] } };
    for (const r of rgd.spec?.resources ?? []) if (r.template?.kind === 'CustomResourceDefinition') docs.push(stringify(r.template));
  }
  return docs.join('---\n');
}

/** Offset of the first occurrence of `needle`. */
function offsetOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not found`);
  return at;
}

describe('kro CRDs from the corpus', () => {
  const files = readdirSync(kroCrdDir).map((f) => ({ path: `kro-crds/${f}`, text: read(join(kroCrdDir, f)) }));
  const result = createSchemaRegistry({ crds: files });

  it('loads without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.diagnosticsByFile.size).toBe(0);
  });

  it('registers ResourceGraphDefinition as cluster-scoped with its schema', () => {
    const rgd = result.value.lookup('kro.run/v1alpha1', 'ResourceGraphDefinition')!;
    expect(rgd).toMatchObject({ group: 'kro.run', version: 'v1alpha1', plural: 'resourcegraphdefinitions', namespaced: false });
    expect(rgd.source).toMatchObject({ origin: 'crd', path: 'kro-crds/kro.run_resourcegraphdefinitions.yaml', crdName: 'resourcegraphdefinitions.kro.run' });
    const template = result.value.resolvePath(rgd.schema, ['spec', 'resources', 0, 'template']);
    expect(template?.['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(result.value.resolvePath(rgd.schema, ['spec', 'resources', 0, 'template', 'anything', 'deep'])).toEqual({
      'x-kubernetes-preserve-unknown-fields': true,
    });
  });

  it('publishes metadata as ObjectMeta and apiVersion/kind as TypeMeta, like the API server', () => {
    const gr = result.value.lookup('internal.kro.run/v1alpha1', 'GraphRevision')!;
    expect(result.value.resolvePath(gr.schema, ['metadata', 'labels', 'x'])?.type).toBe('string');
    expect(result.value.resolvePath(gr.schema, ['metadata', 'creationTimestamp'])?.format).toBe('date-time');
    expect(result.value.resolvePath(gr.schema, ['apiVersion'])?.type).toBe('string');
    expect(gr.schema.properties?.metadata?.$ref).toBe('#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  });

  it('lists CRD kinds next to built-ins', () => {
    const kinds = result.value.kinds();
    expect(kinds.some((k) => k.kind === 'ResourceGraphDefinition')).toBe(true);
    expect(kinds.some((k) => k.kind === 'Deployment')).toBe(true);
  });
});

describe('ACK CRDs installed by the corpus RGDs', () => {
  const files = readdirSync(ackCrdDir).map((f) => ({ path: f, text: crdTemplates(read(join(ackCrdDir, f))) }));
  const result = createSchemaRegistry({ crds: files });

  it('registers every served version without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
    const ack = result.value.kinds().filter((k) => k.source.origin === 'crd');
    expect(ack.length).toBe(35);
    expect(ack.every((k) => k.namespaced)).toBe(true);
  });

  it('types the kinds the AWS examples use', () => {
    const bucket = result.value.lookup('s3.services.k8s.aws/v1alpha1', 'Bucket')!;
    expect(bucket.source).toMatchObject({ origin: 'crd', path: 's3-crd-group.yaml', crdName: 'buckets.s3.services.k8s.aws' });
    expect(result.value.resolvePath(bucket.schema, ['spec', 'name'])?.type).toBe('string');
    expect(result.value.resolvePath(bucket.schema, ['status', 'ackResourceMetadata', 'arn'])?.type).toBe('string');
    const vpc = result.value.lookup('ec2.services.k8s.aws/v1alpha1', 'VPC');
    expect(vpc?.plural).toBe('vpcs');
  });

  it('skips the RGD documents of the same files with an info diagnostic', () => {
    const text = read(join(ackCrdDir, 'sqs-crd-group.yaml'));
    const r = parseCrds(text);
    expect(r.value).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'schema/not-crd', severity: 'info', span: { start: 0 } });
    expect(r.diagnostics[0]!.message).toBe(
      'skipped the document: it is a kro.run/v1alpha1 ResourceGraphDefinition, not a CustomResourceDefinition',
    );
  });
});

const widget = (extra = '') => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size:
                  type: integer
                port:
                  x-kubernetes-int-or-string: true
                  anyOf: [{type: integer}, {type: string}]
                template:
                  type: object
                  x-kubernetes-embedded-resource: true
                  x-kubernetes-preserve-unknown-fields: true
    - name: v1beta1
      served: false
      storage: false
      schema:
        openAPIV3Schema:
          type: object
${extra}`;

describe('CRD texts', () => {
  it('registers served versions with scope, and overrides built-ins', () => {
    const override = widget().replace('group: example.com', 'group: apps').replace(/Widget/g, 'Deployment').replace('widgets', 'deployments');
    const r = createSchemaRegistry({ crds: [{ path: 'w.yaml', text: widget() }, { path: 'd.yaml', text: override }] });
    expect(r.diagnostics).toEqual([]);
    const w = r.value.lookup('example.com/v1', 'Widget')!;
    expect(w).toMatchObject({ apiVersion: 'example.com/v1', namespaced: true, plural: 'widgets' });
    expect(r.value.resolvePath(w.schema, ['spec', 'port'])?.['x-kubernetes-int-or-string']).toBe(true);
    expect(r.value.lookup('example.com/v1beta1', 'Widget')).toBeUndefined();
    expect(r.value.describeMissing('example.com/v1beta1', 'Widget')).toContain(
      'The CRD "widgets.example.com" in w.yaml declares version v1beta1 but does not serve it (served: false).',
    );
    expect(r.value.lookup('apps/v1', 'Deployment')?.source).toMatchObject({ origin: 'crd', path: 'd.yaml' });
    expect(r.value.lookup('apps/v1', 'StatefulSet')?.source.origin).toBe('kubernetes');
  });

  it('adds apiVersion, kind and metadata to embedded resources', () => {
    const r = createSchemaRegistry({ crds: [{ path: 'w.yaml', text: widget() }] }).value;
    const template = r.resolvePath(r.lookup('example.com/v1', 'Widget')!.schema, ['spec', 'template'])!;
    expect(Object.keys(template.properties ?? {})).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(template.required).toEqual(['kind', 'apiVersion']);
    expect(r.resolvePath(template, ['metadata', 'name'])?.type).toBe('string');
  });

  it('reads kind: List and CustomResourceDefinitionList', () => {
    const items = widget().replace(/^/gm, '    ').replace(/^ {4}apiVersion/, '  - apiVersion');
    for (const list of ['List', 'CustomResourceDefinitionList']) {
      const r = parseCrds(`apiVersion: v1\nkind: ${list}\nitems:\n${items}`);
      expect(r.diagnostics).toEqual([]);
      expect(r.value.map((v) => `${v.version}:${v.served}`)).toEqual(['v1:true', 'v1beta1:false']);
    }
  });

  it('reads JSON and multi-document files, skipping other objects with a located info', () => {
    const json = JSON.stringify(parseAllDocuments(widget())[0]!.toJS());
    expect(parseCrds(json).value).toHaveLength(2);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n${widget()}---\n- just\n- a list\n`;
    const r = parseCrds(text);
    expect(r.value).toHaveLength(2);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message, d.span.start])).toEqual([
      ['schema/not-crd', 'info', 'skipped the document: it is a v1 ConfigMap, not a CustomResourceDefinition', 0],
      ['schema/not-crd', 'info', 'skipped the document: it is a list, not a CustomResourceDefinition', offsetOf(text, '- just')],
    ]);
  });

  it('warns when two files define the same kind, and the later one wins', () => {
    const r = createSchemaRegistry({ crds: [{ path: 'a.yaml', text: widget() }, { path: 'b.yaml', text: widget() }] });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnosticsByFile.get('b.yaml')?.[0]).toMatchObject({
      code: 'schema/duplicate-kind',
      severity: 'warning',
      message: 'example.com/v1 Widget is also defined by a CRD in a.yaml; this definition (b.yaml) is used',
    });
    expect(r.value.lookup('example.com/v1', 'Widget')?.source).toMatchObject({ path: 'b.yaml' });
  });
});

describe('broken CRD texts', () => {
  it('reports YAML syntax errors at their position and keeps other files', () => {
    const bad = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec: [unclosed\n';
    const r = createSchemaRegistry({ crds: [{ path: 'bad.yaml', text: bad }, { path: 'w.yaml', text: widget() }] });
    expect(r.diagnosticsByFile.get('bad.yaml')?.[0]?.code).toBe('yaml/syntax');
    expect(r.diagnosticsByFile.has('w.yaml')).toBe(false);
    expect(r.value.lookup('example.com/v1', 'Widget')).toBeDefined();
  });

  it('reports every envelope problem at the offending node', () => {
    const text = widget().replace('group: example.com', 'group: 42').replace('scope: Namespaced', 'scope: Namespace').replace('    plural: widgets\n', '');
    const r = parseCrds(text);
    expect(r.value).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.path, d.span.start])).toEqual([
      ['schema/invalid-crd', 'spec.group must be a non-empty string, got 42', 'spec.group', offsetOf(text, '42')],
      ['schema/invalid-crd', 'spec.names.plural is missing', 'spec.names', offsetOf(text, 'kind: Widget')],
      ['schema/invalid-crd', 'spec.scope must be "Namespaced" or "Cluster", got "Namespace"', 'spec.scope', offsetOf(text, 'Namespace\n')],
    ]);
  });

  it('reports schema keyword problems inside a version and still registers it', () => {
    const text = widget()
      .replace('type: integer\n', 'type: int\n')
      .replace('                port:\n', '                ref:\n                  $ref: "#/x"\n                port:\n')
      .replace('properties:\n            spec:', 'required: spec\n          properties:\n            spec:');
    const r = parseCrds(text);
    expect(r.value.map((v) => v.version)).toEqual(['v1', 'v1beta1']);
    const root = 'spec.versions[0].schema.openAPIV3Schema';
    expect(r.diagnostics.map((d) => [d.message, d.path, d.span.start])).toEqual([
      [`${root}.required must be a list of strings, got "spec"`, `${root}.required`, offsetOf(text, 'spec\n          properties')],
      [
        `${root}.properties.spec.properties.size.type must be one of "object", "array", "string", "integer", "number", "boolean", got "int"`,
        `${root}.properties.spec.properties.size.type`,
        offsetOf(text, 'int\n'),
      ],
      [
        `${root}.properties.spec.properties.ref.$ref: $ref is not allowed in CRD schemas; inline the referenced schema`,
        `${root}.properties.spec.properties.ref.$ref`,
        offsetOf(text, '$ref'),
      ],
    ]);
  });

  it('rejects versions without schema, duplicate versions and v1beta1 CRDs', () => {
    const noSchema = widget().replace(/ {6}schema:\n {8}openAPIV3Schema:\n {10}type: object\n$/, '');
    const r1 = parseCrds(noSchema);
    expect(r1.value.map((v) => v.version)).toEqual(['v1']);
    expect(r1.diagnostics[0]).toMatchObject({ code: 'schema/invalid-crd', path: 'spec.versions[1]', span: { start: offsetOf(noSchema, 'name: v1beta1') } });

    const dup = widget().replace('name: v1beta1', 'name: v1');
    expect(parseCrds(dup).diagnostics[0]).toMatchObject({ message: 'version "v1" is listed more than once', span: { start: dup.lastIndexOf('name: v1') + 'name: '.length } });

    const old = widget().replace('apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1');
    const r3 = parseCrds(old);
    expect(r3.value).toEqual([]);
    expect(r3.diagnostics[0]?.message).toBe(
      'apiextensions.k8s.io/v1beta1 CustomResourceDefinitions are not served since Kubernetes 1.22; convert it to apiextensions.k8s.io/v1',
    );
  });

  it('reports a CRD without spec or versions at the document', () => {
    const r = parseCrds('apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x}\n');
    expect(r.diagnostics).toMatchObject([{ code: 'schema/invalid-crd', message: 'spec is missing', path: '', span: { start: 0 } }]);
    const r2 = parseCrds(widget().replace(/ {2}versions:[\s\S]*$/, '  versions: []\n'));
    expect(r2.diagnostics.map((d) => d.message)).toEqual(['spec.versions must list at least one version']);
  });

  it('accepts CRD files larger and deeper than RGDs, within limits', () => {
    const big = widget().replace('                size:\n', `                size:\n                  description: "${'x'.repeat(5_000_000)}"\n`);
    expect(parseCrds(big).diagnostics).toEqual([]);
    const nest = (depth: number) => `${'{properties: {a: '.repeat(depth)}{type: string}${'}}'.repeat(depth)}`;
    const minimal = (schema: string) =>
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  group: g.io\n  names: {kind: K, plural: ks}\n` +
      `  scope: Cluster\n  versions:\n    - name: v1\n      served: true\n      schema:\n        openAPIV3Schema: ${schema}\n`;
    const deep = parseCrds(minimal(nest(100)));
    expect(deep.diagnostics).toEqual([]);
    expect(deep.value).toHaveLength(1);
    expect(parseCrds(minimal(nest(200))).diagnostics.map((d) => d.code)).toContain('input/too-deep');
  });

  it('never throws on hostile input', () => {
    const inputs = [
      '\u0000\u0001binary',
      '['.repeat(10_000),
      'a: &a [*a, *a]\n',
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec: ${'{a: '.repeat(500)}1${'}'.repeat(500)}\n`,
      'apiVersion: apiextensions.k8s.io/v1\nkind: List\nitems: 3\n',
      '',
      '---\n---\n',
    ];
    for (const text of inputs) {
      const r = createSchemaRegistry({ crds: [{ path: 'x', text }] });
      expect(r.value.lookup('apps/v1', 'Deployment')).toBeDefined();
    }
  });
});
