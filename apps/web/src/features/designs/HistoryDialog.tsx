import type { DiffResponse, RevisionSummary } from '@kro-designer/contracts';
import { useEffect, useRef, useState } from 'react';
import type { DesignsApi } from '../../api/designsApi';
import { errorMessage } from '../../ui/errorMessage';
import { Dialog } from '../../ui/Dialog';
import { useBusyAction } from '../../ui/useBusyAction';

export interface HistoryDialogProps {
  readonly api: DesignsApi;
  readonly designId: string;
  readonly designName: string;
  /** The head revision the editor knows. */
  readonly head: number;
  /** True when the editor's text differs from the head (restoring replaces it; Undo brings it back). */
  readonly dirty: boolean;
  readonly onRestore: (revision: number) => Promise<void>;
  readonly onClose: () => void;
}

type Rgd = DiffResponse['graph']['rgds'][number];

/** A stored design's revisions: pick one to see what it changed (text and graph), compare any two, restore one. */
export function HistoryDialog({ api, designId, designName, head, dirty, onRestore, onClose }: HistoryDialogProps) {
  const [revisions, setRevisions] = useState<readonly RevisionSummary[]>();
  const [error, setError] = useState<string>();
  const [from, setFrom] = useState<number>(Math.max(1, head - 1));
  const [to, setTo] = useState<number>(head);
  const [diff, setDiff] = useState<DiffResponse>();
  const [diffError, setDiffError] = useState<string>();
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    dialog.current?.focus();
    api.revisions(designId).then(
      (l) => setRevisions(l.items),
      (e: unknown) => setError(`Could not list the revisions: ${errorMessage(e)}`),
    );
  }, [api, designId]);

  useEffect(() => {
    let live = true;
    setDiff(undefined);
    setDiffError(undefined);
    api.diff(designId, from, to).then(
      (d) => live && setDiff(d),
      (e: unknown) => live && setDiffError(`Could not compute the diff: ${errorMessage(e)}`),
    );
    return () => {
      live = false;
    };
  }, [api, designId, from, to]);

  const select = (r: number) => {
    setFrom(Math.max(1, r - 1));
    setTo(r);
  };

  const { busy, run } = useBusyAction(onClose, setError);
  const restore = () => run(() => onRestore(to));

  const numbers = (revisions ?? []).map((r) => r.revision);
  return (
    <Dialog dialogRef={dialog} className="history" labelledBy="history-title" testId="history-dialog" onClose={onClose}>
      <div className="history-head">
        <h2 id="history-title">
          History of <span className="design-name">{designName}</span>
        </h2>
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="history-error">
          {error}
        </p>
      )}
      <div className="history-body">
        <ol className="revision-list" aria-label="Revisions" data-testid="revision-list">
          {!revisions && !error && <li className="muted revision-none">Loading revisions…</li>}
          {revisions?.map((r) => (
            <li key={r.revision}>
              <button type="button" className={r.revision === to ? 'revision active' : 'revision'} aria-current={r.revision === to} onClick={() => select(r.revision)} data-testid={`revision-${r.revision}`}>
                <span className="revision-number">r{r.revision}</span>
                <span className="revision-meta">
                  <span>
                    {r.revision === head ? <span className="tab-count">head</span> : null}
                    {r.restoredFrom !== null && <span className="tab-count">restored r{r.restoredFrom}</span>}
                    {r.message && <span className="revision-message">{r.message}</span>}
                  </span>
                  <span className="muted">
                    {new Date(r.createdAt).toLocaleString()} · {r.author}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ol>
        <section className="diff-pane" aria-label="Changes">
          <div className="diff-toolbar">
            <label>
              From{' '}
              <RevisionSelect value={from} numbers={numbers} onChange={setFrom} testId="diff-from" />
            </label>
            <label>
              to{' '}
              <RevisionSelect value={to} numbers={numbers} head={head} onChange={setTo} testId="diff-to" />
            </label>
            {diff && (
              <span className="diff-counts" data-testid="diff-counts">
                <span className="added">+{diff.text.added}</span> <span className="removed">−{diff.text.removed}</span> lines
              </span>
            )}
            <span className="spacer" />
            <button
              type="button"
              className="primary"
              disabled={busy || to === head}
              onClick={() => void restore()}
              data-testid="restore-revision"
              title={to === head ? 'This is the current revision' : dirty ? 'Your unsaved text is replaced (Undo brings it back)' : 'Store it again as a new revision'}
            >
              {to === head ? `r${to} is the current revision` : `Restore r${to} as new revision`}
            </button>
          </div>
          {dirty && to !== head && <p className="diff-note muted">Restoring replaces your unsaved text in the editor; Undo brings it back.</p>}
          {diffError && (
            <p className="form-error" role="alert">
              {diffError}
            </p>
          )}
          {!diff && !diffError && <p className="muted diff-empty">Comparing…</p>}
          {diff && <DiffView diff={diff} />}
        </section>
      </div>
    </Dialog>
  );
}

/** A revision picker; with `head`, that revision is marked "(head)". */
function RevisionSelect({ value, numbers, head, onChange, testId }: { value: number; numbers: readonly number[]; head?: number; onChange: (n: number) => void; testId: string }) {
  return (
    <select value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
      {numbers.map((n) => (
        <option key={n} value={n}>
          r{n}
          {n === head ? ' (head)' : ''}
        </option>
      ))}
    </select>
  );
}

function DiffView({ diff }: { diff: DiffResponse }) {
  if (diff.from.contentHash === diff.to.contentHash) {
    return (
      <p className="muted diff-empty" data-testid="diff-same">
        r{diff.from.revision} and r{diff.to.revision} have the same text.
      </p>
    );
  }
  return (
    <div className="diff-scroll">
      <h3>Graph</h3>
      {diff.graph.changed ? diff.graph.rgds.filter((r) => r.change !== 'unchanged').map((r) => <GraphChanges key={r.name} rgd={r} />) : <p className="muted">The graph is the same (only formatting, comments or values changed).</p>}
      <h3>Text</h3>
      <div className="text-diff" data-testid="text-diff">
        {diff.text.hunks.map((h, i) => (
          <div key={i} className="hunk">
            <div className="hunk-head">
              @@ −{h.oldStart},{h.oldLines} +{h.newStart},{h.newLines} @@
            </div>
            {h.lines.map((l, j) => (
              <div key={j} className={`diff-line ${l.op === '+' ? 'add' : l.op === '-' ? 'del' : ''}`}>
                <span className="diff-op">{l.op}</span>
                {l.text}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

const sign = (c: string) => (c === 'added' ? '+' : c === 'removed' ? '−' : '~');

function GraphChanges({ rgd }: { rgd: Rgd }) {
  const items: { key: string; change: string; text: string }[] = [];
  if (rgd.change === 'added' || rgd.change === 'removed') items.push({ key: 'rgd', change: rgd.change, text: `RGD ${rgd.name}` });
  if (rgd.schemaKind) items.push({ key: 'kind', change: 'changed', text: `schema kind ${rgd.schemaKind.from ?? '∅'} → ${rgd.schemaKind.to ?? '∅'}` });
  for (const r of rgd.resources) items.push({ key: `r-${r.id}`, change: r.change, text: `resource ${r.id}${r.to ?? r.from ? ` (${r.to ?? r.from})` : ''}${r.aspects.length ? `: ${r.aspects.join(', ')}` : ''}` });
  for (const f of rgd.schemaFields) {
    const shape = (s?: { type: string; required: boolean }) => (s ? `${s.type}${s.required ? ', required' : ''}` : '');
    items.push({ key: `s-${f.path}`, change: f.change, text: `spec.${f.path} ${f.change === 'changed' ? `${shape(f.from)} → ${shape(f.to)}` : shape(f.to ?? f.from)}` });
  }
  for (const f of rgd.statusFields) items.push({ key: `t-${f.path}`, change: f.change, text: `status.${f.path}` });
  for (const e of rgd.edges) {
    const fields = [...e.fieldsAdded.map((x) => `+${x}`), ...e.fieldsRemoved.map((x) => `−${x}`)].join(' ');
    items.push({ key: `e-${e.from}-${e.to}`, change: e.change, text: `edge ${e.from} → ${e.to}${fields ? ` ${fields}` : ''}` });
  }
  return (
    <ul className="graph-changes" data-testid="graph-changes">
      {items.map((i) => (
        <li key={i.key} className={`change-${i.change}`}>
          <span className="change-sign">{sign(i.change)}</span>
          {i.text}
        </li>
      ))}
    </ul>
  );
}
