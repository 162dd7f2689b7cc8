import { describe, expect, it } from 'vitest';
import { DesignStore } from '../DesignStore';
import { expressionRanges, rewriteInSource, rewriteReferences } from './renameReferences';
import { renameSchemaFieldEverywhere } from './schemaFields';
import { rgdOf } from './testSupport';

const design = `# head comment
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
      names: "[]string"
      ingress:
        host: string
    status:
      shown: \${schema.spec.name}
  resources:
    - id: config
      includeWhen:
        - \${schema.spec.name != ""}
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: "\${schema.spec.name}-cfg"   # the name ${'$'}{schema.spec.name} in a comment stays
        data:
          size: \${string(schema.spec.name.size())}
          literal: \${"schema.spec.name" + schema.spec.names[0]}
          host: \${schema.spec.ingress.host}
          both: \${schema.spec.name}/\${ schema . spec . name }
`;

describe('expressionRanges', () => {
  it('finds each ${...} body, past nested braces and braces in strings', () => {
    const s = 'a ${x + {"k": "}"}.k} b ${y}';
    expect(expressionRanges(s).map(([a, b]) => s.slice(a, b))).toEqual(['x + {"k": "}"}.k', 'y']);
  });
});

describe('rewriteInSource', () => {
  it('rewrites whole path prefixes outside string literals only', () => {
    expect(rewriteInSource('${schema.spec.name}-${schema.spec.names}', ['schema', 'spec', 'name'], ['schema', 'spec', 'title'])).toBe('${schema.spec.title}-${schema.spec.names}');
    expect(rewriteInSource('${"schema.spec.name" + x.schema.spec.name}', ['schema', 'spec', 'name'], ['schema', 'spec', 'title'])).toBe('${"schema.spec.name" + x.schema.spec.name}');
    expect(rewriteInSource('plain schema.spec.name', ['schema', 'spec', 'name'], ['schema', 'spec', 'title'])).toBe('plain schema.spec.name');
  });
});

describe('renameSchemaFieldEverywhere', () => {
  it('renames the field and every reference to it, keeping comments, quoting and unknown fields', () => {
    const r = renameSchemaFieldEverywhere('spec', ['name'], 'appName').run(design);
    if (!r.ok) throw new Error(r.message);
    const expected = design
      .replace('      name: string | required=true', '      appName: string | required=true')
      .replace('shown: ${schema.spec.name}', 'shown: ${schema.spec.appName}')
      .replace('${schema.spec.name != ""}', '${schema.spec.appName != ""}')
      .replace('"${schema.spec.name}-cfg"', '"${schema.spec.appName}-cfg"')
      .replace('${string(schema.spec.name.size())}', '${string(schema.spec.appName.size())}')
      .replace('${"schema.spec.name" + schema.spec.names[0]}', '${"schema.spec.name" + schema.spec.names[0]}')
      .replace('${schema.spec.name}/${ schema . spec . name }', '${schema.spec.appName}/${ schema.spec.appName }');
    expect(r.text).toBe(expected);
    // The comment mentioning the old reference is untouched.
    expect(r.text).toContain('# the name ${schema.spec.name} in a comment stays');
    const v = rgdOf(r.text);
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('rewrites nested fields by their full path', () => {
    const r = renameSchemaFieldEverywhere('spec', ['ingress', 'host'], 'hostname').run(design);
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toContain('        hostname: string');
    expect(r.text).toContain('host: ${schema.spec.ingress.hostname}');
    expect(rgdOf(r.text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('is one undo step that restores the exact text', () => {
    const store = new DesignStore(design);
    expect(store.apply(renameSchemaFieldEverywhere('spec', ['name'], 'appName')).ok).toBe(true);
    expect(store.getState().text).not.toBe(design);
    store.undo();
    expect(store.getState().text).toBe(design);
  });

  it('refuses a name that exists, changing nothing', () => {
    const r = renameSchemaFieldEverywhere('spec', ['name'], 'names').run(design);
    expect(r).toEqual({ ok: false, message: 'names already exists there' });
  });

  it('leaves text with a YAML syntax error alone with a message', () => {
    expect(rewriteReferences('a: [', ['schema'], ['x']).ok).toBe(false);
  });
});
