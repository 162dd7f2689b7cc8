import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/DesignerPage';
import { PreviewPage } from '../pages/PreviewPage';

// Every kind of input the instance form draws: required with help text, enum, bounded integer, list of a custom
// type, map, nested object.
const RICH = `apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: rich-app
spec:
  schema:
    apiVersion: v1alpha1
    kind: RichApp
    spec:
      image: string | required=true description="Container image to run"
      tier: string | default="web" enum="web,batch,cron"
      replicas: integer | default=2 minimum=1 maximum=10
      ports: "[]Port"
      labels: "map[string]string"
      monitoring:
        enabled: boolean | default=true
        interval: string | default="30s" pattern="^[0-9]+s$"
    types:
      Port:
        number: integer | required=true minimum=1 maximum=65535
        name: string
  resources:
    - id: config
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \${schema.metadata.name}
          labels: \${schema.spec.labels}
        data:
          image: \${schema.spec.image}
          tier: \${schema.spec.tier}
`;

test('an instance of the web app renders its Deployment and Service with the values and kro labels; includeWhen greys the ingress', async ({ page }) => {
  const designer = new DesignerPage(page);
  const preview = new PreviewPage(page);
  await designer.open({ starter: 'webapp' });
  await preview.open();

  await page.getByTestId('instance-meta-name').fill('shop');
  await preview.input('image').fill('nginx:1.29');
  await preview.input('replicas').fill('4');
  await expect(preview.input('replicas')).toHaveAttribute('placeholder', 'default: 2');

  const deployment = preview.yaml('deployment');
  await expect(deployment).toContainText('replicas: 4');
  await expect(deployment).toContainText('image: nginx:1.29');
  await expect(deployment).toContainText('name: shop');
  await expect(deployment).toContainText('kro.run/instance-name: shop');
  await expect(deployment).toContainText('kro.run/node-id: deployment');
  await expect(deployment).toContainText('app.kubernetes.io/managed-by: kro');
  // The edit is marked against the previous render.
  await expect(deployment.locator('.yaml-line.mark-changed', { hasText: 'replicas: 4' })).toHaveCount(1);
  await expect(preview.yaml('service')).toContainText('app: shop');
  await expect(preview.resource('service')).toContainText('default/shop');

  // The ingress is excluded (ingress.enabled defaults to false): greyed here and dimmed on the canvas.
  await expect(preview.resource('ingress')).toHaveAttribute('data-state', 'excluded');
  await expect(page.getByTestId('preview-excluded-ingress')).toContainText('${schema.spec.ingress.enabled}');
  await expect(designer.node('ingress')).toHaveClass(/is-dimmed/);

  // Turning it on renders the ingress with the host; the node lights up.
  await preview.input('ingress.enabled').check();
  await expect(preview.resource('ingress')).toHaveAttribute('data-state', 'rendered');
  await expect(preview.yaml('ingress')).toContainText('host: example.local');
  await expect(designer.node('ingress')).not.toHaveClass(/is-dimmed/);
  await preview.input('ingress.enabled').uncheck();
  await expect(preview.resource('ingress')).toHaveAttribute('data-state', 'excluded');

  // The YAML view holds the same instance; an edit there flows back to the form.
  expect(await preview.instanceYaml()).toContain('metadata:\n  name: shop\n  namespace: default\nspec:\n  image: nginx:1.29\n  replicas: 4\n');
  await preview.setInstanceYaml((await preview.instanceYaml()).replace('replicas: 4', 'replicas: 6'));
  await expect(deployment).toContainText('replicas: 6');
  await preview.showForm();
  await expect(preview.input('replicas')).toHaveValue('6');

  // Clicking a child selects its node on the canvas.
  await page.getByTestId('preview-select-service').click();
  await expect(designer.node('service')).toHaveAttribute('data-state', 'selected');
});

test('an invalid value is marked on its field, and the API server rejection is explained', async ({ page }) => {
  const designer = new DesignerPage(page);
  const preview = new PreviewPage(page);
  await designer.open({ starter: 'webapp' });
  // An enum field: tier must be one of web or batch.
  await designer.setText((await designer.text()).replace('      replicas: integer | default=2 minimum=1\n', '      replicas: integer | default=2 minimum=1\n      tier: string | default="web" enum="web,batch"\n'));
  await expect(page.getByTestId('validity')).toHaveText('Valid');
  await preview.open();
  await expect(preview.input('tier')).toBeVisible();
  await expect(preview.input('tier').locator('option')).toHaveText(['default: web', 'web', 'batch']);

  await preview.setInstanceYaml('apiVersion: kro.run/v1alpha1\nkind: WebApp\nmetadata:\n  name: shop\nspec:\n  tier: gold\n');
  await preview.showForm();
  await expect(preview.fieldError('tier')).toContainText('gold');
  await expect(preview.input('tier')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('preview-rejected')).toContainText('reject');

  await preview.input('tier').selectOption('batch');
  await expect(preview.fieldError('tier')).toHaveCount(0);
  await expect(page.getByTestId('preview-rejected')).toHaveCount(0);

  // Below the minimum: the message sits on replicas, and the problem count takes the keyboard there.
  await preview.input('replicas').fill('0');
  await expect(preview.fieldError('replicas')).toBeVisible();
  await page.getByTestId('instance-problem-count').click();
  await expect(preview.input('replicas')).toBeFocused();
});

test('an RGD kro would reject renders nothing and links to its problems', async ({ page }) => {
  const designer = new DesignerPage(page);
  const preview = new PreviewPage(page);
  await designer.open({ starter: 'foreach' });
  // Keyboard: the Preview tab opens with Enter.
  await page.getByTestId('tab-preview').focus();
  await page.keyboard.press('Enter');
  await expect(preview.summary).toContainText('3 objects');
  await page.getByTestId('tab-yaml').click();
  await designer.setText((await designer.text()).replace('kind: ConfigMap', 'kind: ConfigMapp'));
  await page.getByTestId('tab-preview').click();
  await expect(page.getByTestId('preview-blocked')).toContainText('kro would reject this RGD');
  await expect(preview.resource('regionConfigs')).toHaveCount(0);
  await page.getByTestId('preview-problem-link').first().click();
  await expect(page.getByTestId('tab-yaml')).toHaveAttribute('aria-selected', 'true');
  await expect(designer.problems.first()).toHaveClass(/active/);
  await expect(designer.problems.first()).toContainText('ConfigMapp');
});

test('forEach fans out on the canvas with its count, and a status read is pending with what it waits for', async ({ page }) => {
  const designer = new DesignerPage(page);
  const preview = new PreviewPage(page);
  await designer.open({ starter: 'foreach' });
  await preview.open();
  await expect(preview.overlay('regionConfigs', 'count')).toHaveText('× 2');
  await page.getByTestId('instance-add-regions').click();
  await preview.input('regions.2').fill('ap-south-1');
  await expect(preview.overlay('regionConfigs', 'count')).toHaveText('× 3');
  await expect(page.getByTestId('preview-count-regionConfigs')).toHaveText('× 3');
  await expect(preview.yaml('regionConfigs', 2)).toContainText('region: ap-south-1');
  await expect(preview.yaml('summary')).toContainText('count: "3"');

  await designer.open({ starter: 'app-database' });
  await preview.open();
  await expect(preview.resource('app')).toHaveAttribute('data-state', 'pending');
  await expect(page.getByTestId('preview-pending-app')).toContainText('waits for database.status.readyReplicas');
  await expect(preview.yaml('app').locator('.yaml-line.is-pending')).toContainText('${string(database.status.readyReplicas)}');
  await expect(preview.overlay('app', 'pending')).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`preview screens in the ${theme} theme`, async ({ page }) => {
    // Six screens, each after a render: more than one journey's time on a shared, busy machine.
    test.slow();
    const designer = new DesignerPage(page);
    const preview = new PreviewPage(page);
    await designer.open({ starter: 'webapp', theme });
    await preview.open();
    await preview.input('replicas').fill('3');
    await expect(preview.yaml('deployment')).toContainText('replicas: 3');
    await page.waitForTimeout(400);
    await designer.shot(`preview-01-webapp-${theme}`);

    await preview.setInstanceYaml('apiVersion: kro.run/v1alpha1\nkind: WebApp\nmetadata:\n  name: shop\nspec:\n  replicas: 0\n');
    await preview.showForm();
    await expect(page.getByTestId('preview-rejected')).toBeVisible();
    await designer.shot(`preview-02-rejected-${theme}`);

    await designer.open({ starter: 'app-database', theme });
    await preview.open();
    await expect(preview.resource('app')).toHaveAttribute('data-state', 'pending');
    await page.getByTestId('preview-form-toggle').click();
    await page.getByTestId('preview-pending-app').scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await designer.shot(`preview-03-pending-${theme}`);

    await designer.open({ starter: 'foreach', theme });
    await preview.open();
    await expect(preview.overlay('regionConfigs', 'count')).toBeVisible();
    await page.waitForTimeout(400);
    await designer.shot(`preview-04-foreach-${theme}`);

    // An expression that fails at render time: the node says why, kro applies nothing for it.
    const valid = await designer.text();
    await designer.setText(valid.replace('count: ${string(size(regionConfigs))}', 'count: ${string(int(schema.spec.logLevel))}'));
    await expect(preview.resource('summary')).toHaveAttribute('data-state', 'error');
    await expect(page.getByTestId('preview-errors-summary')).toContainText('type conversion error');
    await expect(preview.summary).toHaveText('2 objects · 1 failed');
    await page.getByTestId('preview-errors-summary').scrollIntoViewIfNeeded();
    await designer.shot(`preview-05a-node-error-${theme}`);

    await designer.setText(valid.replace('kind: ConfigMap', 'kind: ConfigMapp'));
    await expect(page.getByTestId('preview-blocked')).toBeVisible();
    await designer.shot(`preview-05-blocked-${theme}`);

    await designer.setText('# nothing here yet\n');
    await expect(page.getByTestId('preview-empty')).toBeVisible();
    await designer.shot(`preview-06-empty-${theme}`);
  });
}

test('every input kind of the instance form edits the instance', async ({ page }) => {
  const designer = new DesignerPage(page);
  const preview = new PreviewPage(page);
  await designer.open({ starter: 'blank' });
  await designer.setText(RICH);
  await expect(page.getByTestId('validity')).toHaveText('Valid');
  await preview.open();
  // The required image is prefilled so the first render works.
  await expect(preview.input('image')).toHaveValue('nginx:1.27');
  await expect(preview.form).toContainText('Container image to run');
  await page.getByTestId('instance-add-ports').click();
  await preview.input('ports.0.number').fill('8080');
  await page.getByTestId('instance-newkey-labels').fill('team');
  await page.getByTestId('instance-add-labels').click();
  await preview.input('labels.team').fill('payments');
  await preview.input('tier').selectOption('batch');
  await expect(preview.yaml('config')).toContainText('team: payments');
  await expect(preview.yaml('config')).toContainText('tier: batch');
  expect(await preview.instanceYaml()).toContain('ports:\n    - number: 8080\n');
  await preview.showForm();
  await preview.input('ports.0.number').fill('70000');
  await expect(preview.fieldError('ports.0.number')).toBeVisible();
  await preview.input('ports.0.number').fill('443');
  await expect(preview.fieldError('ports.0.number')).toHaveCount(0);
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByTestId('theme-toggle').click();
    await page.waitForTimeout(300);
    await designer.shot(`preview-07-form-${theme}`);
  }
});

