import { expect, test, type Locator, type Page } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

/** The element's box once layout and fit-view animations have stopped moving it. */
async function settledBox(page: Page, locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = await locator.boundingBox();
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(150);
    const now = await locator.boundingBox();
    if (now && last && now.x === last.x && now.y === last.y && now.width === last.width) return now;
    last = now;
  }
  return last!;
}

async function dragConnection(page: Page, from: Locator, to: Locator): Promise<void> {
  await settledBox(page, to);
  const a = await settledBox(page, from);
  const b = await settledBox(page, to);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 40, a.y + 30, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

test('dragging a field handle onto another node writes ${…} into its template and the edge appears; undo restores', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await expect(designer.node('ingress')).toBeVisible();
  await page.getByTestId('fit-view').click();
  await page.waitForTimeout(400);
  const original = await designer.text();
  await expect(page.getByTestId('edge-label-deployment->ingress')).toHaveCount(0);
  await page.getByTestId('node-schema').hover();
  await page.screenshot({ path: new URL('../../.reports/screenshots/wire-handles-light.png', import.meta.url).pathname, clip: (await page.locator('.canvas-flow').boundingBox())! });

  // deployment.metadata.name → ingress: the suggested field is the one with the same name.
  await dragConnection(page, page.getByTestId('handle-deployment.metadata.name'), designer.node('ingress'));
  await expect(page.getByTestId('wire-dialog')).toBeVisible();
  await expect(page.getByTestId('wire-path')).toHaveValue('metadata.name');
  await designer.shot('wire-dialog-light');
  await page.getByTestId('wire-apply').click();
  await expect(page.getByTestId('wire-dialog')).toBeHidden();
  const wired = await designer.text();
  expect(wired).toBe(original.replace('        metadata:\n          name: ${service.metadata.name}\n        spec:\n          rules:', '        metadata:\n          name: ${deployment.metadata.name}\n        spec:\n          rules:'));
  await expect(page.getByTestId('edge-label-deployment->ingress')).toBeVisible();
  await expect(page.getByTestId('validity')).toHaveText('Valid');

  // A schema field onto a resource, into a new template field (after the new edge's layout settles).
  await page.waitForTimeout(600);
  await dragConnection(page, page.getByTestId('handle-schema.spec.image'), designer.node('service'));
  await page.getByTestId('wire-path').fill('metadata.annotations.image');
  await page.getByTestId('wire-apply').click();
  await expect.poll(() => designer.text()).toContain('          name: ${deployment.metadata.name}\n          annotations:\n            image: ${schema.spec.image}\n');
  await expect(page.getByTestId('validity')).toHaveText('Valid');
  await designer.shot('wire-done-light');

  await designer.undoButton.click();
  await designer.undoButton.click();
  expect(await designer.text()).toBe(original);
  await expect(page.getByTestId('edge-label-deployment->ingress')).toHaveCount(0);
});

test('wire dialog in the dark theme', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open({ theme: 'dark' });
  await page.getByTestId('fit-view').click();
  await page.waitForTimeout(400);
  await dragConnection(page, page.getByTestId('handle-schema.spec.replicas'), designer.node('service'));
  await expect(page.getByTestId('wire-dialog')).toBeVisible();
  await designer.shot('wire-dialog-dark');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('wire-dialog')).toBeHidden();
});

test('wiring a status field: the dialog lists the source kind’s status/spec fields and writes ${<id>.status.<field>}', async ({ page }) => {
  const designer = new DesignerPage(page);
  for (const theme of ['light', 'dark'] as const) {
    await designer.open({ theme });
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(400);
    const original = await designer.text();
    await dragConnection(page, page.getByTestId('handle-deployment.metadata.name'), designer.node('service'));
    await expect(page.getByTestId('wire-dialog')).toBeVisible();
    const picker = page.getByTestId('wire-source-field');
    // From the bundled apps/v1 Deployment schema.
    await expect(picker.locator('option[value="status.availableReplicas"]')).toHaveCount(1);
    await expect(picker.locator('option[value="spec.replicas"]')).toHaveCount(1);
    await picker.selectOption('status.availableReplicas');
    await expect(page.getByTestId('wire-source')).toHaveText('${deployment.status.availableReplicas}');
    await page.getByTestId('wire-path').fill('metadata.annotations.ready');
    await designer.shot(`wire-status-${theme}`);
    await page.getByTestId('wire-apply').click();
    await expect.poll(() => designer.text()).toContain('            ready: ${deployment.status.availableReplicas}\n');
    await expect(page.getByTestId('edge-label-deployment->service')).toBeVisible();
    await designer.undoButton.click();
    expect(await designer.text()).toBe(original);
  }
});
