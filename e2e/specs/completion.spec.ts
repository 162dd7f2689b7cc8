import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

test('completion inside ${schema.spec.} offers the instance fields with their types', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const lines = (await designer.text()).split('\n');
  // Below the Deployment's `name: ${schema.metadata.name}`, add `namespace: ${schema.spec.}`.
  const index = lines.findIndex((l) => l.includes('name: ${schema.metadata.name}'));
  expect(index).toBeGreaterThan(0);
  const indent = lines[index]!.slice(0, lines[index]!.length - lines[index]!.trimStart().length);
  const added = `${indent}namespace: \${schema.spec.}`;
  lines.splice(index + 1, 0, added);
  await designer.setText(lines.join('\n'));
  await designer.typeAt(index + 2, added.length, '');
  await page.keyboard.press('Control+Space');

  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible();
  for (const [field, type] of [['image', 'string'], ['replicas', 'int'], ['ingress', 'object']]) {
    await expect(suggest.locator('.monaco-list-row', { hasText: field })).toContainText(type!);
  }
  await designer.shot('completion-light');

  await page.keyboard.type('ima');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await designer.text()).includes('namespace: ${schema.spec.image}')).toBe(true);
});
