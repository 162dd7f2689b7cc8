import { expect, test } from '@playwright/test';
import { DeployPage } from '../pages/DeployPage';
import { test as realTest } from './realCluster';

// Deploying to the sandbox (the embedded default cluster): the switcher, the plan, the progress timeline, the deployed
// revision, and the explicit choice a breaking CRD change needs.

test('cluster switcher: the sandbox first and labelled simulated, with versions and kro capabilities; keyboard reachable', async ({ page }) => {
  const designer = new DeployPage(page);
  await designer.openWebApp('web-switch', 'WebSwitch');
  await expect(page.getByTestId('cluster-selected')).toHaveText('Sandbox (simulated)');
  await designer.clusterSwitcher.focus();
  await page.keyboard.press('Enter');
  const options = page.getByTestId('cluster-popover').getByRole('radio');
  await expect(options.first()).toHaveAttribute('data-testid', 'cluster-option-sandbox');
  await expect(options.first()).toContainText('simulated');
  await expect(options.first()).toBeFocused();
  const details = page.getByTestId('cluster-details');
  await expect(details).toHaveAttribute('data-reachability', 'reachable');
  await expect(page.getByTestId('cluster-k8s-version')).toHaveText(/^v1\.\d+/);
  await expect(page.getByTestId('cluster-kro-version')).toHaveText(/\S/);
  await expect(details).toContainText('GraphRevisions');
  await designer.shot('deploy-01-clusters-light');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cluster-popover')).toBeHidden();
  await expect(designer.clusterSwitcher).toBeFocused();
});

test('deploy: blocked with a reason while the design has errors; plan, progress to Active, the deployed revision', async ({ page }) => {
  test.setTimeout(90_000);
  const designer = new DeployPage(page);
  await designer.openWebApp('web-deploy', 'WebDeploy');

  const text = await designer.text();
  await designer.setText(text.replace('kind: Service', 'kind: Servic'));
  await expect(designer.deployButton).toBeDisabled();
  await expect(page.getByTestId('deploy-block-reason')).toHaveText('Fix the 1 error in the design first');
  await designer.setText(text);
  await expect(designer.deployButton).toBeEnabled();

  // A stored revision, so the cluster records which one it runs.
  await page.getByTestId('save').click();
  await page.getByTestId('design-name').fill(`web-deploy ${Date.now()}`);
  await page.getByTestId('save-as').click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved · revision 1');
  await expect(page.getByTestId('deployed-state')).toHaveText('not deployed');

  await designer.openPlan();
  await expect(page.getByTestId('plan-action')).toHaveText('new');
  await expect(page.getByTestId('dry-run-ok')).toBeVisible();
  await designer.shot('deploy-02-plan-light');
  await page.getByTestId('deploy-confirm').click();
  await expect(page.getByTestId('deploy-progress')).toHaveAttribute('data-state', 'active', { timeout: 60_000 });
  for (const step of ['applied', 'graph-accepted', 'crd-established', 'active']) await expect(page.getByTestId(`deploy-step-${step}`)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('deploy-done')).toHaveText(/Deployed revision 1 of\s+web-deploy to Sandbox \(simulated\)/);
  await designer.shot('deploy-03-done-light');
  await designer.closeDialog();
  await expect(page.getByTestId('deployed-state')).toHaveText('rev 1 · Active');
  await expect(page.getByTestId('deployed-state')).toHaveAttribute('title', /Deployed revision 1 to Sandbox \(simulated\)/);
});

test('deploy: a breaking change to the instance CRD is listed and needs an explicit choice', async ({ page }) => {
  test.setTimeout(90_000);
  const designer = new DeployPage(page);
  await designer.openWebApp('web-break', 'WebBreak');
  const text = await designer.text();
  const withTeam = text.replace('      image: string | default="nginx:1.27"', '      image: string | default="nginx:1.27"\n      team: string | default="web"');
  await designer.setText(withTeam);
  await expect(page.getByTestId('validity')).toHaveText('Valid');
  await designer.deploy();
  await designer.closeDialog();

  await designer.setText(withTeam.replace('team: string | default="web"', 'team: integer | default=1'));
  await expect(page.getByTestId('validity')).toHaveText('Valid');
  await designer.openPlan();
  await expect(page.getByTestId('plan-action')).toHaveText('update');
  await expect(page.getByTestId('crd-change-breaking').first()).toContainText('team');
  await expect(page.getByTestId('deploy-confirm')).toBeDisabled();
  await designer.shot('deploy-04-breaking-light');
  await page.getByTestId('allow-breaking').getByRole('checkbox').check();
  await expect(page.getByTestId('deploy-confirm')).toBeEnabled();
  await page.getByTestId('deploy-confirm').click();
  await expect(page.getByTestId('deploy-progress')).toHaveAttribute('data-state', 'active', { timeout: 60_000 });
});

for (const theme of ['light', 'dark'] as const) {
  test(`deploy and live screens in the ${theme} theme`, async ({ page }) => {
    test.setTimeout(90_000);
    const designer = new DeployPage(page);
    await page.addInitScript((t) => localStorage.setItem('kro-designer.theme', t), theme);
    await designer.openWebApp(`web-screens-${theme}`, `WebScreens${theme === 'light' ? 'Light' : 'Dark'}`);
    await designer.openPlan();
    await designer.shot(`deploy-10-plan-${theme}`);
    await page.getByTestId('deploy-confirm').click();
    await expect(page.getByTestId('deploy-progress')).toHaveAttribute('data-state', 'active', { timeout: 60_000 });
    await designer.shot(`deploy-11-progress-${theme}`);
    await designer.closeDialog();
    await designer.openInstances();
    await expect(page.getByTestId('instances-none')).toBeVisible();
    await designer.shot(`deploy-12-instances-empty-${theme}`);
    await page.getByTestId('instance-create').click();
    await page.getByTestId('instance-meta-name').fill('screens');
    await designer.shot(`deploy-13-instance-form-${theme}`);
    await page.getByTestId('instance-apply').click();
    await designer.expectHealth('service', 'ready');
    await designer.node('deployment').click();
    await expect(page.getByTestId('live-node-panel')).toBeVisible();
    await page.waitForTimeout(300);
    const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(size.w).toBeLessThanOrEqual(1280);
    expect(size.h).toBeLessThanOrEqual(800);
    await designer.shot(`deploy-14-live-${theme}`);
    await page.getByTestId('tab-instances').click();
    await expect(page.getByTestId('instance-row-screens')).toBeVisible();
    await designer.shot(`deploy-15-instances-${theme}`);
    await page.getByTestId('instance-delete-screens').click();
    await designer.shot(`deploy-16-delete-confirm-${theme}`);
    await page.getByTestId('delete-instance-confirm').click();
    await expect(page.getByTestId('live-instance-state')).toHaveText('DELETED', { timeout: 30_000 });
    await designer.shot(`deploy-17-deleted-${theme}`);
  });
}

// The sandbox does not check a CRD's defaults against its own bounds; a real API server does, after kro accepted the graph.
realTest('real control plane: kro’s rejection is located in the design like a validator problem', async ({ page, real }) => {
  realTest.setTimeout(180_000);
  const designer = new DeployPage(page);
  await designer.openWebApp('web-reject', 'WebReject', real.url);
  await designer.selectCluster(real.clusterId);
  const text = await designer.text();
  // kro builds the graph, but the API server refuses the generated CRD: its default is below its own minimum.
  await designer.setText(text.replace('replicas: integer | default=2 minimum=1', 'replicas: integer | default=2 minimum=5'));
  await expect(page.getByTestId('validity')).toHaveText('Valid');
  await designer.openPlan();
  await page.getByTestId('deploy-confirm').click();
  await expect(page.getByTestId('deploy-progress')).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  await expect(page.getByTestId('deploy-step-graph-accepted')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('deploy-step-crd-established')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('deploy-step-crd-established')).toContainText('greater than or equal to 5');
  await designer.shot('deploy-05-rejected-light');
  const first = page.getByTestId('deploy-diagnostic').first();
  const message = (await first.locator('.deploy-diagnostic-message').textContent()) ?? '';
  expect(message).not.toBe('');
  await first.click();
  await expect(designer.deployDialog).toBeHidden();
  await expect(designer.problems.filter({ hasText: message })).toHaveCount(1);
  await expect(page.getByTestId('count-errors')).toHaveText('1 error');
  await expect(designer.node('schema')).toHaveClass(/has-errors/);
  await expect(page.getByTestId('deployed-state')).toContainText('Inactive');
  await designer.shot('deploy-06-rejected-problems-light');
  // An edit moves the text away from what kro judged: its diagnostics leave with it.
  await designer.setText(text);
  await expect(page.getByTestId('count-errors')).toHaveText('0 errors');
});

realTest('an unreachable cluster says so, and Deploy says why it is disabled', async ({ page, real }) => {
  realTest.setTimeout(120_000);
  const designer = new DeployPage(page);
  await designer.openWebApp('web-offline', 'WebOffline', real.url);
  await designer.clusterSwitcher.click();
  await expect(page.getByTestId('cluster-popover').getByRole('radio').first()).toHaveAttribute('data-testid', 'cluster-option-sandbox');
  await page.getByTestId(`cluster-option-${real.offlineId}`).click();
  await expect(page.getByTestId('cluster-unreachable')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('cluster-unreachable')).toContainText(`Cannot reach ${real.offlineId}`);
  await designer.shot('deploy-07-unreachable-light');
  await page.keyboard.press('Escape');
  await expect(designer.deployButton).toBeDisabled();
  await expect(page.getByTestId('deploy-block-reason')).toHaveText(`${real.offlineId} is unreachable`);
  await page.getByTestId('tab-instances').click();
  await expect(page.getByTestId('instances-unavailable')).toContainText(`${real.offlineId} is unreachable`);
  await designer.shot('deploy-08-unreachable-instances-light');
});
