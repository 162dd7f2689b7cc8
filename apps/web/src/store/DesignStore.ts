/** Where a text change came from; typing in the editor is coalesced into undo steps, everything else is one step. */
export type ChangeSource = 'editor' | 'command' | 'load' | 'undo' | 'redo';

export interface DesignState {
  /** The RGD YAML: the source of truth of the design. */
  readonly text: string;
  /** Increases on every change; validation results carry it so stale ones are recognised. */
  readonly version: number;
  readonly source: ChangeSource;
  /** Name of the last command or load, for the status line ("Added resource deployment"). */
  readonly label?: string;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

/** A named, pure edit of the YAML text. */
export interface Command {
  readonly label: string;
  run(text: string): CommandResult;
}

export type CommandResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

export interface DesignStoreOptions {
  /** Typing pauses longer than this start a new undo step (milliseconds). */
  readonly coalesceMs?: number;
  readonly now?: () => number;
  readonly historyLimit?: number;
}

/**
 * The design document: its text and one undo history shared by the editor and every canvas command. Plain data,
 * no React; components subscribe with `useSyncExternalStore`.
 */
export class DesignStore {
  private state: DesignState;
  private past: string[] = [];
  private future: string[] = [];
  private lastEditorChange = -Infinity;
  private readonly listeners = new Set<() => void>();
  private readonly coalesceMs: number;
  private readonly now: () => number;
  private readonly historyLimit: number;

  constructor(text: string, options: DesignStoreOptions = {}) {
    this.coalesceMs = options.coalesceMs ?? 1000;
    this.now = options.now ?? (() => Date.now());
    this.historyLimit = options.historyLimit ?? 500;
    this.state = { text, version: 1, source: 'load', canUndo: false, canRedo: false };
  }

  getState = (): DesignState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A change typed in the editor. Consecutive keystrokes within `coalesceMs` form one undo step. */
  setTextFromEditor(text: string): void {
    if (text === this.state.text) return;
    const t = this.now();
    const continuing = this.state.source === 'editor' && t - this.lastEditorChange <= this.coalesceMs;
    if (!continuing) this.pushPast(this.state.text);
    this.future = [];
    this.lastEditorChange = t;
    this.commit(text, 'editor');
  }

  /** Runs a command; on success its text becomes the design and one undo step. */
  apply(command: Command): CommandResult {
    const result = command.run(this.state.text);
    if (!result.ok) return result;
    if (result.text !== this.state.text) {
      this.pushPast(this.state.text);
      this.future = [];
      this.commit(result.text, 'command', command.label);
    }
    return result;
  }

  /** Replaces the whole text (starter, import, opened design) as one undoable step. */
  load(text: string, label: string): void {
    if (text !== this.state.text) this.pushPast(this.state.text);
    this.future = [];
    this.commit(text, 'load', label);
  }

  undo(): boolean {
    return this.step(this.past, this.future, 'undo', 'Undo');
  }

  redo(): boolean {
    return this.step(this.future, this.past, 'redo', 'Redo');
  }

  /** Moves one text from `from` into the design, keeping the current one on `to`; false when `from` is empty. */
  private step(from: string[], to: string[], source: 'undo' | 'redo', label: string): boolean {
    const text = from.pop();
    if (text === undefined) return false;
    to.push(this.state.text);
    this.commit(text, source, label);
    return true;
  }

  private pushPast(text: string): void {
    this.past.push(text);
    if (this.past.length > this.historyLimit) this.past.shift();
  }

  private commit(text: string, source: ChangeSource, label?: string): void {
    this.state = {
      text,
      version: this.state.version + 1,
      source,
      ...(label !== undefined ? { label } : {}),
      canUndo: this.past.length > 0,
      canRedo: this.future.length > 0,
    };
    for (const l of this.listeners) l();
  }
}
