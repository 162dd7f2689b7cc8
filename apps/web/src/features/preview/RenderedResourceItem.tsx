import { memo, useState } from 'react';
import { kindBadge } from '../canvas/kindBadge';
import type { PreviewResource } from '../validation/protocol';
import { objectKey, objectYaml } from './objectYaml';
import { exclusionReason } from './previewOverlays';
import { YamlView } from './YamlView';

export interface RenderedResourceItemProps {
  readonly resource: PreviewResource;
  /** The same resource in the previous render (the diff baseline). */
  readonly previous: PreviewResource | undefined;
  readonly selected: boolean;
  readonly onSelect: (id: string) => void;
}

/** forEach collections show this many items before "Show all". */
const FIRST_ITEMS = 20;

function nameOf(o: { name?: string; namespace?: string } | undefined): string {
  if (!o?.name) return '';
  return o.namespace ? `${o.namespace}/${o.name}` : o.name;
}

/** One RGD resource of the preview: header (kind, id, name, state), why it is excluded or pending, its YAML. */
function RenderedResourceItemImpl({ resource: r, previous, selected, onSelect }: RenderedResourceItemProps) {
  // Open unless excluded, until the user decides: a node that becomes included opens by itself.
  const [userOpen, setOpen] = useState<boolean>();
  const open = userOpen ?? r.state !== 'excluded';
  const [all, setAll] = useState(false);
  const badge = kindBadge(r.kind);
  const collection = r.forEach.length > 0;
  const objects = all ? r.objects : r.objects.slice(0, FIRST_ITEMS);
  const hasBody = r.objects.length > 0;
  const changed = previous !== undefined && (previous.state !== r.state || previous.objects.length !== r.objects.length || previous.objects.some((o, i) => r.objects[i] === undefined || objectKey(o) !== objectKey(r.objects[i])));
  return (
    <li className={`preview-item state-${r.state}${selected ? ' selected' : ''}`} data-testid={`preview-resource-${r.id}`} data-state={r.state}>
      <div className="preview-item-head">
        <button type="button" className="ghost small preview-toggle" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${r.id}`} disabled={!hasBody} onClick={() => setOpen(!open)}>
          {open && hasBody ? '▾' : '▸'}
        </button>
        <button type="button" className="preview-select" onClick={() => onSelect(r.id)} title="Select this node on the canvas" data-testid={`preview-select-${r.id}`}>
          <span className={`kind-icon small family-${badge.family}`} aria-hidden="true">
            {badge.text}
          </span>
          <span className="preview-id">{r.id}</span>
          <span className="preview-kind">{r.kind ?? '?'}</span>
          <span className="preview-name">{collection ? `${r.objects.length} object${r.objects.length === 1 ? '' : 's'}` : nameOf(r.objects[0])}</span>
        </button>
        {changed && (
          <span className="chip changed" title="Different from the previous render">
            changed
          </span>
        )}
        {collection && r.cardinality !== undefined && r.state !== 'excluded' && (
          <span className="chip count" title={`forEach over ${r.forEach.join(' × ')}`} data-testid={`preview-count-${r.id}`}>
            × {r.cardinality}
          </span>
        )}
        {r.externalRef && <span className="chip external">externalRef</span>}
        <span className={`chip state ${r.state}`}>{r.state}</span>
      </div>
      {r.state === 'excluded' && (
        <p className="preview-reason" data-testid={`preview-excluded-${r.id}`}>
          {r.excludedBy && r.excludedBy.resourceId === r.id && r.excludedBy.expression ? (
            <>
              excluded: includeWhen <code>{`\${${r.excludedBy.expression}}`}</code> is false
            </>
          ) : (
            exclusionReason(r)
          )}
        </p>
      )}
      {r.errors.length > 0 && (
        <ul className="preview-node-errors" data-testid={`preview-errors-${r.id}`}>
          {r.errors.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
      {r.pending.length > 0 && (
        <ul className="preview-pending" data-testid={`preview-pending-${r.id}`}>
          {r.pending.map((p, i) => (
            <li key={i}>
              <code className="pending-path">{p.path}</code> waits for <code className="pending-target">{p.waitsFor}</code>
              {p.expression && <code className="pending-expr" title="the expression">{`\${${p.expression}}`}</code>}
            </li>
          ))}
        </ul>
      )}
      {open && hasBody && (
        <div className="preview-objects">
          {objects.map((o, i) => (
            <div key={i} className="preview-object">
              {collection && (
                <div className="preview-object-head">
                  <span className="preview-index">[{i}]</span> {nameOf(o)}
                </div>
              )}
              <YamlView yaml={objectYaml(o)} {...(previous ? { previous: previous.objects[i] ? objectYaml(previous.objects[i]) : '' } : {})} pendingPaths={r.pending.map((p) => p.path)} testId={`preview-yaml-${r.id}${collection ? `-${i}` : ''}`} />
            </div>
          ))}
          {!all && r.objects.length > FIRST_ITEMS && (
            <button type="button" className="small" onClick={() => setAll(true)}>
              Show all {r.objects.length} items
            </button>
          )}
        </div>
      )}
    </li>
  );
}

export const RenderedResourceItem = memo(RenderedResourceItemImpl);
