import type { Diagnostic } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { PlannedExpression } from './compileRenderPlan.js';
import type { PendingExpression } from './RenderTypes.js';

/** Collects what one render finds: pending reads and located errors. */
export class RenderLog {
  readonly pending: PendingExpression[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** True once an error-severity diagnostic was recorded. */
  get failed(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
  private readonly seen = new Set<string>();

  addPending(path: string, waitsFor: string, expression: string): void {
    const key = `${path}\u0000${waitsFor}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.pending.push({ path, waitsFor, expression });
  }

  /** An evaluation error located at the failing part of the expression (or the whole value). */
  addError(e: PlannedExpression, message: string, range?: { start?: number; end?: number }, code: DiagnosticCode = 'render/evaluation'): void {
    const occ = e.occurrence;
    const span =
      range?.start !== undefined ? { start: e.toSourceOffset(range.start), end: Math.max(e.toSourceOffset(range.end ?? range.start), e.toSourceOffset(range.start) + 1) } : occ.span;
    const key = `${code}\u0000${span.start}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push(createDiagnostic(code, message, span, occ.documentPath, occ.resourceId !== undefined ? { resourceId: occ.resourceId } : {}));
  }
}
