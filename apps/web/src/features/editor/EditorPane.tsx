import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { Span } from '@kro-designer/core';
import type { DesignStore } from '../../store/DesignStore';
import type { DesignSnapshot } from '../validation/protocol';
import { registerCelProviders, type QueryFn } from './registerCelProviders';
import { registerQuickFixes } from './registerQuickFixes';
import { configureRgdSchema, installMonaco, monaco } from './setupMonaco';
import { spanToRange, toMarkers } from './toMonaco';

export interface EditorHandle {
  /** Scrolls to `span`, selects it and focuses the editor. */
  reveal(span: Span): void;
  focus(): void;
}

export interface EditorPaneProps {
  readonly store: DesignStore;
  readonly snapshot: DesignSnapshot | undefined;
  readonly theme: 'light' | 'dark';
  readonly rgdJsonSchema: unknown;
  readonly query: QueryFn;
  /** The resource id under the cursor, for highlighting its node. */
  readonly onCursorResource?: (offset: number) => void;
  readonly handle?: Ref<EditorHandle>;
}

const MODEL_URI = 'inmemory://design/rgd.yaml';

/**
 * Monaco on the design's text. Typing goes to the store (which owns undo); text changed elsewhere (canvas
 * commands, undo, starters) is applied to the model as one minimal edit so the cursor and scroll stay put.
 * Undo/redo keys are routed to the store, so one history spans editor and canvas.
 */
export function EditorPane({ store, snapshot, theme, rgdJsonSchema, query, onCursorResource, handle }: EditorPaneProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const applying = useRef(false);
  const queryRef = useRef(query);
  queryRef.current = query;
  const cursorRef = useRef(onCursorResource);
  cursorRef.current = onCursorResource;
  const snapshotRef = useRef(snapshot);
  snapshotRef.current = snapshot;

  useEffect(() => {
    installMonaco();
    const uri = monaco.Uri.parse(MODEL_URI);
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(store.getState().text, 'yaml', uri);
    model.setValue(store.getState().text);
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 19,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderWhitespace: 'boundary',
      fixedOverflowWidgets: true,
      quickSuggestions: { other: true, strings: true, comments: false },
      ariaLabel: 'RGD YAML editor',
    });
    editorRef.current = editor;
    const providers = [
      ...registerCelProviders(monaco, (_model, offset) => queryRef.current(_model, offset)),
      registerQuickFixes(monaco, () => (snapshotRef.current?.version === store.getState().version ? snapshotRef.current.diagnostics : undefined)),
    ];
    const onChange = model.onDidChangeContent(() => {
      if (!applying.current) store.setTextFromEditor(model.getValue());
    });
    const onCursor = editor.onDidChangeCursorPosition((e) => cursorRef.current?.(model.getOffsetAt(e.position)));
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => store.undo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () => store.redo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => store.redo());
    const unsubscribe = store.subscribe(() => {
      const text = store.getState().text;
      if (text === model.getValue()) return;
      applying.current = true;
      try {
        applyMinimalEdit(model, text);
      } finally {
        applying.current = false;
      }
    });
    // For tests and debugging: the e2e suite reads markers through this.
    (window as unknown as { __kroMonaco?: typeof monaco }).__kroMonaco = monaco;
    return () => {
      unsubscribe();
      onChange.dispose();
      onCursor.dispose();
      for (const p of providers) p.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, [store]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  useEffect(() => {
    if (rgdJsonSchema) configureRgdSchema(rgdJsonSchema);
  }, [rgdJsonSchema]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || !snapshot) return;
    // Markers only for the text they were computed from; a newer snapshot follows within milliseconds.
    if (snapshot.version !== store.getState().version) return;
    monaco.editor.setModelMarkers(model, 'kro', toMarkers(monaco, model, snapshot.diagnostics));
  }, [snapshot, store]);

  useImperativeHandle(handle, () => ({
    reveal(span) {
      const editor = editorRef.current;
      const model = editor?.getModel();
      if (!editor || !model) return;
      const range = spanToRange(monaco, model, span);
      editor.setSelection(range);
      editor.revealRangeInCenterIfOutsideViewport(range);
      editor.focus();
    },
    focus() {
      editorRef.current?.focus();
    },
  }));

  return <div ref={host} className="editor-host" data-testid="editor" />;
}

/** Replaces only the changed middle of the text, as one edit. */
function applyMinimalEdit(model: monaco.editor.ITextModel, next: string): void {
  const current = model.getValue();
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endCur = current.length;
  let endNext = next.length;
  while (endCur > start && endNext > start && current.charCodeAt(endCur - 1) === next.charCodeAt(endNext - 1)) {
    endCur--;
    endNext--;
  }
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(endCur);
  model.pushEditOperations([], [{ range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), text: next.slice(start, endNext) }], () => null);
}
