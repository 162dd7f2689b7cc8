import { expect, type Locator, type Page } from '@playwright/test';

const SCREENSHOTS = new URL('../../.reports/screenshots/', import.meta.url).pathname;

interface MarkerInfo {
  readonly message: string;
  readonly severity: number;
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly code?: unknown;
}

/** The designer screen: editor, canvas, problems panel and toolbar. */
export class DesignerPage {
  readonly problems: Locator;
  readonly canvas: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;

  constructor(readonly page: Page) {
    this.problems = page.getByTestId('problem');
    this.canvas = page.getByTestId('canvas');
    this.undoButton = page.getByTestId('undo');
    this.redoButton = page.getByTestId('redo');
  }

  /** Opens the designer on a starter (default: web app) and waits for the first validation and layout. */
  async open(options: { starter?: string; theme?: 'light' | 'dark' } = {}): Promise<void> {
    const params = new URLSearchParams({ starter: options.starter ?? 'webapp', ...(options.theme ? { theme: options.theme } : {}) });
    await this.page.goto(`/?${params}`);
    await expect(this.page.getByTestId('validity')).not.toHaveText('Validating…');
    await expect(this.page.locator('.monaco-editor')).toBeVisible();
    await this.page.waitForFunction(() => (window as unknown as { __kroMonaco?: unknown }).__kroMonaco !== undefined);
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  /** Replaces the editor's text as if the user pasted it. */
  async setText(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      const m = (window as unknown as { __kroMonaco: { editor: { getModels(): { setValue(v: string): void }[] } } }).__kroMonaco;
      m.editor.getModels()[0]!.setValue(t);
    }, text);
  }

  async text(): Promise<string> {
    return this.page.evaluate(() => {
      const m = (window as unknown as { __kroMonaco: { editor: { getModels(): { getValue(): string }[] } } }).__kroMonaco;
      return m.editor.getModels()[0]!.getValue();
    });
  }

  /** Puts the cursor at a 1-based line/column and types like a user. */
  async typeAt(line: number, column: number, text: string): Promise<void> {
    await this.page.evaluate(
      ([l, c]) => {
        const m = (window as unknown as { __kroMonaco: { editor: { getEditors(): { setPosition(p: object): void; focus(): void }[] } } }).__kroMonaco;
        const e = m.editor.getEditors()[0]!;
        e.setPosition({ lineNumber: l, column: c });
        e.focus();
      },
      [line, column] as const,
    );
    await this.page.keyboard.type(text, { delay: 15 });
  }

  async cursor(): Promise<{ lineNumber: number; column: number }> {
    return this.page.evaluate(() => {
      const m = (window as unknown as { __kroMonaco: { editor: { getEditors(): { getPosition(): { lineNumber: number; column: number } }[] } } }).__kroMonaco;
      const p = m.editor.getEditors()[0]!.getPosition();
      return { lineNumber: p.lineNumber, column: p.column };
    });
  }

  async markers(): Promise<MarkerInfo[]> {
    return this.page.evaluate(() => {
      const m = (window as unknown as { __kroMonaco: { editor: { getModelMarkers(f: object): MarkerInfo[] } } }).__kroMonaco;
      return m.editor.getModelMarkers({ owner: 'kro' }).map((x) => ({ message: x.message, severity: x.severity, startLineNumber: x.startLineNumber, startColumn: x.startColumn, code: x.code }));
    });
  }

  /** Opens the palette and adds a kind by clicking it. */
  async addFromPalette(kind: string): Promise<void> {
    await this.page.getByTestId('add-resource').click();
    await this.page.getByTestId('palette-filter').fill(kind);
    await this.page.getByTestId(`palette-${kind}`).first().click();
  }

  async importText(text: string): Promise<void> {
    await this.page.getByTestId('import-open').click();
    await this.page.getByTestId('import-text').fill(text);
    await this.page.getByTestId('import-apply').click();
  }

  /** Saves a screenshot under .reports/screenshots. */
  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
  }
}
