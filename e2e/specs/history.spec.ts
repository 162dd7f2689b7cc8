import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

test('revision history: list revisions, diff two (text and graph), restore one as a new revision', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const saveState = page.getByTestId('save-state');
  await expect(page.getByTestId('history-open')).toBeDisabled();

  // r1: the web app.
  const name = `history ${Date.now()}`;
  await page.getByTestId('save').click();
  await page.getByTestId('design-name').fill(name);
  await page.getByTestId('save-as').click();
  await expect(saveState).toHaveText('Saved · revision 1');
  const r1 = await designer.text();

  // r2: a ConfigMap added from the palette.
  await designer.addFromPalette('ConfigMap');
  await expect(designer.node('configMap')).toBeVisible();
  await page.getByTestId('save').click();
  await expect(saveState).toHaveText('Saved · revision 2');

  // r3: a spec field through the schema form.
  await page.getByTestId('tab-schema').click();
  await page.getByTestId('schema-add').click();
  await page.getByTestId('field-name').fill('team');
  await page.getByTestId('field-default').fill('platform');
  await page.getByTestId('field-apply').click();
  await expect.poll(() => designer.text()).toContain('      team: string | default="platform"\n');
  await page.getByTestId('save').click();
  await expect(saveState).toHaveText('Saved · revision 3');

  await page.getByTestId('history-open').click();
  const dialog = page.getByTestId('history-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('revision-list').getByRole('button')).toHaveCount(3);
  // Opens on the newest revision's changes: r2 → r3 adds the team field.
  await expect(page.getByTestId('diff-from')).toHaveValue('2');
  await expect(page.getByTestId('diff-to')).toHaveValue('3');
  await expect(page.getByTestId('graph-changes')).toContainText('spec.team');
  await expect(page.getByTestId('text-diff')).toContainText('team: string | default="platform"');
  await expect(page.getByTestId('diff-counts')).toContainText('+1');

  // r2 alone: the ConfigMap resource.
  await page.getByTestId('revision-2').click();
  await expect(page.getByTestId('diff-from')).toHaveValue('1');
  await expect(page.getByTestId('graph-changes')).toContainText('resource configMap');
  await designer.shot('history-diff-light');

  // Any two: r1 → r3.
  await page.getByTestId('diff-to').selectOption('3');
  await expect(page.getByTestId('graph-changes')).toContainText('resource configMap');
  await expect(page.getByTestId('graph-changes')).toContainText('spec.team');

  // Restore r1: a new revision 4 with r1's text, loaded into the editor.
  await page.getByTestId('revision-1').click();
  await expect(page.getByTestId('diff-same')).toBeVisible();
  await page.getByTestId('restore-revision').click();
  await expect(dialog).toBeHidden();
  await expect(saveState).toHaveText('Saved · revision 4');
  expect(await designer.text()).toBe(r1);
  await expect(designer.node('configMap')).toHaveCount(0);

  await page.getByTestId('history-open').click();
  await expect(page.getByTestId('revision-4')).toContainText('restored r1');
  await expect(page.getByTestId('revision-4')).toContainText('head');
  await expect(page.getByTestId('restore-revision')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('history dialog in the dark theme', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open({ theme: 'dark' });
  await page.getByTestId('save').click();
  await page.getByTestId('design-name').fill(`dark history ${Date.now()}`);
  await page.getByTestId('save-as').click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved · revision 1');
  const text = await designer.text();
  await designer.setText(text.replace('      replicas: integer', '      team: string\n      replicas: integer'));
  await expect(page.getByTestId('save-state')).toHaveText(/Unsaved|Draft/);
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved · revision 2');
  await page.getByTestId('history-open').click();
  await expect(page.getByTestId('text-diff')).toBeVisible();
  await designer.shot('history-diff-dark');
});
