import { describe, expect, it } from 'vitest';
import { DesignStore } from '../DesignStore';
import { rgdOf, webapp } from './testSupport';
import { templatePaths, wireField } from './wireField';

describe('wireField', () => {
  it('replaces a template value with the expression in place; the graph gains the edge; undo restores the text', () => {
    const text = webapp.replace('  - name: web\n                  image: ${schema.spec.image}', '  - name: web\n                  image: nginx # pinned');
    expect(text).not.toBe(webapp);
    const store = new DesignStore(text);
    const result = store.apply(wireField('deployment', 'spec.template.spec.containers.0.image', 'schema.spec.image'));
    expect(result.ok).toBe(true);
    expect(store.getState().text).toBe(text.replace('image: nginx # pinned', 'image: ${schema.spec.image} # pinned'));
    store.undo();
    expect(store.getState().text).toBe(text);
  });

  it('adds a missing key under its parent and the dependency edge appears', () => {
    const store = new DesignStore(webapp);
    expect(store.apply(wireField('service', 'metadata.labels', 'schema.spec.image')).ok).toBe(true);
    const out = store.apply(wireField('ingress', 'metadata.annotations', 'deployment.metadata.name'));
    expect(out.ok).toBe(true);
    const text = store.getState().text;
    expect(text).toContain('          name: ${service.metadata.name}\n          annotations: ${deployment.metadata.name}\n');
    const rgd = rgdOf(text);
    expect(rgd.graph.edges.some((e) => e.from === 'ingress' && e.to === 'deployment')).toBe(true);
  });

  it('lists template scalar paths and refuses unknown resources', () => {
    expect(templatePaths(webapp, 'deployment')).toContain('spec.replicas');
    expect(templatePaths(webapp, 'deployment')).toContain('spec.template.spec.containers.0.image');
    expect(wireField('nope', 'spec.x', 'schema.spec.image').run(webapp).ok).toBe(false);
  });
});
