import { useEffect, useMemo, useRef, useState } from 'react';
import { KIND_DRAG_TYPE } from '../canvas/CanvasView';
import type { KindSummary } from '../validation/protocol';

export interface PaletteProps {
  readonly kinds: readonly KindSummary[];
  /** False when the text holds no RGD to add to. */
  readonly enabled: boolean;
  readonly onAdd: (kind: KindSummary) => void;
}

/** Kinds offered first: what most RGDs are made of. */
const COMMON = ['Deployment', 'Service', 'ConfigMap', 'Secret', 'Ingress', 'StatefulSet', 'Job', 'CronJob', 'PersistentVolumeClaim', 'ServiceAccount'];

/** "Add resource": a searchable list of the bundled kinds; click (or drag onto the canvas) to add one. */
export function Palette({ kinds, enabled, onAdd }: PaletteProps) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    input.current?.focus();
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const list = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const rank = (k: KindSummary) => {
      const i = COMMON.indexOf(k.kind);
      return i === -1 ? COMMON.length : i;
    };
    return kinds
      .filter((k) => f === '' || k.kind.toLowerCase().includes(f) || k.apiVersion.toLowerCase().includes(f))
      .filter((k) => !k.apiVersion.includes('alpha') || f !== '')
      .slice()
      .sort((a, b) => rank(a) - rank(b) || a.kind.localeCompare(b.kind) || a.apiVersion.localeCompare(b.apiVersion));
  }, [kinds, filter]);

  return (
    <div className="palette" ref={root}>
      <button type="button" className="primary" data-testid="add-resource" aria-expanded={open} disabled={kinds.length === 0 || !enabled} onClick={() => setOpen((o) => !o)}>
        + Add resource
      </button>
      {open && (
        <div className="palette-popover" role="dialog" aria-label="Add a resource" data-testid="palette" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <input ref={input} type="search" placeholder="Filter kinds…" aria-label="Filter kinds" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="palette-filter" />
          <ul className="palette-list">
            {list.map((k) => (
              <li key={`${k.apiVersion}/${k.kind}`}>
                <button
                  type="button"
                  draggable
                  data-testid={`palette-${k.kind}`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(KIND_DRAG_TYPE, JSON.stringify(k));
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => {
                    onAdd(k);
                    setOpen(false);
                    setFilter('');
                  }}
                >
                  <span className="palette-kind">{k.kind}</span>
                  <span className="palette-api">{k.apiVersion}</span>
                </button>
              </li>
            ))}
            {list.length === 0 && <li className="muted palette-none">No bundled kind matches “{filter}”.</li>}
          </ul>
          <p className="palette-hint">Kubernetes 1.35 built-in kinds. Drag one onto the canvas or press Enter.</p>
        </div>
      )}
    </div>
  );
}
