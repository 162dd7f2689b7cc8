import type { RenderRequest, RenderResponse } from '@kro-designer/contracts';
import { createSchemaRegistry, LineIndex, renderInstance, type SchemaLookup } from '@kro-designer/core';
import { toApiDiagnostic } from './ValidationService.js';

/** `POST /api/render`: what kro would apply for an instance of an RGD, with the core's render engine. */
export class RenderService {
  constructor(private readonly registry: SchemaLookup) {}

  render(request: RenderRequest): RenderResponse {
    let registry = this.registry;
    const crdProblems: RenderResponse['diagnostics'] = [];
    if (request.crds.length > 0) {
      const built = createSchemaRegistry({ crds: request.crds.map((c) => ({ path: c.name, text: c.yaml })) });
      registry = built.value;
      // A CRD the caller supplied that cannot be read is reported, located in the RGD text's terms it cannot be:
      // its message names the file instead.
      for (const crd of request.crds) {
        for (const d of built.diagnosticsByFile.get(crd.name) ?? []) {
          if (d.severity === 'error') crdProblems.push({ ...toApiDiagnostic({ ...d, message: `${crd.name}: ${d.message}`, span: { start: 0, end: 0 } }, new LineIndex(request.yaml)), document: 'rgd' });
        }
      }
    }
    const result = renderInstance(request.yaml, registry, request.instance);
    const rgdLines = new LineIndex(request.yaml);
    const instanceLines = new LineIndex(request.instance);
    return {
      valid: result.valid && crdProblems.length === 0,
      diagnostics: [...crdProblems, ...result.diagnostics.map((d) => ({ ...toApiDiagnostic(d, d.document === 'rgd' ? rgdLines : instanceLines), document: d.document }))],
      ...(result.instance ? { instance: result.instance } : {}),
      resources: result.resources.map((r) => ({
        id: r.id,
        state: r.state,
        objects: [...r.objects],
        pending: r.pending.map((p) => ({ path: p.path, waitsFor: p.waitsFor, ...(p.expression !== undefined ? { expression: p.expression } : {}) })),
        ...(r.excludedBy ? { excludedBy: { ...r.excludedBy } } : {}),
        ...(r.cardinality !== undefined ? { cardinality: r.cardinality } : {}),
        ...(r.externalRef ? { externalRef: true } : {}),
      })),
      status: result.status,
    };
  }
}
