import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';
import { CYCLE } from './fixtures';

test('a cycle is reported and clicking it highlights every edge of the cycle', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.importText(CYCLE);

  await expect(designer.node('first')).toBeVisible();
  await expect(designer.node('second')).toBeVisible();
  const cycle = designer.problems.filter({ hasText: 'graph contains a cycle' }).first();
  await expect(cycle).toBeVisible();
  await expect(page.locator('.react-flow__edge.edge-cycle')).toHaveCount(0);

  await cycle.click();
  await expect(page.locator('.react-flow__edge.edge-cycle')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge.edge-schema')).toHaveCount(1);
  // Every node still has a finite place (kro-ui drew cycles at NaN).
  for (const id of ['first', 'second', 'third']) {
    const box = await designer.node(id).boundingBox();
    expect(box && Number.isFinite(box.x) && Number.isFinite(box.y)).toBe(true);
  }
});
