import type { Diagnostic } from '../diagnostics/Diagnostic.js';
import { createDiagnostic, hasErrors } from '../diagnostics/createDiagnostic.js';
import { sortDiagnostics } from '../diagnostics/sortDiagnostics.js';
import { DEFAULT_SOURCE_LIMITS, parseYamlSource, type SourceLimits, type YamlSource } from '../source/parseYamlSource.js';
import { getValue } from '../source/LocatedNode.js';
import type { SchemaLookup } from './SchemaLookup.js';
import { validateRgd, type RgdValidation, type ValidateRgdOptions } from './validateRgd.js';

export interface SourceValidation {
  readonly source: YamlSource;
  /** One entry per ResourceGraphDefinition document, in file order. */
  readonly rgds: readonly RgdValidation[];
  /** Every diagnostic of the file (syntax, limits, non-RGD documents, and all RGD diagnostics), sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** True when the file has no error-severity diagnostic. */
  readonly valid: boolean;
}

export interface ValidateSourceOptions {
  readonly registry: SchemaLookup;
  /** kro's controller feature gates (see {@link ValidateRgdOptions}). */
  readonly featureGates?: ValidateRgdOptions['featureGates'];
  /** See {@link ValidateRgdOptions.supplyHint}. */
  readonly supplyHint?: string;
  readonly limits?: SourceLimits;
}

/**
 * Validates a YAML text that may hold several documents: every ResourceGraphDefinition is validated, other
 * documents are noted (info) and skipped. Never throws on user input.
 */
export function validateSource(text: string, options: ValidateSourceOptions): SourceValidation {
  const parsed = parseYamlSource(text, options.limits ?? DEFAULT_SOURCE_LIMITS);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const rgds: RgdValidation[] = [];
  let documentCount = 0;
  for (const doc of parsed.value.documents) {
    const root = doc.root;
    if (!root || (root.kind === 'scalar' && root.value === null)) continue;
    documentCount++;
    if (root.kind !== 'map') {
      diagnostics.push(createDiagnostic('document/not-object', 'the document is not a Kubernetes object (a YAML mapping with apiVersion and kind)', root.span, ''));
      continue;
    }
    const apiVersion = getValue(root, 'apiVersion');
    const kind = getValue(root, 'kind');
    const kindText = kind?.kind === 'scalar' ? String(kind.value) : undefined;
    if (kindText !== 'ResourceGraphDefinition') {
      const label = kindText ? `a ${kindText}` : 'not a Kubernetes object (it has no kind)';
      diagnostics.push(createDiagnostic('document/not-rgd', `skipped: this document is ${label}, not a ResourceGraphDefinition`, (kind ?? root).span, 'kind'));
      continue;
    }
    const av = apiVersion?.kind === 'scalar' ? apiVersion.value : undefined;
    if (av !== 'kro.run/v1alpha1') {
      diagnostics.push(
        createDiagnostic('rgd/invalid-value', `apiVersion must be kro.run/v1alpha1 for a ResourceGraphDefinition (kro v0.9.3 serves only that version), got ${JSON.stringify(av ?? null)}`, (apiVersion ?? root).span, 'apiVersion'),
      );
    }
    const result = validateRgd(root, {
      registry: options.registry,
      ...(options.featureGates ? { featureGates: options.featureGates } : {}),
      ...(options.supplyHint ? { supplyHint: options.supplyHint } : {}),
    });
    rgds.push(result);
    diagnostics.push(...result.diagnostics);
  }
  if (documentCount === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(createDiagnostic('input/empty', 'the file holds no YAML document', { start: 0, end: 0 }, ''));
  }
  const sorted = sortDiagnostics(diagnostics);
  return { source: parsed.value, rgds, diagnostics: sorted, valid: !hasErrors(sorted) };
}
