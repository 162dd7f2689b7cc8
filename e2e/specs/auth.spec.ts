import { expect, test } from '@playwright/test';
import { ADMIN, startTeamServer, type TeamServer } from './teamServer';

/**
 * Team mode: a second server started here with AUTH=local and a first administrator (the default journeys keep
 * their single-user server). The page signs in, writes through the API with the session's CSRF token, signs out.
 */
const shot = (name: string) => new URL(`../../.reports/screenshots/${name}.png`, import.meta.url).pathname;

let team: TeamServer | undefined;
let baseURL = '';

test.beforeAll(async () => {
  team = await startTeamServer('auth');
  baseURL = team.baseURL;
});

test.afterAll(async () => {
  await team?.stop();
});

test('team mode: sign in (wrong password first), write with the CSRF token, see who is signed in, sign out', async ({ page }) => {
  for (const theme of ['light', 'dark'] as const) {
    await page.goto(`${baseURL}/?starter=webapp&theme=${theme}`);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await page.screenshot({ path: shot(`login-${theme}`) });
  }

  await page.getByTestId('login-username').fill(ADMIN.username);
  await page.getByTestId('login-password').fill('not the password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password.');
  await page.screenshot({ path: shot('login-error-dark') });

  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('current-user')).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText(/admin/i);
  await expect(page.getByTestId('validity')).toHaveText('Valid');
  await expect(page.getByTestId('save-state')).not.toHaveText(/Local only/);

  // A write from the page without any header of its own: the session's X-CSRF-Token is added for it.
  const status = await page.evaluate(async () => {
    const res = await fetch('/api/designs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'team-design', yaml: 'apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata:\n  name: team\n' }) });
    return res.status;
  });
  expect(status).toBe(201);
  await page.getByTestId('designs-open').click();
  await expect(page.getByText('team-design')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.screenshot({ path: shot('signed-in-header-dark'), clip: { x: 0, y: 0, width: 1280, height: 46 } });

  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('login-screen')).toBeVisible();
  // Signed out means the session cookie no longer works.
  expect(await page.evaluate(async () => (await fetch('/api/designs')).status)).toBe(401);
});

test('team mode: repeated wrong passwords are rate limited with a clear message', async ({ page, request }) => {
  for (let i = 0; i < 10; i++) {
    const res = await request.post(`${baseURL}/api/auth/login`, { data: { username: 'ghost', password: `wrong-${i}` } });
    expect([401, 429]).toContain(res.status());
  }
  await page.goto(`${baseURL}/?starter=blank`);
  await page.getByTestId('login-username').fill('ghost');
  await page.getByTestId('login-password').fill('still wrong');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('Too many failed sign-in attempts. Try again in');
});
