import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

test('keyboard: a focused node selects with Enter; problems and the palette are reachable with Tab', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await page.locator('.react-flow__node[data-id="service"]').focus();
  await page.keyboard.press('Enter');
  // The selection bar names the selected resource as text (the id becomes an input only while renaming).
  const bar = page.getByTestId('selection-panel');
  await expect(bar.getByTitle('Selected resource')).toHaveText('service');
  await expect(designer.node('service')).toHaveAttribute('data-state', 'selected');
  // Rename is reachable from the keyboard and Escape leaves the id as it was.
  await bar.getByTestId('rename-open').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rename-resource')).toBeFocused();
  await expect(page.getByTestId('rename-resource')).toHaveValue('service');
  await page.keyboard.press('Escape');
  await expect(bar.getByTitle('Selected resource')).toHaveText('service');

  await page.getByTestId('add-resource').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette-filter')).toBeFocused();
  await page.keyboard.type('Secret');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(designer.node('secret')).toBeVisible();

  await designer.setText((await designer.text()).replace('kind: Service', 'kind: Servise'));
  const problem = designer.problems.first();
  await problem.focus();
  await page.keyboard.press('Enter');
  await expect(designer.node('service')).toHaveAttribute('data-state', 'selected');
});
