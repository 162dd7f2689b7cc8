import { describe, expect, it } from 'vitest';
import { siteOf } from '../../../test/fixtures/celtypes/siteOf.js';
import { createSchemaRegistry } from '../../schemas/createSchemaRegistry.js';
import type { OpenApiSchema } from '../../schemas/OpenApiSchema.js';
import { checkExpressions, type CheckExpressionsInput } from './checkExpressions.js';
import type { TypedResource } from './createCheckScope.js';
import type { ExpressionSite } from './ExpressionSite.js';

const registry = createSchemaRegistry().value;
const kindSchema = (apiVersion: string, kind: string) => registry.lookup(apiVersion, kind)!.schema;
const objectMeta = kindSchema('v1', 'ConfigMap').properties!.metadata!;
const STRING: OpenApiSchema = { type: 'string' };
const specSchema: OpenApiSchema = {
  type: 'object',
  properties: { name: STRING, image: STRING, tier: STRING, replicas: { type: 'integer' }, labels: { type: 'object', additionalProperties: STRING } },
};

/** Median wall time of `runs` calls after `warmup` unmeasured ones (performance.now is fine in tests). */
function median(f: () => void, runs: number, warmup = 5): number {
  for (let i = 0; i < warmup; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** The shape of bench/generateLargeRgd: ConfigMaps, Services and Deployments wired to the schema and earlier resources. */
function largeGraph(resources: number): CheckExpressionsInput {
  const typed: TypedResource[] = [];
  const sites: ExpressionSite[] = [];
  const kinds = [['v1', 'ConfigMap'], ['v1', 'Service'], ['apps/v1', 'Deployment']] as const;
  for (let i = 0; i < resources; i++) {
    const id = `res${i}`;
    const dep = i > 0 ? `res${(i * 7919) % i}` : 'schema';
    const [apiVersion, kind] = kinds[i % 3]!;
    typed.push({ id, schema: kindSchema(apiVersion, kind), collection: false });
    const exprs = [
      `\${schema.spec.name}-${id}`,
      `\${${dep}.metadata.name + "-${id}"}`,
      `\${schema.spec.tier + "${id}"}`,
      `\${${dep}.metadata.?labels.orValue({}).size() > 0 ? "a" : "${id}"}`,
      `\${string(size(${dep}.metadata.annotations)) + "${id}"}`,
      `\${${dep}.metadata.namespace + "${id}"}`,
      `\${schema.spec.replicas > 1 ? schema.spec.image : "${id}"}`,
    ];
    if (dep !== 'schema' && Number(dep.slice(3)) % 3 === 2) {
      exprs.push(`\${${dep}.spec.template.spec.containers.map(c, c.image).join(",") + "${id}"}`);
      exprs.push(`\${${dep}.status.conditions.exists(c, c.type == "Available") ? "y" : "${id}"}`);
    }
    exprs.forEach((value, e) => sites.push(siteOf(value, { resourceId: id, path: `data.k${e}`, expectedSchema: STRING })));
  }
  return { sites, resources: typed, instance: { specSchema, scope: 'Namespaced', objectMeta }, resolve: registry.resolve };
}

describe('checkExpressions performance', () => {
  it('types a Deployment and checks 100 expressions against it', () => {
    const fields = ['metadata.name', 'metadata.namespace', 'spec.replicas', 'status.availableReplicas', 'spec.template.spec.containers[0].image'];
    const sites = Array.from({ length: 100 }, (_, i) =>
      siteOf(`\${string(web.${fields[i % fields.length]}) + "-${i}"}`, { resourceId: 'cm', path: `data.k${i}`, expectedSchema: STRING }),
    );
    const input: CheckExpressionsInput = {
      sites,
      resources: [
        { id: 'web', schema: kindSchema('apps/v1', 'Deployment'), collection: false },
        { id: 'cm', schema: kindSchema('v1', 'ConfigMap'), collection: false },
      ],
      instance: { specSchema, scope: 'Namespaced', objectMeta },
      resolve: registry.resolve,
    };
    expect(checkExpressions(input).diagnostics).toEqual([]);
    const ms = median(() => checkExpressions(input), 30);
    console.log(`checkExpressions: Deployment environment + 100 expressions: ${ms.toFixed(2)} ms median`);
    expect(ms).toBeLessThan(50);
  });

  it('checks a 300-resource graph with about 2,000 expressions well within the validate budget', () => {
    const input = largeGraph(300);
    const first = performance.now();
    const result = checkExpressions(input);
    const cold = performance.now() - first;
    expect(result.diagnostics).toEqual([]);
    const ms = median(() => checkExpressions(input), 21);
    console.log(`checkExpressions: 300 resources, ${input.sites.length} expressions: ${ms.toFixed(2)} ms median (first run ${cold.toFixed(1)} ms)`);
    expect(ms).toBeLessThan(100);
  });
});
