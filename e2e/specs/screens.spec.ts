import { expect, test, type Page } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';
import { CYCLE } from './fixtures';

// Every screen in both themes, saved under .reports/screenshots for review; each must fit 1280×800 without
// scrolling the page.
async function fitsViewport(page: Page): Promise<void> {
  const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
  expect(size.w).toBeLessThanOrEqual(1280);
  expect(size.h).toBeLessThanOrEqual(800);
}

for (const theme of ['light', 'dark'] as const) {
  test(`screens in the ${theme} theme`, async ({ page }) => {
    const designer = new DesignerPage(page);
    await designer.open({ starter: 'app-database', theme });
    await expect(designer.node('app')).toBeVisible();
    await page.waitForTimeout(400);
    await fitsViewport(page);
    await designer.shot(`01-graph-${theme}`);

    await designer.node('database').click();
    await page.getByTestId('canvas-search').fill('db');
    await page.waitForTimeout(300);
    await fitsViewport(page);
    await designer.shot(`02-selected-search-${theme}`);
    await page.getByTestId('canvas-search').fill('');

    await page.getByTestId('add-resource').click();
    await expect(page.getByTestId('palette')).toBeVisible();
    await designer.shot(`03-palette-${theme}`);
    await page.keyboard.press('Escape');

    await page.getByTestId('tab-crd').click();
    await expect(page.getByTestId('crd-yaml')).toBeVisible();
    await designer.shot(`04-crd-${theme}`);
    await page.getByTestId('tab-graph').click();

    await designer.importText(CYCLE);
    await designer.problems.filter({ hasText: 'cycle' }).first().click();
    await expect(page.locator('.react-flow__edge.edge-cycle')).toHaveCount(2);
    await page.waitForTimeout(400);
    await fitsViewport(page);
    await designer.shot(`05-cycle-${theme}`);

    const text = await designer.text();
    await designer.setText(text.replace('name: string', 'name: strin').replace('kind: ConfigMap', 'kind: ConfigMapp'));
    await expect(designer.problems.first()).toBeVisible();
    await page.waitForTimeout(300);
    await designer.shot(`06-problems-${theme}`);

    await page.getByTestId('import-open').click();
    await expect(page.getByTestId('import-dialog')).toBeVisible();
    await designer.shot(`07-import-${theme}`);
    await page.keyboard.press('Escape');

    await designer.setText('# nothing here yet\n');
    await expect(page.getByTestId('canvas-empty')).toBeVisible();
    await designer.shot(`08-empty-${theme}`);

    await page.getByTestId('starter-select').selectOption('blank');
    await expect(page.getByTestId('canvas-hint')).toBeVisible();
    await designer.shot(`09-blank-${theme}`);

    await page.getByTestId('starter-select').selectOption('foreach');
    await expect(designer.node('regionConfigs')).toContainText('∀ region');
    await page.waitForTimeout(300);
    await fitsViewport(page);
    await designer.shot(`10-foreach-${theme}`);
  });
}
