import type { DesignSummary, ImportRequest, ImportResponse } from '@kro-designer/contracts';
import { getValue, parseYamlSource, type LocatedNode } from '@kro-designer/core';
import type { DesignService } from './DesignService.js';
import type { Principal } from './Principal.js';
import { ServiceError } from './ServiceError.js';
import { toApiDiagnostic, type ValidationService } from './ValidationService.js';

const scalarText = (node: LocatedNode | undefined) => (node?.kind === 'scalar' && node.value !== null ? String(node.value) : null);

/**
 * Import of pasted or uploaded YAML: every ResourceGraphDefinition document becomes a design of its own (named after
 * `metadata.name`), every other document is reported as skipped with the reason. A dry run reports without creating.
 */
export class ImportService {
  constructor(
    private readonly designs: DesignService,
    private readonly validation: ValidationService,
  ) {}

  async import(p: Principal, req: ImportRequest): Promise<ImportResponse> {
    const analysis = this.validation.analyze(req.yaml);
    if (analysis.refused.length > 0) {
      throw new ServiceError('unprocessable', `the YAML text breaks an input limit: ${analysis.refused[0]!.message}`, { diagnostics: analysis.refused });
    }
    const parsed = parseYamlSource(req.yaml);
    const lines = parsed.value.lines;
    const docs = parsed.value.documents;
    const syntax = parsed.diagnostics.map((d) => toApiDiagnostic(d, lines));
    const created: DesignSummary[] = [];
    const documents: ImportResponse['documents'] = [];
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      const root = doc.root;
      if (!root || (root.kind === 'scalar' && root.value === null)) continue;
      const start = doc.span.start;
      const end = i + 1 < docs.length ? docs[i + 1]!.span.start : req.yaml.length;
      const range = { start: lines.positionAt(start).line, end: lines.positionAt(Math.max(start, doc.span.end - 1)).line };
      const apiVersion = scalarText(getValue(root, 'apiVersion'));
      const kind = scalarText(getValue(root, 'kind'));
      const name = scalarText(getValue(getValue(root, 'metadata'), 'name'));
      const base = { index: documents.length + 1, apiVersion, kind, name, lines: range };
      if (kind !== 'ResourceGraphDefinition') {
        documents.push({ ...base, outcome: 'skipped', reason: kind ? `a ${kind} is not a ResourceGraphDefinition` : 'not a Kubernetes object (no kind)' });
        continue;
      }
      if (req.dryRun) {
        documents.push({ ...base, outcome: 'would-create' });
        continue;
      }
      const design = await this.designs.create(
        p,
        { name: name ?? `imported-${base.index}`, description: '', yaml: documentText(req.yaml.slice(start, end)), ...(req.workspace ? { workspace: req.workspace } : {}), message: req.message ?? 'Imported' },
        'design.import',
      );
      const { yaml: _yaml, draft: _draft, ...summary } = design;
      created.push(summary);
      documents.push({ ...base, outcome: 'created', designId: design.id });
    }
    return { created, documents, diagnostics: syntax };
  }
}

/** One document's text on its own: without the `---` that opened it or the `...`/`---` that closed it. */
function documentText(segment: string): string {
  const body = segment.replace(/^---[^\n]*\n/, '').replace(/\n(?:---|\.\.\.)\s*$/, '\n');
  return body.endsWith('\n') ? body : `${body}\n`;
}
