/**
 * Render benchmark: median milliseconds to render one instance of a generated 300-resource RGD (validation
 * included, and with a plan compiled once as the sandbox uses it), and of a forEach over 1,000 items.
 *
 * Run: npm run bench:render (or npx tsx bench/render.bench.ts).
 */
import { compileRenderPlan, createSchemaRegistry, renderInstance, renderWithPlan, validateSource } from '@kro-designer/core';
import { generateLargeRgd } from './generateLargeRgd.js';
import { measure } from './measureMedian.js';

const registry = createSchemaRegistry({}).value;


function check(label: string, valid: boolean, objects: number): void {
  if (!valid) {
    console.log(`${label}: the render is not valid; the benchmark input is broken`);
    process.exitCode = 1;
  }
  console.log(`${label}: ${objects} objects`);
}

console.log('# render: median ms per instance\n');

const large = generateLargeRgd(300, 2000);
const largeInstance = 'apiVersion: kro.run/v1alpha1\nkind: LargeApp\nmetadata:\n  name: bench\n  namespace: bench\nspec:\n  name: bench\n';
const largeValidation = validateSource(large, { registry }).rgds[0]!;
const largePlan = compileRenderPlan(largeValidation, registry);
const first = renderWithPlan(largePlan, largeInstance);
check('300-resource RGD', first.valid, first.resources.reduce((n, r) => n + r.objects.length, 0));
const expressions = (large.match(/\$\{/g) ?? []).length;
const validateMs = measure(() => validateSource(large, { registry }), 2000);
const fullMs = measure(() => renderInstance(large, registry, largeInstance), 2000);
const planMs = measure(() => renderWithPlan(largePlan, largeInstance), 1000);
console.log(`300 resources, ${expressions} expressions: validate + render ${fullMs.toFixed(2)} ms (validation alone ${validateMs.toFixed(2)} ms); render with a compiled plan ${planMs.toFixed(2)} ms`);

const items = Array.from({ length: 1000 }, (_, i) => `item-${i}`);
const forEachRgd = `apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: fanout.bench.kro.run
spec:
  schema:
    apiVersion: v1alpha1
    kind: Fanout
    spec:
      items: "[]string"
      image: string | default=nginx
  resources:
  - id: workers
    forEach:
    - worker: \${schema.spec.items}
    template:
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: \${schema.metadata.name}-\${worker}
        labels:
          item: \${worker}
      data:
        image: \${schema.spec.image}
        index: \${string(schema.spec.items.indexOf(worker))}
  - id: summary
    template:
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: \${schema.metadata.name}-summary
      data:
        count: \${string(size(workers))}
`;
const forEachInstance = `apiVersion: kro.run/v1alpha1\nkind: Fanout\nmetadata:\n  name: fan\n  namespace: bench\nspec:\n  items: [${items.join(', ')}]\n`;
const forEachPlan = compileRenderPlan(validateSource(forEachRgd, { registry }).rgds[0]!, registry);
const fanout = renderWithPlan(forEachPlan, forEachInstance);
check('forEach over 1,000 items', fanout.valid && fanout.resources[0]!.objects.length === 1000, fanout.resources[0]!.objects.length);
const forEachFull = measure(() => renderInstance(forEachRgd, registry, forEachInstance), 2000);
const forEachMs = measure(() => renderWithPlan(forEachPlan, forEachInstance), 1000);
console.log(`forEach over 1,000 items: validate + render ${forEachFull.toFixed(2)} ms; render with a compiled plan ${forEachMs.toFixed(2)} ms`);
