import { expect, type Page } from '@playwright/test';
import { DeployPage } from '../pages/DeployPage';
import { test } from './realCluster';

// Deploy → instance → live view, against the sandbox (the default cluster) and against a real control plane.

async function createInstance(designer: DeployPage, page: Page, name: string, fields: Record<string, string> = {}): Promise<void> {
  await designer.openInstances();
  await page.getByTestId('instance-create').click();
  await page.getByTestId('instance-meta-name').fill(name);
  for (const [field, value] of Object.entries(fields)) await designer.setField(field, value);
  await page.getByTestId('instance-apply').click();
  await expect(page.getByTestId('instance-dialog')).toBeHidden();
  await expect(designer.liveHeader).toBeVisible();
  await expect(designer.liveHeader).toContainText(name);
}

test('sandbox: deploy the web app, create an instance, watch it become ready, edit it, delete it', async ({ page }) => {
  test.setTimeout(120_000);
  const designer = new DeployPage(page);
  await designer.openWebApp('web-live', 'WebLive');
  await expect(page.getByTestId('cluster-selected')).toHaveText('Sandbox (simulated)');
  await designer.deploy();
  await designer.closeDialog();

  await createInstance(designer, page, 'shop');
  await expect(page.getByTestId('stream-state')).toHaveText('Live');
  // kro's order: the Deployment first, the Service once it is ready; the Ingress is left out (ingress.enabled false).
  await designer.expectHealth('deployment', 'ready');
  await designer.expectHealth('service', 'ready');
  await designer.expectHealth('ingress', 'excluded');
  await expect(page.getByTestId('live-instance-state')).toHaveText('ACTIVE', { timeout: 30_000 });
  await expect(page.getByTestId('live-instance-ready')).toHaveText('Ready: True');
  await expect(page.getByTestId('timeline-service')).toContainText('waited on deployment');
  await expect(page.getByTestId('timeline-service')).toContainText('ready');
  await designer.shot('live-01-ready-light');

  // The node panel (reached from the keyboard): the live object beside the rendered one.
  await page.locator('.react-flow__node[data-id="deployment"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-node-panel')).toHaveAttribute('data-node', 'deployment');
  await expect(page.getByTestId('live-object')).toContainText('kind: Deployment');
  await expect(page.getByTestId('live-object')).toContainText('replicas: 2');
  // The designer's render of the same instance carries kro's instance-id label with the live uid, as the live object.
  const uid = /kro\.run\/instance-id: (\S+)/.exec((await page.getByTestId('live-object').textContent()) ?? '')?.[1];
  expect(uid).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId('rendered-object')).toContainText(`kro.run/instance-id: ${uid}`);
  await designer.shot('live-02-node-light');

  // Edit: three replicas reach the Deployment, which becomes ready again.
  await page.getByTestId('live-edit').click();
  await designer.setField('replicas', '3');
  await page.getByTestId('instance-apply').click();
  await expect(page.getByTestId('instance-dialog')).toBeHidden();
  await expect(page.getByTestId('live-object')).toContainText('replicas: 3', { timeout: 30_000 });
  await designer.expectHealth('deployment', 'ready');
  await expect(page.getByTestId('live-instance-state')).toHaveText('ACTIVE', { timeout: 30_000 });

  // Delete it: kro tears down in reverse order, and the graph follows until nothing is left.
  await page.getByTestId('live-delete').click();
  await page.getByTestId('delete-instance-confirm').click();
  await expect(page.getByTestId('live-instance-state')).toHaveText(/DELETING|DELETED/);
  for (const id of ['service', 'deployment']) await designer.expectHealth(id, 'gone');
  await expect(page.getByTestId('live-instance-state')).toHaveText('DELETED', { timeout: 30_000 });
  await designer.shot('live-04-deleted-light');
});

test('sandbox: an instance value that makes a child invalid shows the error on that node; fixing it heals it', async ({ page }) => {
  test.setTimeout(120_000);
  const designer = new DeployPage(page);
  await designer.openWebApp('web-break', 'WebBreakLive');
  // The sandbox checks object names but not Ingress host syntax, so the Ingress is named after its host: a bad host
  // then makes the child invalid (a real API server refuses the host itself).
  const text = await designer.text();
  await designer.setText(text.replace('name: ${service.metadata.name}', 'name: ${schema.spec.ingress.host}'));
  await expect(page.getByTestId('validity')).toHaveText('Valid');
  await designer.deploy();
  await designer.closeDialog();
  await createInstance(designer, page, 'shop');
  await designer.expectHealth('service', 'ready');

  await page.getByTestId('live-edit').click();
  await page.getByTestId('instance-dialog').getByTestId('instance-input-ingress.enabled').check();
  await designer.setField('ingress.host', 'Not_A_Host!');
  await page.getByTestId('instance-apply').click();
  await expect(page.getByTestId('instance-dialog')).toBeHidden();
  await expect(page.getByTestId('live-instance-state')).toHaveText('ERROR', { timeout: 30_000 });
  await expect(page.getByTestId('live-instance-error')).toContainText('Not_A_Host!');
  await designer.expectHealth('ingress', 'error');
  await expect(page.getByTestId('health-ingress')).toContainText('Not_A_Host!');
  await designer.expectHealth('deployment', 'ready');
  await designer.expectHealth('service', 'ready');
  await designer.shot('live-03-error-light');

  await page.getByTestId('live-edit').click();
  await designer.setField('ingress.host', 'shop.example.com');
  await page.getByTestId('instance-apply').click();
  await designer.expectHealth('ingress', 'ready');
  await expect(page.getByTestId('live-instance-state')).toHaveText('ACTIVE', { timeout: 30_000 });
});

test('real control plane: deploy, create an instance, nodes turn ready as the workload reports ready', async ({ page, real }) => {
  test.setTimeout(180_000);
  const designer = new DeployPage(page);
  await designer.openWebApp('web-real', 'WebReal', real.url);
  await designer.selectCluster(real.clusterId);
  await expect(page.getByTestId('cluster-selected')).toHaveText(real.clusterId);
  await designer.deploy();
  await expect(page.getByTestId('deploy-step-crd-established')).toHaveAttribute('data-status', 'done');
  await designer.closeDialog();
  await expect(page.getByTestId('deployed-state')).toContainText('Active');
  // Someone changes the RGD with kubectl: the designer shows drift from what it deployed.
  await real.patchRgd('web-real', [{ op: 'replace', path: '/spec/schema/spec/image', value: 'string | default="nginx:1.28"' }]);
  await expect(page.getByTestId('deployed-state')).toContainText('drift', { timeout: 30_000 });
  await expect(page.getByTestId('deployed-state')).toHaveAttribute('title', /differs/);

  await createInstance(designer, page, 'shop');
  // No kubelet here: the Deployment stays unready, so the Service waits on it, until its status is written.
  await designer.expectHealth('deployment', 'creating');
  await designer.expectHealth('service', 'waiting');
  await expect(page.getByTestId('health-service')).toContainText('deployment');
  await designer.shot('live-real-01-waiting-light');
  await real.markDeploymentReady('default', 'shop');
  await designer.expectHealth('deployment', 'ready', 60_000);
  await designer.expectHealth('service', 'ready', 60_000);
  await designer.expectHealth('ingress', 'excluded');
  await expect(page.getByTestId('live-instance-state')).toHaveText('ACTIVE', { timeout: 60_000 });
  await expect(page.getByTestId('live-instance-ready')).toHaveText('Ready: True', { timeout: 60_000 });
  await designer.shot('live-real-02-ready-light');

  // The API server dies: the page says so, and resumes by itself once it is back, on the cluster's true state.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { streamStates: string[] }).streamStates = seen;
    const el = document.querySelector('[data-testid="stream-state"]')!;
    new MutationObserver(() => seen.push(el.getAttribute('data-state') ?? '')).observe(el, { attributes: true, attributeFilter: ['data-state'] });
  });
  await real.restartServer();
  await expect(page.getByTestId('stream-state')).toHaveText('Live', { timeout: 60_000 });
  const states = await page.evaluate(() => (window as unknown as { streamStates: string[] }).streamStates);
  expect(states.some((s) => s === 'reconnecting' || s === 'error')).toBe(true);
  await expect(page.getByTestId('live-instance-state')).toHaveText('ACTIVE');
  await designer.expectHealth('service', 'ready');
});

test('real control plane: an instance value the API server refuses shows the error on that node', async ({ page, real }) => {
  test.setTimeout(180_000);
  const designer = new DeployPage(page);
  await designer.openWebApp('web-real-break', 'WebRealBreak', real.url);
  await designer.selectCluster(real.clusterId);
  await designer.deploy();
  await designer.closeDialog();
  await createInstance(designer, page, 'cart');
  await real.markDeploymentReady('default', 'cart');
  await designer.expectHealth('service', 'ready', 60_000);

  // Break it: the API server refuses the Ingress host; kro's error lands on the ingress node.
  await page.getByTestId('live-edit').click();
  await page.getByTestId('instance-dialog').getByTestId('instance-input-ingress.enabled').check();
  await designer.setField('ingress.host', 'Not_A_Host!');
  await page.getByTestId('instance-apply').click();
  await expect(page.getByTestId('live-instance-state')).toHaveText('ERROR', { timeout: 60_000 });
  await expect(page.getByTestId('live-instance-error')).toContainText('Not_A_Host!');
  await designer.expectHealth('ingress', 'error', 60_000);
  await expect(page.getByTestId('health-ingress')).toContainText('Not_A_Host!');
  await designer.expectHealth('service', 'ready');
  await designer.shot('live-real-03-error-light');
});
