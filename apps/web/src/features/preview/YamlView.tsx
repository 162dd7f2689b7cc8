import { memo, useMemo, type ReactNode } from 'react';
import { lineDiff } from './lineDiff';

export interface YamlViewProps {
  readonly yaml: string;
  /** The same object's YAML in the previous render; lines that differ are marked. */
  readonly previous?: string;
  /** Top-level-relative field paths waiting on live values (`spec.template.spec.containers[0].env[1].value`). */
  readonly pendingPaths?: readonly string[];
  readonly testId?: string;
}

const SCALAR = /^(-?\d+(\.\d+)?|true|false|null|~)$/;

/** One YAML line with keys, scalars and `${…}` expressions coloured. */
function highlight(line: string): ReactNode[] {
  const out: ReactNode[] = [];
  const m = /^(\s*)(- )?([^\s'"#][^:#]*?|"[^"]*"|'[^']*')(:)(\s|$)(.*)$/.exec(line);
  let rest = line;
  if (m) {
    out.push(m[1], m[2] ?? '', <span key="k" className="y-key">{m[3]}</span>, m[4], m[5]);
    rest = m[6] ?? '';
  } else {
    const item = /^(\s*- )(.*)$/.exec(line);
    if (item) {
      out.push(item[1]);
      rest = item[2] ?? '';
    }
  }
  if (rest === '') return out;
  if (rest.includes('${')) out.push(<span key="e" className="y-expr">{rest}</span>);
  else if (rest.startsWith('#')) out.push(<span key="c" className="y-comment">{rest}</span>);
  else if (SCALAR.test(rest.trim())) out.push(<span key="n" className="y-literal">{rest}</span>);
  else if (rest.startsWith('"') || rest.startsWith("'")) out.push(<span key="s" className="y-string">{rest}</span>);
  else out.push(<span key="v" className="y-value">{rest}</span>);
  return out;
}

/** Last key of a field path (`env[1].value` → `value`) to find the lines a pending path points at. */
const lastKey = (path: string) => path.replace(/\[\d+\]$/g, '').split('.').pop() ?? path;

/**
 * A read-only, highlighted YAML text with a gutter: `+` for lines added since the previous render, `~` for changed
 * ones, a thin rule where lines were removed, and pending lines (an unresolved `${…}`) highlighted.
 */
function YamlViewImpl({ yaml, previous, pendingPaths = [], testId }: YamlViewProps) {
  const lines = useMemo(() => yaml.replace(/\n$/, '').split('\n'), [yaml]);
  const diff = useMemo(() => (previous === undefined ? undefined : lineDiff(previous.replace(/\n$/, ''), yaml.replace(/\n$/, ''))), [previous, yaml]);
  const pendingKeys = useMemo(() => new Set(pendingPaths.map(lastKey)), [pendingPaths]);
  return (
    <pre className="yaml-view" tabIndex={0} data-testid={testId} data-changed={diff?.changed ? 'true' : 'false'}>
      {lines.map((line, i) => {
        const mark = diff?.marks[i] ?? 'same';
        const removed = diff?.removedBefore.get(i);
        const key = /^\s*(?:- )?([^:\s]+):/.exec(line)?.[1];
        const pending = line.includes('${') || (key !== undefined && pendingKeys.has(key) && /:\s*(\$\{.*)?$/.test(line));
        return (
          <div key={i} className={`yaml-line mark-${mark}${removed ? ' removed-before' : ''}${pending ? ' is-pending' : ''}`} title={removed ? `${removed} line${removed > 1 ? 's' : ''} removed here` : undefined}>
            <span className="yaml-gutter" aria-label={mark === 'same' ? undefined : mark}>
              {mark === 'added' ? '+' : mark === 'changed' ? '~' : ' '}
            </span>
            <span className="yaml-text">{highlight(line)}</span>
          </div>
        );
      })}
    </pre>
  );
}

export const YamlView = memo(YamlViewImpl);
