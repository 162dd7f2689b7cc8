import type { Diagnostic } from '../diagnostics/Diagnostic.js';
import { createSchemaRegistry, type CrdFile } from '../schemas/index.js';
import type { SchemaRegistry } from '../schemas/SchemaRegistry.js';
import { validateSource, type SourceValidation } from './validateSource.js';

export interface FileInput {
  readonly path: string;
  readonly text: string;
}

export interface FilesValidation {
  readonly files: readonly { readonly path: string; readonly result: SourceValidation }[];
  /** Problems of the supplied CRD files, by file path. */
  readonly crdDiagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
  /** The registry the RGDs were checked against: built-ins, supplied CRDs and the RGDs' own generated CRDs. */
  readonly registry: SchemaRegistry;
}

/**
 * Validates a set of files together, the way they would meet in a cluster: an RGD may use the kind another RGD of
 * the set defines (kro creates that CRD when the other RGD is applied), so every generated instance CRD is
 * registered before the final pass. Supplied CRD files take precedence over generated ones.
 */
export function validateFiles(files: readonly FileInput[], options: { readonly crds?: readonly CrdFile[] } = {}): FilesValidation {
  const supplied = createSchemaRegistry({ crds: options.crds ?? [] });
  const first = files.map((f) => ({ path: f.path, result: validateSource(f.text, { registry: supplied.value }) }));
  const generated: CrdFile[] = [];
  for (const { path, result } of first) {
    for (const rgd of result.rgds) {
      if (rgd.crd) generated.push({ path: `${path} (CRD generated for ${rgd.kind ?? 'its kind'})`, text: JSON.stringify(rgd.crd) });
    }
  }
  if (generated.length === 0) return { files: first, crdDiagnostics: supplied.diagnosticsByFile, registry: supplied.value };
  // Supplied CRDs come last so they win over generated ones with the same group, version and kind.
  const combined = createSchemaRegistry({ crds: [...generated, ...(options.crds ?? [])] });
  return {
    files: files.map((f) => ({ path: f.path, result: validateSource(f.text, { registry: combined.value }) })),
    crdDiagnostics: supplied.diagnosticsByFile,
    registry: combined.value,
  };
}
