import { expect, type Locator, type Page } from '@playwright/test';
import { DesignerPage } from './DesignerPage';

/** The designer's cluster side: the cluster switcher, the deploy dialog, the instances tab and the live view. */
export class DeployPage extends DesignerPage {
  readonly deployButton: Locator;
  readonly deployDialog: Locator;
  readonly clusterSwitcher: Locator;
  readonly liveHeader: Locator;

  constructor(page: Page) {
    super(page);
    this.deployButton = page.getByTestId('deploy-open');
    this.deployDialog = page.getByTestId('deploy-dialog');
    this.clusterSwitcher = page.getByTestId('cluster-switcher');
    this.liveHeader = page.getByTestId('live-header');
  }

  /**
   * Opens the web app starter renamed to `name` / kind `kind` (each journey deploys its own RGD, so journeys sharing a
   * cluster never fight over one CRD), on `origin` (another server than the configured one) when given.
   */
  async openWebApp(name: string, kind: string, origin = ''): Promise<void> {
    await this.page.goto(`${origin}/?starter=webapp`);
    await expect(this.page.getByTestId('validity')).not.toHaveText('Validating…');
    await this.page.waitForFunction(() => (window as unknown as { __kroMonaco?: unknown }).__kroMonaco !== undefined);
    const text = await this.text();
    await this.setText(text.replace('name: web-app', `name: ${name}`).replace('kind: WebApp', `kind: ${kind}`));
    await expect(this.page.getByTestId('validity')).toHaveText('Valid');
    await expect(this.page.locator('.design-name')).toHaveText(name);
  }

  /** Picks the cluster with this id in the switcher and waits until it answered as reachable. */
  async selectCluster(id: string): Promise<void> {
    await this.clusterSwitcher.click();
    await this.page.getByTestId(`cluster-option-${id}`).click();
    await expect(this.page.getByTestId('cluster-details')).toHaveAttribute('data-reachability', 'reachable', { timeout: 20_000 });
    await this.page.keyboard.press('Escape');
  }

  /** Opens the deploy dialog and waits for the plan. */
  async openPlan(): Promise<void> {
    await expect(this.deployButton).toBeEnabled({ timeout: 20_000 });
    await this.deployButton.click();
    await expect(this.page.getByTestId('deploy-plan').or(this.page.getByTestId('deploy-plan-error'))).toBeVisible({ timeout: 30_000 });
  }

  /** Plan, confirm, and wait until kro reports the RGD Active (every step done). */
  async deploy(): Promise<void> {
    await this.openPlan();
    await expect(this.page.getByTestId('dry-run-ok')).toBeVisible();
    await this.page.getByTestId('deploy-confirm').click();
    await expect(this.page.getByTestId('deploy-progress')).toHaveAttribute('data-state', 'active', { timeout: 60_000 });
  }

  async closeDialog(): Promise<void> {
    await this.page.getByTestId('deploy-close').click();
    await expect(this.deployDialog).toBeHidden();
  }

  async openInstances(): Promise<void> {
    await this.page.getByTestId('tab-instances').click();
    await expect(this.page.getByTestId('instances-panel')).toBeVisible({ timeout: 20_000 });
  }

  /** Fills the generated form's field `name` (a text or number input under the field's label). */
  async setField(name: string, value: string): Promise<void> {
    const input = this.page.getByTestId('instance-dialog').getByTestId(`instance-input-${name}`);
    await input.fill(value);
  }

  /** Sets the whole instance through the form's YAML view. */
  async setInstanceYaml(text: string): Promise<void> {
    const dialog = this.page.getByTestId('instance-dialog');
    await dialog.getByTestId('instance-view-yaml').click();
    await dialog.getByTestId('instance-yaml').fill(text);
  }

  /** The live health a node shows on the canvas (`data-health` of the node). */
  health(id: string): Locator {
    return this.node(id);
  }

  async expectHealth(id: string, state: string, timeout = 30_000): Promise<void> {
    await expect(this.node(id)).toHaveAttribute('data-health', state, { timeout });
  }
}
