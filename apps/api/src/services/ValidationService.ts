import type { Diagnostic, ValidateRequest, ValidateResponse } from '@kro-designer/contracts';
import {
  createSchemaRegistry, LineIndex, toPlain, validateSource, type Diagnostic as CoreDiagnostic, type SchemaLookup, type SourceValidation,
} from '@kro-designer/core';

/** Core codes that mean the text breached an input limit: such a text is refused, not stored. */
const LIMIT_CODES = new Set(['input/too-large', 'input/too-deep', 'input/alias-limit', 'input/binary']);

/** What a save needs to know about a YAML text. */
export interface ContentAnalysis {
  readonly kind: string | null;
  readonly valid: boolean;
  readonly errorCount: number;
  /** Limit breaches (size, depth, aliases, binary): the text must be refused. */
  readonly refused: readonly Diagnostic[];
  readonly result: SourceValidation;
}

/** Adds 1-based line/column ranges to a core diagnostic, for clients without a line index. */
export function toApiDiagnostic(d: CoreDiagnostic, lines: LineIndex): Diagnostic {
  return { ...d, related: d.related?.map((r) => ({ ...r })), fixes: d.fixes?.map((f) => ({ ...f, edits: [...f.edits] })), range: { start: lines.positionAt(d.span.start), end: lines.positionAt(d.span.end) } };
}

/** Validation of YAML texts with the core, against the bundled Kubernetes schemas plus CRDs a caller supplies. */
export class ValidationService {
  private readonly registry: SchemaLookup;

  constructor(registry?: SchemaLookup) {
    this.registry = registry ?? createSchemaRegistry({}).value;
  }

  get schemas(): SchemaLookup {
    return this.registry;
  }

  /** `POST /api/validate`: every problem of the text, and for each RGD its graph. */
  validate(request: ValidateRequest): ValidateResponse {
    let registry = this.registry;
    const crdDiagnostics: Record<string, Diagnostic[]> = {};
    if (request.crds.length > 0) {
      const built = createSchemaRegistry({ crds: request.crds.map((c) => ({ path: c.name, text: c.yaml })) });
      registry = built.value;
      for (const crd of request.crds) {
        const found = built.diagnosticsByFile.get(crd.name);
        if (found?.length) crdDiagnostics[crd.name] = found.map((d) => toApiDiagnostic(d, new LineIndex(crd.yaml)));
      }
    }
    const result = validateSource(request.yaml, { registry });
    const lines = result.source.lines;
    return {
      valid: result.valid,
      diagnostics: result.diagnostics.map((d) => toApiDiagnostic(d, lines)),
      rgds: result.rgds.map((r) => ({
        name: r.name ?? null,
        kind: r.kind ?? null,
        valid: r.valid,
        topologicalOrder: [...r.topologicalOrder],
        resources: r.model.resources.map((res) => {
          const body = res.template ?? res.externalRef;
          const plain = body ? toPlain(body) : undefined;
          const field = (k: string) => (plain && typeof plain === 'object' && !Array.isArray(plain) && typeof (plain as Record<string, unknown>)[k] === 'string' ? ((plain as Record<string, unknown>)[k] as string) : null);
          return { id: res.id, apiVersion: field('apiVersion'), kind: field('kind') };
        }),
        edges: r.graph.edges.map((e) => ({ from: e.from, to: e.to, fields: [...e.fields] })),
        cycles: r.graph.cycles.map((c) => [...c]),
        ...(r.crd ? { crd: r.crd } : {}),
      })),
      crdDiagnostics,
    };
  }

  /** What a save records about a text (kind, validity) and whether the text must be refused. */
  analyze(yaml: string): ContentAnalysis {
    const result = validateSource(yaml, { registry: this.registry });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    return {
      kind: result.rgds.find((r) => r.kind !== undefined)?.kind ?? null,
      valid: result.valid,
      errorCount: errors.length,
      refused: result.diagnostics.filter((d) => LIMIT_CODES.has(d.code)).map((d) => toApiDiagnostic(d, result.source.lines)),
      result,
    };
  }
}
