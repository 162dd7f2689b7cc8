import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

const shot = (name: string) => new URL(`../../.reports/screenshots/${name}.png`, import.meta.url).pathname;

test('renaming a spec field in the schema form rewrites its references; one undo restores the text', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const original = await designer.text();
  expect(original).toContain('${schema.spec.replicas}');

  await page.getByTestId('tab-schema').click();
  await page.getByTestId('schema-field-replicas').getByRole('button').first().click();
  await page.getByTestId('field-name').fill('podCount');
  await page.getByTestId('field-apply').click();

  await expect.poll(() => designer.text()).toContain('      podCount: integer | default=2 minimum=1\n');
  const renamed = await designer.text();
  expect(renamed).not.toContain('schema.spec.replicas');
  expect(renamed).toBe(original.replaceAll('schema.spec.replicas', 'schema.spec.podCount').replace('      replicas: integer | default=2 minimum=1\n', '      podCount: integer | default=2 minimum=1\n'));
  await expect(page.getByTestId('validity')).toHaveText('Valid');

  await designer.undoButton.click();
  await expect.poll(() => designer.text()).toBe(original);
});

test('renaming a resource on the canvas rewrites every reference to it', async ({ page }) => {
  const designer = new DesignerPage(page);
  for (const theme of ['light', 'dark'] as const) {
    await designer.open({ theme });
    const original = await designer.text();
    await designer.node('deployment').click();
    await expect(page.getByTestId('selection-panel')).toContainText('deployment');
    await page.getByTestId('rename-open').click();
    const field = page.getByTestId('rename-resource');
    await expect(field).toHaveValue('deployment');

    // A taken id is refused where it was typed, and nothing changes.
    await field.fill('service');
    await field.press('Enter');
    await expect(page.getByTestId('rename-error')).toHaveText('A resource with id service already exists');
    await page.screenshot({ path: shot(`rename-resource-error-${theme}`), clip: { x: 590, y: 80, width: 690, height: 120 } });
    expect(await designer.text()).toBe(original);

    await field.fill('web');
    await field.press('Enter');
    await expect(designer.node('web')).toBeVisible();
    const text = await designer.text();
    expect(text).toContain('    - id: web\n');
    expect(text).toContain('availableReplicas: ${web.status.availableReplicas}');
    expect(text).not.toMatch(/\$\{deployment\./);
    await expect(page.getByTestId('validity')).toHaveText('Valid');
    // The renamed resource stays selected, under its new id.
    await expect(page.getByTestId('selection-panel')).toContainText('web');
  }
});
