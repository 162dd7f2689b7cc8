import { expect, type Locator, type Page } from '@playwright/test';

/** The instance preview: the instance form, the rendered children and the canvas overlays it paints. */
export class PreviewPage {
  readonly panel: Locator;
  readonly form: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('preview-panel');
    this.form = page.getByTestId('instance-form');
    this.summary = page.getByTestId('preview-summary');
  }

  /** Opens the Preview tab and waits for the first render. */
  async open(): Promise<void> {
    await this.page.getByTestId('tab-preview').click();
    await expect(this.panel).toBeVisible();
    await expect(this.summary).toBeVisible();
  }

  /** A spec field's input by its key relative to spec (`replicas`, `ingress.enabled`, `regions.0`). */
  input(key: string): Locator {
    return this.page.getByTestId(`instance-input-${key}`);
  }

  fieldError(key: string): Locator {
    return this.page.getByTestId(`instance-error-${key}`);
  }

  resource(id: string): Locator {
    return this.page.getByTestId(`preview-resource-${id}`);
  }

  /** The YAML of a rendered child (`index` for a forEach item). */
  yaml(id: string, index?: number): Locator {
    return this.page.getByTestId(`preview-yaml-${id}${index === undefined ? '' : `-${index}`}`);
  }

  /** The YAML view of the instance, as the user would type into it. */
  async setInstanceYaml(text: string): Promise<void> {
    await this.page.getByTestId('instance-view-yaml').click();
    await this.page.getByTestId('instance-yaml').fill(text);
  }

  async instanceYaml(): Promise<string> {
    await this.page.getByTestId('instance-view-yaml').click();
    return this.page.getByTestId('instance-yaml').inputValue();
  }

  async showForm(): Promise<void> {
    await this.page.getByTestId('instance-view-form').click();
  }

  /** An overlay badge the preview paints on a canvas node (`count`, `pending`, `excluded`). */
  overlay(id: string, key: string): Locator {
    return this.page.getByTestId(`overlay-${id}-${key}`);
  }
}
