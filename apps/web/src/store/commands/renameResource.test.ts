import { describe, expect, it } from 'vitest';
import { DesignStore } from '../DesignStore';
import { renameResource } from './renameResource';
import { rgdOf, webapp } from './testSupport';

const design = `apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: demo
spec:
  schema:
    apiVersion: v1alpha1
    kind: Demo
    spec:
      name: string
    status:
      cfg: \${config.metadata.name}
  futureField: { keep: me }
  resources:
    # the config
    - id: config   # first
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \${schema.spec.name}
    - id: "second"
      readyWhen:
        - \${config.data != null}
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \${config.metadata.name}-\${configs.metadata.name}-x
        data:
          literal: \${"config.metadata.name"}
`;

describe('renameResource', () => {
  it('renames the id and every reference to it in place; the graph keeps its edges', () => {
    const r = renameResource('config', 'settings').run(design);
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toBe(
      design
        .replace('- id: config   # first', '- id: settings   # first')
        .replace('cfg: ${config.metadata.name}', 'cfg: ${settings.metadata.name}')
        .replace('${config.data != null}', '${settings.data != null}')
        .replace('name: ${config.metadata.name}-', 'name: ${settings.metadata.name}-'),
    );
    const v = rgdOf(r.text);
    expect(v.model.resources.map((x) => x.id)).toEqual(['settings', 'second']);
    expect(v.topologicalOrder).toEqual(['settings', 'second']);
  });

  it('keeps the quoting style of the id', () => {
    const r = renameResource('second', 'third').run(design);
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toContain('- id: "third"');
  });

  it('refuses invalid, reserved, taken and unknown ids', () => {
    expect(renameResource('config', 'My-Config').run(design)).toMatchObject({ ok: false, message: expect.stringContaining('lowerCamelCase') });
    expect(renameResource('config', 'schema').run(design)).toMatchObject({ ok: false, message: expect.stringContaining('reserved') });
    expect(renameResource('config', 'second').run(design)).toMatchObject({ ok: false, message: 'A resource with id second already exists' });
    expect(renameResource('nope', 'other').run(design)).toMatchObject({ ok: false, message: 'There is no resource with id nope' });
  });

  it('renames in the webapp starter without new errors, and undo restores the exact text in one step', () => {
    const before = rgdOf(webapp);
    const id = before.model.resources.at(0)!.id;
    const store = new DesignStore(webapp);
    expect(store.apply(renameResource(id, 'renamedOne')).ok).toBe(true);
    const after = rgdOf(store.getState().text);
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual(before.diagnostics.filter((d) => d.severity === 'error'));
    expect(after.topologicalOrder.length).toBe(before.topologicalOrder.length);
    store.undo();
    expect(store.getState().text).toBe(webapp);
  });
});
