import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

test('adding a spec field with a default through the schema form writes SimpleSchema; undo restores the text', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open({ starter: 'blank' });
  const original = await designer.text();

  await page.getByTestId('tab-schema').click();
  await expect(page.getByTestId('schema-field-name')).toBeVisible();
  await page.getByTestId('schema-add').click();
  await page.getByTestId('field-name').fill('replicas');
  await page.getByTestId('field-type').selectOption('integer');
  await page.getByTestId('field-default').fill('3');
  await expect(page.getByTestId('field-preview')).toContainText('replicas: integer | default=3');
  await page.getByTestId('field-apply').click();

  await expect(page.getByTestId('schema-field-replicas')).toContainText('integer');
  await expect(page.getByTestId('schema-field-replicas')).toContainText('default=3');
  const added = await designer.text();
  expect(added).toBe(original.replace('      name: string | required=true\n', '      name: string | required=true\n      replicas: integer | default=3\n'));
  await expect(page.getByTestId('validity')).toHaveText('Valid');
  await expect(designer.problems).toHaveCount(0);

  // Edit it: minimum and a description, then required; one undo step per apply.
  await page.getByTestId('schema-field-replicas').getByRole('button').first().click();
  await page.getByTestId('field-minimum').fill('1');
  await page.getByTestId('field-description').fill('How many pods');
  await page.getByTestId('field-apply').click();
  await expect.poll(() => designer.text()).toContain('      replicas: integer | default=3 description="How many pods" minimum=1\n');
  await expect(page.getByTestId('validity')).toHaveText('Valid');

  // A list of a custom type: the type, then a field using it.
  await page.getByTestId('schema-section-types').click();
  await page.getByTestId('schema-add').click();
  await page.getByTestId('field-name').fill('Port.number');
  await page.getByTestId('field-type').selectOption('integer');
  await page.getByTestId('field-required').check();
  await page.getByTestId('field-apply').click();
  await expect(page.getByTestId('schema-field-Port.number')).toBeVisible();
  await page.getByTestId('schema-section-spec').click();
  await page.getByTestId('schema-add').click();
  await page.getByTestId('field-name').fill('ports');
  await page.getByTestId('field-collection').selectOption('list');
  await page.getByTestId('field-type').selectOption('Port');
  await page.getByTestId('field-apply').click();
  await expect.poll(() => designer.text()).toContain('      ports: "[]Port"\n');
  await expect.poll(() => designer.text()).toContain('    types:\n      Port:\n        number: integer | required=true\n');
  await expect(page.getByTestId('validity')).toHaveText('Valid');
  await expect(designer.problems).toHaveCount(0);

  // Status: an expression.
  await page.getByTestId('schema-section-status').click();
  await page.getByTestId('schema-add').click();
  await page.getByTestId('field-name').fill('ready');
  await page.getByTestId('field-expression').fill('${schema.spec.replicas > 0}');
  await page.getByTestId('field-apply').click();
  await expect.poll(() => designer.text()).toContain('    status:\n      ready: ${schema.spec.replicas > 0}\n');

  // Remove, then undo everything back to the exact original text.
  await page.getByTestId('schema-remove-ready').click();
  await expect(page.getByTestId('schema-none')).toBeVisible();
  for (let i = 0; i < 6; i++) await designer.undoButton.click();
  await expect(designer.undoButton).toBeDisabled();
  expect(await designer.text()).toBe(original);
});

for (const theme of ['light', 'dark'] as const) {
  test(`schema form screens in the ${theme} theme`, async ({ page }) => {
    const designer = new DesignerPage(page);
    await designer.open({ starter: 'webapp', theme });
    await page.getByTestId('tab-schema').click();
    await expect(page.getByTestId('schema-field-replicas')).toBeVisible();
    await designer.shot(`schema-list-${theme}`);
    await page.getByTestId('schema-field-replicas').getByRole('button').first().click();
    await expect(page.getByTestId('field-editor')).toBeVisible();
    await designer.shot(`schema-edit-${theme}`);
    await page.getByTestId('schema-section-status').click();
    await page.getByTestId('schema-add').click();
    await designer.shot(`schema-status-${theme}`);
  });
}
