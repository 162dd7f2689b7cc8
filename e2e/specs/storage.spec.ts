import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

test('save a design, autosave a draft, save a revision and open it again', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const saveState = page.getByTestId('save-state');
  await expect(saveState).toHaveText('Not stored yet');

  const name = `web-app ${Date.now()}`;
  await page.getByTestId('save').click();
  await expect(page.getByTestId('designs-dialog')).toBeVisible();
  await page.getByTestId('design-name').fill(name);
  await page.getByTestId('save-as').click();
  await expect(saveState).toHaveText('Saved · revision 1');

  // Typing marks the design unsaved, then a pause autosaves the draft.
  const original = await designer.text();
  await designer.typeAt(1, 1, '# edited\n');
  await expect(saveState).toHaveText(/Unsaved changes|Draft autosaved/);
  await expect(saveState).toHaveText(/Draft autosaved \d/, { timeout: 8000 });
  await designer.shot('12-draft-autosaved-light');

  await page.keyboard.press('Control+s');
  await expect(saveState).toHaveText('Saved · revision 2');

  // Another text, then open the stored design again: revision 2 comes back.
  await page.getByTestId('starter-select').selectOption('blank');
  await expect(saveState).toHaveText('Not stored yet');
  await page.getByTestId('designs-open').click();
  await expect(page.getByTestId(`open-design-${name}`)).toBeVisible();
  await designer.shot('11-designs-light');
  await page.getByTestId(`open-design-${name}`).click();
  await expect(saveState).toHaveText('Saved · revision 2');
  expect(await designer.text()).toBe(`# edited\n${original}`);
  await expect(designer.node('deployment')).toBeVisible();
});
