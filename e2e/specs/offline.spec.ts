import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';

const dist = new URL('../../apps/web/dist/assets/', import.meta.url).pathname;
const CDN = /cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|esm\.sh|cdn\.skypack\.dev|jspm\.io|fonts\.googleapis\.com|fonts\.gstatic\.com/;

test('the built bundle names no CDN host', () => {
  const files = readdirSync(dist).filter((f) => /\.(js|css|html)$/.test(f));
  expect(files.length).toBeGreaterThan(3);
  const offenders = files.filter((f) => CDN.test(readFileSync(join(dist, f), 'utf8')));
  expect(offenders).toEqual([]);
});

test('the designer loads, validates and lays out without any request off this machine', async ({ page }) => {
  const external: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) external.push(r.url());
  });
  const designer = new DesignerPage(page);
  await designer.open({ starter: 'app-database' });
  await expect(designer.node('app')).toBeVisible();
  await page.getByTestId('tab-crd').click();
  await expect(page.getByTestId('crd-yaml')).toContainText('kind: CustomResourceDefinition');
  expect(external).toEqual([]);
});
