import { useEffect, useMemo, useRef, useState } from 'react';
import { KIND_DRAG_TYPE } from '../canvas/CanvasView';
import type { KindSummary } from '../validation/protocol';
import type { KindSource, PaletteKind } from './PaletteKind';
import type { ServerKinds } from './usePaletteKinds';

export interface PaletteProps {
  /** The bundled Kubernetes kinds (from the validation worker). */
  readonly kinds: readonly KindSummary[];
  /** Kinds from the server: the selected cluster's CRDs and other stored designs' kinds. */
  readonly serverKinds?: ServerKinds;
  /** False when the text holds no RGD to add to. */
  readonly enabled: boolean;
  readonly onAdd: (kind: PaletteKind) => void;
}

/** Kinds offered first: what most RGDs are made of. */
const COMMON = ['Deployment', 'Service', 'ConfigMap', 'Secret', 'Ingress', 'StatefulSet', 'Job', 'CronJob', 'PersistentVolumeClaim', 'ServiceAccount'];

const GROUPS: readonly { source: KindSource; title: string }[] = [
  { source: 'cluster', title: 'Custom resources on the cluster' },
  { source: 'design', title: 'Defined by stored designs' },
  { source: 'builtin', title: 'Kubernetes 1.35 built-in' },
];

/** "Add resource": a searchable, grouped list of kinds; click (or drag onto the canvas) to add one. */
export function Palette({ kinds, serverKinds, enabled, onAdd }: PaletteProps) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const refreshServer = serverKinds?.refresh;

  useEffect(() => {
    if (!open) return;
    input.current?.focus();
    refreshServer?.();
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
    // Refresh once per opening, not when the callback identity changes while open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const groups = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const rank = (k: PaletteKind) => {
      const i = k.source === 'builtin' ? COMMON.indexOf(k.kind) : -1;
      return i === -1 ? COMMON.length : i;
    };
    const all: PaletteKind[] = [...(serverKinds?.kinds ?? []), ...kinds.map((k) => ({ ...k, source: 'builtin' as const }))];
    const shown = all
      .filter((k) => f === '' || k.kind.toLowerCase().includes(f) || k.apiVersion.toLowerCase().includes(f) || (k.detail?.toLowerCase().includes(f) ?? false))
      .filter((k) => k.source !== 'builtin' || !k.apiVersion.includes('alpha') || f !== '')
      .sort((a, b) => rank(a) - rank(b) || a.kind.localeCompare(b.kind) || a.apiVersion.localeCompare(b.apiVersion));
    return GROUPS.map((g) => ({ ...g, items: shown.filter((k) => k.source === g.source) })).filter((g) => g.items.length > 0);
  }, [kinds, serverKinds?.kinds, filter]);

  const add = (k: PaletteKind) => {
    onAdd(k);
    setOpen(false);
    setFilter('');
  };

  return (
    <div className="palette" ref={root}>
      <button type="button" className="primary" data-testid="add-resource" aria-expanded={open} disabled={kinds.length === 0 || !enabled} onClick={() => setOpen((o) => !o)}>
        + Add resource
      </button>
      {open && (
        <div className="palette-popover" role="dialog" aria-label="Add a resource" data-testid="palette" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <input ref={input} type="search" placeholder="Filter kinds…" aria-label="Filter kinds" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="palette-filter" />
          <div className="palette-list">
            {groups.map((g) => (
              <section key={g.source} aria-label={g.title} data-testid={`palette-group-${g.source}`}>
                <h3 className="palette-group">
                  {g.title} <span className="muted">{g.items.length}</span>
                </h3>
                <ul>
                  {g.items.map((k) => (
                    <li key={`${k.source}:${k.apiVersion}/${k.kind}`}>
                      <button
                        type="button"
                        draggable
                        data-testid={`palette-${k.source === 'builtin' ? '' : `${k.source}-`}${k.kind}`}
                        title={k.detail}
                        onDragStart={(e) => {
                          e.dataTransfer.setData(KIND_DRAG_TYPE, JSON.stringify(k));
                          e.dataTransfer.effectAllowed = 'copy';
                        }}
                        onClick={() => add(k)}
                      >
                        <span className="palette-kind">{k.kind}</span>
                        <span className="palette-api">{k.apiVersion}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
            {groups.length === 0 && <p className="muted palette-none">No kind matches “{filter}”.</p>}
          </div>
          {serverKinds?.notes.map((n) => (
            <p key={n} className="palette-note" role="status">
              {n}
            </p>
          ))}
          <p className="palette-hint">{serverKinds?.loading ? 'Reading the cluster’s CRDs and stored designs… ' : ''}Drag a kind onto the canvas or press Enter.</p>
        </div>
      )}
    </div>
  );
}
