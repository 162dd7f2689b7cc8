import { createSchemaRegistry, validateSource } from '@kro-designer/core';
import { describe, expect, it } from 'vitest';
import { STARTERS } from '../starters/starters';
import { objectYaml } from '../preview/objectYaml';
import { EAGER_YAML } from './buildPreview';
import { renderPreview } from './renderPreview';
import { summarizeValidation } from './summarizeValidation';

const registry = createSchemaRegistry({}).value;

function preview(starter: string, instance: string) {
  const text = STARTERS.find((s) => s.id === starter)!.text;
  const v = validateSource(text, { registry });
  const summary = summarizeValidation(v, 1, 0).rgd!;
  return { summary, result: renderPreview({ rgd: v.rgds[0]!, summary, rgdText: text, version: 1, instanceText: instance, registry }) };
}

describe('renderPreview', () => {
  it('renders the web app starter with kro labels, excludes the ingress, and gives the instance schema to the form', () => {
    const { summary, result } = preview('webapp', 'apiVersion: kro.run/v1alpha1\nkind: WebApp\nmetadata:\n  name: shop\n  namespace: default\nspec:\n  replicas: 3\n');
    expect(summary.instanceApiVersion).toBe('kro.run/v1alpha1');
    expect(Object.keys(summary.specSchema?.properties ?? {})).toEqual(expect.arrayContaining(['image', 'replicas', 'ingress']));
    expect(result.resources.map((r) => [r.id, r.state])).toEqual([
      ['deployment', 'rendered'],
      ['service', 'rendered'],
      ['ingress', 'excluded'],
    ]);
    const deployment = result.resources[0]!;
    expect(deployment.kind).toBe('Deployment');
    expect(deployment.objects[0]).toMatchObject({ name: 'shop', namespace: 'default' });
    expect(deployment.objects[0]!.yaml).toContain('replicas: 3');
    expect(deployment.objects[0]!.yaml).toContain('kro.run/instance-name: shop');
    expect(result.resources[2]!.excludedBy).toEqual({ resourceId: 'ingress', expression: 'schema.spec.ingress.enabled' });
  });

  it('locates instance problems in the instance text, on their field path', () => {
    const { result } = preview('webapp', 'apiVersion: kro.run/v1alpha1\nkind: WebApp\nmetadata:\n  name: shop\nspec:\n  replicas: 0\n');
    const d = result.diagnostics.find((x) => x.document === 'instance');
    expect(d).toMatchObject({ path: 'spec.replicas', line: 6 });
    expect(result.valid).toBe(false);
  });

  it('counts forEach items and shows pending reads with what they wait for', () => {
    const each = preview('foreach', 'apiVersion: kro.run/v1alpha1\nkind: RegionalConfig\nmetadata:\n  name: rc\nspec:\n  regions: [a, b, c]\n').result;
    expect(each.resources.find((r) => r.id === 'regionConfigs')).toMatchObject({ cardinality: 3, forEach: ['region'] });
    const db = preview('app-database', 'apiVersion: kro.run/v1alpha1\nkind: AppWithDatabase\nmetadata:\n  name: a\nspec:\n  image: app:1\n').result;
    const app = db.resources.find((r) => r.id === 'app')!;
    expect(app.pending.map((p) => p.waitsFor)).toContain('database.status.readyReplicas');
  });

  it('stringifies the first objects of a large forEach in the worker and the rest on demand', () => {
    const regions = Array.from({ length: EAGER_YAML + 5 }, (_, i) => `r${i}`);
    const { result } = preview('foreach', `apiVersion: kro.run/v1alpha1\nkind: RegionalConfig\nmetadata:\n  name: rc\nspec:\n  regions: ${JSON.stringify(regions)}\n`);
    const objects = result.resources[0]!.objects;
    expect(objects).toHaveLength(EAGER_YAML + 5);
    expect(objects[EAGER_YAML - 1]!.yaml).toContain(`region: r${EAGER_YAML - 1}`);
    expect(objects[EAGER_YAML]!.yaml).toBeUndefined();
    expect(objectYaml(objects[EAGER_YAML + 4]!)).toContain(`name: rc-r${EAGER_YAML + 4}`);
  });

  it('marks a resource whose expression fails at render time as error, with the message', () => {
    const text = STARTERS.find((s) => s.id === 'foreach')!.text.replace('count: ${string(size(regionConfigs))}', 'count: ${string(int(schema.spec.logLevel))}');
    const v = validateSource(text, { registry });
    expect(v.valid).toBe(true);
    const summary = summarizeValidation(v, 1, 0).rgd!;
    const result = renderPreview({ rgd: v.rgds[0]!, summary, rgdText: text, version: 1, instanceText: 'apiVersion: kro.run/v1alpha1\nkind: RegionalConfig\nmetadata:\n  name: rc\n', registry });
    const summaryNode = result.resources.find((r) => r.id === 'summary')!;
    expect(summaryNode.state).toBe('error');
    expect(summaryNode.errors.join(' ')).toMatch(/info|int/);
  });
});

