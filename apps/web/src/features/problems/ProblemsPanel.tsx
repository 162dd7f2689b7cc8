import type { Diagnostic } from '@kro-designer/core';
import type { DesignSnapshot } from '../validation/protocol';

export interface ProblemsPanelProps {
  readonly snapshot: DesignSnapshot | undefined;
  readonly activeIndex: number | undefined;
  readonly onActivate: (diagnostic: Diagnostic, index: number) => void;
  /** Applies the diagnostic's first quick fix; undefined while the snapshot is older than the text. */
  readonly onFix: ((diagnostic: Diagnostic) => void) | undefined;
}

const ICON = { error: '✕', warning: '!', info: 'i' } as const;

/** Every diagnostic of the design, in source order; activating one reveals it in the editor and on the canvas. */
export function ProblemsPanel({ snapshot, activeIndex, onActivate, onFix }: ProblemsPanelProps) {
  if (!snapshot) {
    return (
      <div className="problems-empty" data-testid="problems-loading">
        Validating…
      </div>
    );
  }
  const { diagnostics, positions } = snapshot;
  if (diagnostics.length === 0) {
    return (
      <div className="problems-empty ok" data-testid="problems-empty">
        <span className="ok-mark" aria-hidden="true">
          ✓
        </span>{' '}
        No problems: kro v0.9.3 would accept this ResourceGraphDefinition.
      </div>
    );
  }
  return (
    <ul className="problems-list" data-testid="problems-list" aria-label="Problems">
      {diagnostics.map((d, i) => {
        const p = positions[i];
        return (
          <li key={`${d.code}-${d.span.start}-${i}`} className="problem-row">
            <button
              type="button"
              className={`problem severity-${d.severity}${activeIndex === i ? ' active' : ''}`}
              data-testid="problem"
              data-code={d.code}
              onClick={() => onActivate(d, i)}
            >
              <span className={`severity-icon ${d.severity}`} aria-label={d.severity}>
                {ICON[d.severity]}
              </span>
              <span className="problem-message">{d.message}</span>
              <span className="problem-meta">
                {d.resourceId && <span className="problem-resource">{d.resourceId}</span>}
                <span className="problem-code">{d.code}</span>
                {p && (
                  <span className="problem-pos" data-testid="problem-position">
                    Ln {p.line}, Col {p.column}
                  </span>
                )}
              </span>
            </button>
            {onFix && d.fixes?.[0] && (
              <button type="button" className="fix-button" data-testid="problem-fix" onClick={() => onFix(d)} title={d.fixes[0].title}>
                {d.fixes[0].title}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
