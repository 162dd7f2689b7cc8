import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

test('keyboard: a focused node selects with Enter; problems and the palette are reachable with Tab', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await page.locator('.react-flow__node[data-id="service"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('selection-panel')).toContainText('service');
  await expect(designer.node('service')).toHaveAttribute('data-state', 'selected');

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
