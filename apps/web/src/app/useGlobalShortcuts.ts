import { useEffect, type RefObject } from 'react';
import type { DesignStore } from '../store/DesignStore';

/** Ctrl+S saves anywhere; undo/redo outside the editor (the editor routes its own keys to the store). */
export function useGlobalShortcuts(store: DesignStore, save: RefObject<() => void>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        save.current();
        return;
      }
      const target = e.target as HTMLElement | null;
      if (target?.closest('.monaco-editor, input, textarea, select')) return;
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) store.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') store.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, save]);
}
