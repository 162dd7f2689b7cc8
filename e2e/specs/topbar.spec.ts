import { expect, test, type Page } from '@playwright/test';
import { ADMIN, startTeamServer, type TeamServer } from './teamServer';

/**
 * The top bar at laptop widths, single-user and team mode (a second AUTH=local server, as auth.spec.ts starts), light
 * and dark: every control is whole (not clipped by its box or the window) and no two overlap.
 */
const shot = (name: string) => new URL(`../../.reports/screenshots/${name}.png`, import.meta.url).pathname;

let team: TeamServer | undefined;
let teamURL = '';

test.beforeAll(async () => {
  team = await startTeamServer('topbar');
  teamURL = team.baseURL;
});

test.afterAll(async () => {
  await team?.stop();
});

interface Box {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Content wider or taller than its box (text cut off or ellipsised). */
  readonly clipped: boolean;
}

/** The visible controls and labels of the top bar, with their boxes. */
async function headerItems(page: Page): Promise<Box[]> {
  return page.locator('header.topbar').evaluate((header) => {
    const items = header.querySelectorAll<HTMLElement>('button, select, input, .brand, .design-name, .save-state, .validity, .cluster-name, .cluster-detail, .user-name');
    return Array.from(items)
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[role="menu"], .cluster-popover'))
      .map((el) => {
        const r = el.getBoundingClientRect();
        const label = el.dataset.testid ?? el.className ?? el.tagName;
        // An ellipsis is acceptable only where the tooltip holds the whole text (a long design name).
        const overflows = el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'SELECT';
        const told = el.title !== '' && el.title.includes(el.textContent ?? '');
        return { name: `${el.tagName.toLowerCase()}.${label}`, x: r.x, y: r.y, w: r.width, h: r.height, clipped: overflows && !told };
      });
  });
}

async function expectTidy(page: Page, width: number) {
  const header = await page.locator('header.topbar').boundingBox();
  const items = await headerItems(page);
  expect(items.length).toBeGreaterThan(8);
  for (const b of items) {
    expect.soft(b.clipped, `${b.name} is cut off`).toBe(false);
    expect.soft(b.x >= 0 && b.x + b.w <= width + 0.5, `${b.name} leaves the window (${b.x}..${b.x + b.w})`).toBe(true);
    expect.soft(b.y >= header!.y - 0.5 && b.y + b.h <= header!.y + header!.height + 0.5, `${b.name} leaves the header`).toBe(true);
  }
  // Overlap between items that are not nested in each other.
  const handles = await page.locator('header.topbar').evaluate((header) => {
    const els = Array.from(header.querySelectorAll<HTMLElement>('button, select, input, .design-name, .save-state, .validity, .user-name')).filter((el) => el.getClientRects().length > 0);
    const bad: string[] = [];
    for (let i = 0; i < els.length; i++)
      for (let j = i + 1; j < els.length; j++) {
        const a = els[i]!;
        const b = els[j]!;
        if (a.contains(b) || b.contains(a)) continue;
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        const ox = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const oy = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (ox > 0.5 && oy > 0.5) bad.push(`${a.dataset.testid ?? a.className} × ${b.dataset.testid ?? b.className}`);
      }
    return bad;
  });
  expect.soft(handles, 'overlapping header items').toEqual([]);
}

for (const width of [1280, 1440]) {
  test(`top bar at ${width}px, single-user: nothing clipped or overlapping, light and dark`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const theme of ['light', 'dark'] as const) {
      await page.goto(`/?starter=webapp&theme=${theme}`);
      await expect(page.getByTestId('validity')).toHaveText('Valid');
      await expect(page.getByTestId('deploy-open')).toBeVisible();
      await page.screenshot({ path: shot(`topbar-single-${width}-${theme}`), clip: { x: 0, y: 0, width, height: 60 } });
      await expectTidy(page, width);

      // A notice floats under the bar's right end, whole, instead of squeezing the controls.
      await page.getByTestId('starter-select').selectOption('foreach');
      const notice = page.getByTestId('notice');
      await expect(notice).toContainText('Loaded starter');
      await page.screenshot({ path: shot(`topbar-notice-${width}-${theme}`), clip: { x: width - 600, y: 0, width: 600, height: 110 } });
      const box = (await notice.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(await notice.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await expectTidy(page, width);
    }
  });

  test(`top bar at ${width}px, team mode: nothing clipped or overlapping, light and dark`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${teamURL}/?starter=webapp`);
    await page.getByTestId('login-username').fill(ADMIN.username);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('current-user')).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await page.goto(`${teamURL}/?starter=webapp&theme=${theme}`);
      await expect(page.getByTestId('validity')).toHaveText('Valid');
      await expect(page.getByTestId('current-user')).toBeVisible();
      await page.screenshot({ path: shot(`topbar-team-${width}-${theme}`), clip: { x: 0, y: 0, width, height: 60 } });
      await expectTidy(page, width);

      // A stored design with a long name and a longer save state.
      await page.getByTestId('save').click();
      await page.getByTestId('design-name').fill(`customer-facing web application ${theme} ${width}`);
      await page.getByTestId('save-as').click();
      await expect(page.getByTestId('save-state')).toHaveText('Saved · revision 1');
      await page.screenshot({ path: shot(`topbar-team-saved-${width}-${theme}`), clip: { x: 0, y: 0, width, height: 90 } });
      await expectTidy(page, width);
    }
  });
}
