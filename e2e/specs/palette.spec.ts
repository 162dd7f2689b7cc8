import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

test('adding a resource from the palette writes YAML and draws the node; undo restores the exact text', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const original = await designer.text();

  await designer.addFromPalette('ConfigMap');
  await expect(designer.node('configMap')).toBeVisible();
  const added = await designer.text();
  expect(added.startsWith(original)).toBe(true);
  expect(added).toContain('    - id: configMap\n      template:\n        apiVersion: v1\n        kind: ConfigMap\n');
  await expect(page.getByTestId('validity')).toHaveText('Valid');

  // Undo from the canvas side (keyboard outside the editor), then redo with the button.
  await designer.canvas.click({ position: { x: 300, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(designer.node('configMap')).toHaveCount(0);
  expect(await designer.text()).toBe(original);
  await designer.redoButton.click();
  await expect(designer.node('configMap')).toBeVisible();

  // Delete it from the canvas, then undo inside the editor: one history for both.
  await designer.node('configMap').click();
  await page.getByTestId('delete-resource').click();
  await expect(designer.node('configMap')).toHaveCount(0);
  expect(await designer.text()).toBe(original);
  await designer.typeAt(1, 1, '');
  await page.keyboard.press('Control+z');
  await expect(designer.node('configMap')).toBeVisible();
  expect(await designer.text()).toBe(added);
});

test('dragging a kind from the palette onto the canvas adds it', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open({ starter: 'blank' });
  await expect(page.getByTestId('canvas-hint')).toBeVisible();
  await page.getByTestId('add-resource').click();
  await page.getByTestId('palette-filter').fill('Deployment');
  await page.getByTestId('palette-Deployment').first().dragTo(page.locator('.canvas-flow'), { targetPosition: { x: 300, y: 200 } });
  await expect(designer.node('deployment')).toBeVisible();
  await expect(page.getByTestId('validity')).toHaveText('Valid');
  expect(await designer.text()).toContain('  resources:\n    - id: deployment\n      template:\n        apiVersion: apps/v1\n        kind: Deployment\n');
});
