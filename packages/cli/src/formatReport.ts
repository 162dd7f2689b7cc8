import { renderCodeFrame, type Diagnostic, type LineIndex, type SourceValidation } from '@kro-designer/core';

export interface FileReport {
  readonly path: string;
  readonly result: SourceValidation;
}

/** JSON shape of `validate --format json` (1-based lines and columns, UTF-16 columns as editors count them). */
export function toJsonReport(files: readonly FileReport[]): unknown {
  return {
    files: files.map(({ path, result }) => ({
      path,
      valid: result.valid,
      kind: result.rgds[0]?.kind ?? null,
      topologicalOrder: result.rgds[0]?.topologicalOrder ?? [],
      diagnostics: result.diagnostics.map((d) => jsonDiagnostic(d, result.source.lines)),
      rgds: result.rgds.map((r) => ({
        name: r.name ?? null,
        kind: r.kind ?? null,
        valid: r.valid,
        topologicalOrder: r.topologicalOrder,
      })),
    })),
  };
}

/** A diagnostic with 1-based line/column ranges, as `--format json` prints it. */
export function jsonDiagnostic(d: Diagnostic, lines: LineIndex) {
  const start = lines.positionAt(d.span.start);
  const end = lines.positionAt(d.span.end);
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.resourceId !== undefined ? { resourceId: d.resourceId } : {}),
    path: d.path,
    range: { start, end },
    ...(d.related ? { related: d.related.map((r) => ({ message: r.message, ...(r.span ? { range: { start: lines.positionAt(r.span.start), end: lines.positionAt(r.span.end) } } : {}) })) } : {}),
  };
}

/** Human-readable report: a code frame per error or warning, one line per info, and a closing summary. */
export function toTextReport(files: readonly FileReport[]): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let invalidFiles = 0;
  let rgdCount = 0;
  for (const { path, result } of files) {
    rgdCount += result.rgds.length;
    if (!result.valid) invalidFiles++;
    for (const d of result.diagnostics) {
      if (d.severity === 'info') {
        const p = result.source.lines.positionAt(d.span.start);
        out.push(`${path}:${p.line}:${p.column}: info[${d.code}]: ${d.message}`);
        continue;
      }
      if (d.severity === 'error') errors++;
      else warnings++;
      out.push(renderCodeFrame(result.source.lines, d, { fileName: path }), '');
    }
  }
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  const rgds = `${rgdCount} ResourceGraphDefinition${rgdCount === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}`;
  out.push(invalidFiles === 0 ? `✔ ${rgds}: valid (${counts})` : `✖ ${rgds}: ${invalidFiles} file${invalidFiles === 1 ? '' : 's'} with errors (${counts})`);
  return out.join('\n') + '\n';
}
