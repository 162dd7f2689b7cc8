import { parseField } from '@kro-designer/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DesignStore } from '../DesignStore';
import { fieldText, withMarker } from './fieldText';
import { removeSchemaField, renameSchemaField, setSchemaValue } from './schemaFields';
import { rgdOf } from './testSupport';

const commented = `# head comment
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: demo
  annotations: { x-unknown/keep: "yes" }
spec:
  schema:
    apiVersion: v1alpha1
    kind: Demo
    spec:
      # the app name
      name: string | required=true   # keep me
      image: "string | default=nginx"
      ingress:
        host: string
  resources:
    - id: config
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \${schema.spec.name}
        data:
          image: \${schema.spec.image}
`;

const specField = (text: string, ...path: string[]) => {
  let node = parse(text).spec.schema.spec;
  for (const k of path) node = node[k];
  return parseField(node as string);
};

const crdSpec = (text: string) => {
  const crd = rgdOf(text).crd as unknown as { spec: { versions: { schema: { openAPIV3Schema: { properties: { spec: { properties: Record<string, unknown> } } } } }[] } };
  return crd.spec.versions[0]!.schema.openAPIV3Schema.properties.spec.properties;
};

function run(cmd: ReturnType<typeof setSchemaValue>, text: string): string {
  const r = cmd.run(text);
  if (!r.ok) throw new Error(r.message);
  return r.text;
}

describe('setSchemaValue', () => {
  it('adds a field with a default after its last sibling; the core reads the intended schema; every other byte stays', () => {
    const out = run(setSchemaValue('spec', ['replicas'], fieldText('integer', [{ key: 'default', value: '3' }])), commented);
    expect(out).toContain('        host: string\n      replicas: integer | default=3\n  resources:\n');
    expect(out.replace('      replicas: integer | default=3\n', '')).toBe(commented);
    const f = specField(out, 'replicas');
    expect(f.errors).toEqual([]);
    expect(f.type).toMatchObject({ kind: 'atomic', name: 'integer' });
    expect(f.markers.map((m) => [m.key, m.value])).toEqual([['default', '3']]);
    expect(rgdOf(out).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(crdSpec(out).replicas).toMatchObject({ type: 'integer', default: 3 });
  });

  it('replaces an existing field string in place, keeping its quoting and the comments around it', () => {
    const markers = withMarker([{ key: 'required', value: 'true', raw: 'required=true' }], 'description', 'The app "name"');
    const out = run(setSchemaValue('spec', ['name'], fieldText('string', markers)), commented);
    expect(out).toContain('      # the app name\n      name: string | required=true description="The app \\"name\\""   # keep me\n');
    expect(specField(out, 'name').markers.map((m) => [m.key, m.value])).toEqual([
      ['required', 'true'],
      ['description', 'The app "name"'],
    ]);
    const quoted = run(setSchemaValue('spec', ['image'], 'string | default=redis'), commented);
    expect(quoted).toContain('      image: "string | default=redis"\n');
  });

  it('quotes a type YAML would read as a list, nests fields, and creates missing blocks (status, types)', () => {
    const list = run(setSchemaValue('spec', ['ports'], '[]integer | minItems=1'), commented);
    expect(list).toContain('      ports: "[]integer | minItems=1"\n');
    expect(specField(list, 'ports').type).toMatchObject({ kind: 'slice' });
    expect(crdSpec(list).ports).toMatchObject({ type: 'array', minItems: 1, items: { type: 'integer' } });

    const nested = run(setSchemaValue('spec', ['ingress', 'port'], 'integer | minimum=1 maximum=65535'), commented);
    expect(nested).toContain('        host: string\n        port: integer | minimum=1 maximum=65535\n');
    expect(crdSpec(nested).ingress).toMatchObject({ properties: { port: { minimum: 1, maximum: 65535 } } });

    const typed = run(setSchemaValue('types', ['Port', 'number'], 'integer | required=true'), commented);
    const withStatus = run(setSchemaValue('status', ['configName'], '${config.metadata.name}'), typed);
    expect(withStatus.startsWith('# head comment\n')).toBe(true);
    expect(withStatus).toContain('# the app name');
    expect(withStatus).toContain('# keep me');
    const schema = parse(withStatus).spec.schema;
    expect(schema.types).toEqual({ Port: { number: 'integer | required=true' } });
    expect(schema.status).toEqual({ configName: '${config.metadata.name}' });
    expect(withStatus).toContain('annotations: { x-unknown/keep: "yes" }');
    const usesType = run(setSchemaValue('spec', ['port'], 'Port'), withStatus);
    expect(rgdOf(usesType).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(crdSpec(usesType).port).toMatchObject({ type: 'object', properties: { number: { type: 'integer' } } });
  });

  it('refuses invalid names and broken YAML', () => {
    expect(setSchemaValue('spec', ['9lives'], 'string').run(commented).ok).toBe(false);
    expect(setSchemaValue('spec', ['a'], 'string').run('spec: [\n').ok).toBe(false);
  });
});

describe('removeSchemaField and renameSchemaField', () => {
  it('cuts exactly the entry lines (nested fields included)', () => {
    const out = run(removeSchemaField('spec', ['ingress']), commented);
    expect(out).toBe(commented.replace('      ingress:\n        host: string\n', ''));
  });

  it('renames only the key', () => {
    const out = run(renameSchemaField('spec', ['image'], 'containerImage'), commented);
    expect(out).toBe(commented.replace('      image: "string', '      containerImage: "string'));
    expect(renameSchemaField('spec', ['image'], 'name').run(commented).ok).toBe(false);
  });
});

describe('schema commands and undo', () => {
  it('undo restores the exact text after form edits', () => {
    const store = new DesignStore(commented);
    store.apply(setSchemaValue('spec', ['replicas'], 'integer | default=3'));
    store.apply(renameSchemaField('spec', ['replicas'], 'count'));
    store.apply(removeSchemaField('spec', ['ingress']));
    expect(store.getState().text).not.toBe(commented);
    store.undo();
    store.undo();
    store.undo();
    expect(store.getState().text).toBe(commented);
  });
});
