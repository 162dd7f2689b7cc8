import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

const shot = (name: string) => new URL(`../../.reports/screenshots/${name}.png`, import.meta.url).pathname;

const DATABASE = `apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: database
spec:
  schema:
    apiVersion: v1beta1
    kind: Database
    group: data.example.com
    spec:
      name: string | required=true
      replicas: integer | required=true minimum=1
      size: integer | required=true default=1
      storage:
        class: string | required=true
  resources: []
`;

test('the palette offers kinds other stored designs define, grouped and searchable, with their required fields', async ({ page, request }) => {
  const created = await request.post('/api/designs', { data: { name: `database-${Date.now()}`, yaml: DATABASE } });
  expect(created.status(), await created.text()).toBe(201);
  // A stored design of the same kind as the webapp starter opened below: not offered to itself.
  const same = await request.post('/api/designs', { data: { name: `webapp-${Date.now()}`, yaml: DATABASE.replace('kind: Database', 'kind: WebApp') } });
  expect(same.status(), await same.text()).toBe(201);

  const designer = new DesignerPage(page);
  for (const theme of ['light', 'dark'] as const) {
    await designer.open({ theme });
    await page.getByTestId('add-resource').click();
    const group = page.getByTestId('palette-group-design');
    await expect(group).toBeVisible();
    await expect(group.getByTestId('palette-design-Database')).toBeVisible();
    await expect(page.getByTestId('palette-group-builtin')).toBeVisible();
    await page.screenshot({ path: shot(`palette-groups-${theme}`) });
    await page.keyboard.press('Escape');
  }

  await page.getByTestId('add-resource').click();
  await page.getByTestId('palette-filter').fill('datab');
  // Filtering narrows every group: only the stored design's kind is left.
  await expect(page.getByTestId('palette-group-builtin')).toHaveCount(0);
  await page.getByTestId('palette-design-Database').click();
  await expect(designer.node('database')).toBeVisible();
  const text = await designer.text();
  expect(text).toContain(
    [
      '    - id: database',
      '      template:',
      '        apiVersion: data.example.com/v1beta1',
      '        kind: Database',
      '        metadata:',
      '          name: ${schema.metadata.name}-database',
      '        spec:',
      '          name: change-me',
      '          replicas: 0',
      '          storage:',
      '            class: change-me',
    ].join('\n'),
  );
  // The open design's own kind is not offered to itself.
  await page.getByTestId('add-resource').click();
  await page.getByTestId('palette-filter').fill('WebApp');
  await expect(page.getByTestId('palette-design-WebApp')).toHaveCount(0);
});

test('the type checker knows the kinds the selected cluster has CRDs for', async ({ page, request }) => {
  // A kind that exists only as a CRD in the sandbox: kro generates it when this RGD is deployed there.
  const inventory = DATABASE.replace('name: database', 'name: inventory-crd').replace('kind: Database', 'kind: Inventory');
  const started = await request.post('/api/clusters/sandbox/deployments', { data: { yaml: inventory } });
  expect(started.status(), await started.text()).toBe(202);
  const { id } = (await started.json()) as { id: string };
  await expect
    .poll(async () => ((await (await request.get(`/api/clusters/sandbox/deployments/${id}`)).json()) as { state: string }).state, { timeout: 20_000 })
    .toBe('active');

  const designer = new DesignerPage(page);
  await designer.open();
  await designer.setText(`apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: uses-inventory
spec:
  schema:
    apiVersion: v1alpha1
    kind: Shop
    spec:
      name: string
  resources:
    - id: stock
      template:
        apiVersion: data.example.com/v1beta1
        kind: Inventory
        metadata:
          name: \${schema.spec.name}
        spec:
          name: \${schema.spec.name}
          replicas: "three"
          storage:
            class: fast
`);
  // With the sandbox selected (the default), its CRD types the template: the string in an integer field is the only
  // problem, not an unknown kind.
  await expect.poll(async () => (await designer.markers()).map((m) => m.message).join('\n'), { timeout: 15_000 }).toMatch(/replicas/);
  const messages = (await designer.markers()).map((m) => m.message);
  expect(messages.some((m) => /schema.*not found|unknown kind|no schema/i.test(m))).toBe(false);
});
