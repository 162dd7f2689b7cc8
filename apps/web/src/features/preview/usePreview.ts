import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NodeOverlays } from '../canvas/NodeOverlay';
import { isPlainObject, requiredSample, type InstanceFieldDiagnostic, type PlainObject } from '../instance/instanceValue';
import { instanceToYaml, type InstanceMetadata } from '../instance/instanceYaml';
import type { DesignSnapshot, PreviewSnapshot } from '../validation/protocol';
import type { RenderAnswer } from '../validation/ValidationClient';
import { objectKey } from './objectYaml';
import { previewOverlays } from './previewOverlays';

const STORAGE_PREFIX = 'kro-designer.instance.';
/** Edits closer together than this are one burst for the diff baseline. */
const BURST_MS = 1500;
const NO_SPEC: PlainObject = {};
const NO_METADATA: InstanceMetadata = { name: '', namespace: '' };

interface Instance {
  /** The instance kind this value belongs to; a design of another kind starts a fresh instance. */
  readonly kind: string;
  readonly spec: PlainObject;
  readonly metadata: InstanceMetadata;
}

export interface PreviewModel {
  readonly spec: PlainObject;
  readonly metadata: InstanceMetadata;
  readonly setSpec: (next: PlainObject) => void;
  readonly setMetadata: (next: InstanceMetadata) => void;
  /** Starts over from the schema's required fields. */
  readonly reset: () => void;
  /** The instance as rendered (YAML text). */
  readonly instanceText: string;
  readonly preview: PreviewSnapshot | undefined;
  /** The render before `preview` whose output differed from it (the diff baseline). */
  readonly previous: PreviewSnapshot | undefined;
  /** The newest render that produced resources (shown, greyed, while the instance is rejected). */
  readonly lastRendered: PreviewSnapshot | undefined;
  /** True while a render for the newest text or instance is under way. */
  readonly rendering: boolean;
  /** The render engine failed (a bug), with its message. */
  readonly error: string | undefined;
  /** Instance diagnostics for the form. */
  readonly instanceDiagnostics: readonly InstanceFieldDiagnostic[];
  readonly overlays: NodeOverlays;
}

function stored(kind: string): Instance | undefined {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + kind);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as unknown;
    if (!isPlainObject(v) || !isPlainObject(v.spec) || !isPlainObject(v.metadata)) return undefined;
    const m = v.metadata;
    return { kind, spec: v.spec, metadata: { name: String(m.name ?? ''), namespace: String(m.namespace ?? '') } };
  } catch {
    // Tested fallback: unreadable storage (private mode, bad JSON) means a fresh instance.
    return undefined;
  }
}

function fresh(kind: string, snapshot: DesignSnapshot | undefined): Instance {
  return { kind, spec: requiredSample(snapshot?.rgd?.specSchema), metadata: { name: `my-${kind.toLowerCase()}`, namespace: 'default' } };
}

/** What changed between two renders as the user sees it: the objects' YAML, states and the status. */
const renderKey = (p: PreviewSnapshot) => `${p.resources.map((r) => `${r.id}:${r.state}:${r.objects.map(objectKey).join('\u0000')}`).join('\n')}\n${p.statusYaml}`;

/**
 * The instance preview: holds the instance being previewed (per instance kind, kept in this browser), renders it in
 * the validation worker for every text version and instance edit while `open` (one render in flight, only the
 * newest queued), and keeps the previous differing render as the diff baseline.
 */
export function usePreview(open: boolean, snapshot: DesignSnapshot | undefined, render: (version: number, instance: string) => Promise<RenderAnswer>): PreviewModel {
  const kind = snapshot?.rgd?.kind ?? '';
  const [instance, setInstance] = useState<Instance | undefined>();
  const current = instance && instance.kind === kind ? instance : undefined;
  useEffect(() => {
    if (kind === '' || !snapshot?.rgd?.specSchema || (instance && instance.kind === kind)) return;
    setInstance(stored(kind) ?? fresh(kind, snapshot));
  }, [kind, snapshot, instance]);
  useEffect(() => {
    if (!instance) return;
    const t = setTimeout(() => localStorage.setItem(STORAGE_PREFIX + instance.kind, JSON.stringify({ spec: instance.spec, metadata: instance.metadata })), 300);
    return () => clearTimeout(t);
  }, [instance]);

  const spec = current?.spec ?? NO_SPEC;
  const metadata = current?.metadata ?? NO_METADATA;
  const apiVersion = snapshot?.rgd?.instanceApiVersion;
  const instanceText = useMemo(() => instanceToYaml({ ...(apiVersion ? { apiVersion } : {}), ...(kind ? { kind } : {}), metadata, spec }), [apiVersion, kind, metadata, spec]);

  const [preview, setPreview] = useState<PreviewSnapshot>();
  const [previous, setPrevious] = useState<PreviewSnapshot>();
  const [lastRendered, setLastRendered] = useState<PreviewSnapshot>();
  const [error, setError] = useState<string>();
  const [rendering, setRendering] = useState(false);
  const renderRef = useRef(render);
  renderRef.current = render;
  const wanted = useRef<{ version: number; text: string } | undefined>(undefined);
  const busy = useRef(false);
  const shown = useRef<PreviewSnapshot | undefined>(undefined);
  const lastChange = useRef(0);

  const pump = useCallback(() => {
    const w = wanted.current;
    if (busy.current || !w) return;
    wanted.current = undefined;
    busy.current = true;
    setRendering(true);
    void renderRef.current(w.version, w.text).then((answer) => {
      busy.current = false;
      if (answer.preview) {
        const next = answer.preview;
        const before = shown.current;
        if (before && renderKey(before) !== renderKey(next)) {
          // The baseline is the render before a burst of edits (typing "nginx:1.29" marks the line against what it
          // was before the first key), so it only moves after a pause.
          const now = Date.now();
          if (now - lastChange.current > BURST_MS) setPrevious(before);
          lastChange.current = now;
        }
        shown.current = next;
        setPreview(next);
        if (next.resources.length > 0) setLastRendered(next);
        setError(undefined);
      } else if (answer.error !== undefined) setError(answer.error);
      if (!wanted.current) setRendering(false);
      pump();
    });
  }, []);

  const ready = open && current !== undefined && snapshot?.rgd !== undefined;
  // Keyed on the text version: a snapshot object rebuilt for the same text (cluster diagnostics) renders nothing new.
  const version = snapshot?.version;
  useEffect(() => {
    if (!ready || version === undefined) return;
    wanted.current = { version, text: instanceText };
    pump();
  }, [ready, version, instanceText, pump]);

  const setSpec = useCallback((next: PlainObject) => setInstance((i) => (i ? { ...i, spec: next } : i)), []);
  const setMetadata = useCallback((next: InstanceMetadata) => setInstance((i) => (i ? { ...i, metadata: next } : i)), []);
  const reset = useCallback(() => {
    if (kind !== '') setInstance(fresh(kind, snapshot));
  }, [kind, snapshot]);

  const instanceDiagnostics = useMemo(() => (preview?.diagnostics ?? []).filter((d) => d.document === 'instance').map((d) => ({ path: d.path, message: d.message, severity: d.severity })), [preview]);
  // A rejected instance renders nothing; the canvas keeps the last render's paint, as the panel keeps its list.
  const overlays = useMemo(() => previewOverlays((preview && preview.resources.length > 0 ? preview : lastRendered)?.resources ?? []), [preview, lastRendered]);
  return { spec, metadata, setSpec, setMetadata, reset, instanceText, preview, previous, lastRendered, rendering, error, instanceDiagnostics, overlays };
}
