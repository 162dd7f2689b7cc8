import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

test('a broken RGD lists its problems with line and column, as editor markers', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await expect(page.getByTestId('problems-empty')).toBeVisible();

  // Line 12 is `      replicas: integer | default=2 minimum=1`: turn the type into one SimpleSchema lacks.
  const before = (await designer.text()).split('\n')[11]!;
  expect(before).toContain('replicas: integer');
  await designer.typeAt(12, before.indexOf('integer') + 1, 'big');

  const problem = designer.problems.filter({ hasText: 'unknown type' }).first();
  await expect(problem).toBeVisible();
  await expect(problem.getByTestId('problem-position')).toHaveText(/^Ln 12, Col \d+$/);
  await expect(page.getByTestId('validity')).toHaveText(/error/);
  await expect.poll(async () => (await designer.markers()).some((m) => m.startLineNumber === 12 && m.severity === 8)).toBe(true);
});

test('clicking a problem reveals it in the editor and highlights its node', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const text = await designer.text();
  // Service reads a deployment field that does not exist.
  await designer.setText(text.replace('name: ${deployment.metadata.name}', 'name: ${deployment.metadata.nmae}'));

  const problem = designer.problems.filter({ hasText: 'nmae' }).first();
  await expect(problem).toBeVisible();
  const position = await problem.getByTestId('problem-position').textContent();
  const line = Number(/Ln (\d+)/.exec(position ?? '')?.[1]);
  await problem.click();

  await expect.poll(async () => (await designer.cursor()).lineNumber).toBe(line);
  await expect(designer.node('service')).toHaveAttribute('data-state', 'selected');
  await expect(designer.node('deployment')).toHaveAttribute('data-state', 'normal');
  await expect(designer.node('service').locator('.count-badge.error')).toBeVisible();
});

test('typing in the editor keeps every character (the canvas must not swallow Space)', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.typeAt(1, 1, '# a b  c\n');
  expect((await designer.text()).startsWith('# a b  c\n')).toBe(true);
});

test("a problem's quick fix rewrites the text, and undo brings the problem back", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const original = await designer.text();
  await designer.setText(original.replace('name: ${deployment.metadata.name}', 'name: ${deployment.metadata.nmae}'));
  const fix = page.getByTestId('problem-fix').first();
  await expect(fix).toHaveText("Change to 'name'");
  await fix.click();
  await expect(page.getByTestId('problems-empty')).toBeVisible();
  expect(await designer.text()).toBe(original);
  await designer.undoButton.click();
  await expect(page.getByTestId('problem-fix')).toBeVisible();
});
