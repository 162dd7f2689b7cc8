import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, DesignsApi, type ServerAvailability } from '../api/designsApi';
import type { DesignState, DesignStore } from '../store/DesignStore';
import { errorMessage } from '../ui/errorMessage';

/** The stored design being edited: its head as last saved by this editor. */
export interface OpenDesign {
  readonly id: string;
  readonly name: string;
  readonly revision: number;
  readonly etag: string;
  /** The head's text; the editor has unsaved changes when its text differs. */
  readonly savedText: string;
}

export type SaveState =
  | { readonly kind: 'local' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'unsaved' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'draft-saved'; readonly at: string }
  | { readonly kind: 'error'; readonly message: string };

export interface DesignSession {
  readonly server: ServerAvailability;
  readonly design: OpenDesign | undefined;
  readonly saveState: SaveState;
  readonly api: DesignsApi;
  open(id: string): Promise<void>;
  /** Saves a revision of the open design, or creates a design named `name`. */
  save(name?: string): Promise<boolean>;
  /** Forgets the open design (the text stays): the next save creates a new one. */
  detach(): void;
  /** Stores `revision` as a new head revision and loads it into the editor (undoable). Throws with the reason. */
  restore(revision: number): Promise<void>;
}

const AUTOSAVE_MS = 1500;
const time = () => new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Server state of the design (the second of the UI's three kinds of state): which stored design the text belongs
 * to, saving revisions on request and autosaving a draft after every pause in editing.
 */
export function useDesignSession(store: DesignStore, state: DesignState): DesignSession {
  const api = useMemo(() => new DesignsApi(), []);
  const [server, setServer] = useState<ServerAvailability>('checking');
  const [design, setDesign] = useState<OpenDesign>();
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'local' });
  const draftTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    let live = true;
    void api.availability().then((a) => live && setServer(a));
    return () => {
      live = false;
    };
  }, [api]);

  // Autosave: after a pause, the caller's draft of the open design follows the text.
  useEffect(() => {
    clearTimeout(draftTimer.current);
    if (!design) return;
    if (state.text === design.savedText) {
      setSaveState((s) => (s.kind === 'saving' ? s : { kind: 'saved' }));
      return;
    }
    setSaveState((s) => (s.kind === 'saving' ? s : { kind: 'unsaved' }));
    const text = state.text;
    draftTimer.current = setTimeout(() => {
      api.saveDraft(design.id, text, design.revision).then(
        () => setSaveState((s) => (s.kind === 'saving' || store.getState().text !== text ? s : { kind: 'draft-saved', at: time() })),
        (e: unknown) => setSaveState({ kind: 'error', message: `Autosave failed: ${errorMessage(e)}` }),
      );
    }, AUTOSAVE_MS);
    return () => clearTimeout(draftTimer.current);
  }, [api, design, state.text, store]);

  const open = useCallback(
    async (id: string) => {
      const d = await api.get(id);
      let text = d.yaml;
      let label = `Opened “${d.name}” (revision ${d.revision})`;
      if (d.draft && !d.draft.stale) {
        const draft = await api.getDraft(id);
        text = draft.yaml;
        label = `Opened “${d.name}” with your autosaved draft (revision ${d.revision} + changes)`;
      }
      setDesign({ id: d.id, name: d.name, revision: d.revision, etag: d.etag, savedText: d.yaml });
      store.load(text, label);
    },
    [api, store],
  );

  const save = useCallback(
    async (name?: string) => {
      const text = store.getState().text;
      setSaveState({ kind: 'saving' });
      try {
        const d = design && name === undefined ? await api.save(design.id, design.etag, text) : await api.create(name ?? 'Untitled design', text);
        setDesign({ id: d.id, name: d.name, revision: d.revision, etag: d.etag, savedText: text });
        setSaveState(store.getState().text === text ? { kind: 'saved' } : { kind: 'unsaved' });
        return true;
      } catch (e) {
        const stale = e instanceof ApiError && e.status === 412;
        setSaveState({ kind: 'error', message: stale ? 'Not saved: someone saved a newer revision of this design. Open it again to continue from theirs.' : `Not saved: ${errorMessage(e)}` });
        return false;
      }
    },
    [api, design, store],
  );

  const detach = useCallback(() => {
    setDesign(undefined);
    setSaveState({ kind: 'local' });
  }, []);

  const restore = useCallback(
    async (revision: number) => {
      if (!design) throw new Error('No stored design is open');
      try {
        const d = await api.restore(design.id, revision, design.etag);
        setDesign({ id: d.id, name: d.name, revision: d.revision, etag: d.etag, savedText: d.yaml });
        store.load(d.yaml, `Restored revision ${revision} as revision ${d.revision} (Undo to get your text back)`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) throw new Error('Someone saved a newer revision of this design: open it again, then restore', { cause: e });
        throw e;
      }
    },
    [api, design, store],
  );

  return { server, design, saveState, api, open, save, detach, restore };
}
