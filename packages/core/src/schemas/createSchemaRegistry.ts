import type { Diagnostic, StageResult } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { createSchemaResolver } from './createSchemaResolver.js';
import { describeMissingKind, type UnservedVersion } from './describeMissingKind.js';
import { KUBERNETES_BUNDLE_FORMAT, type KubernetesSchemaBundle } from './KubernetesSchemaBundle.js';
import { KUBERNETES_SCHEMAS } from './kubernetes.js';
import { formatApiVersion, parseApiVersion } from './parseApiVersion.js';
import { parseCrds } from './parseCrds.js';
import { publishCrdSchema } from './publishCrdSchema.js';
import type { GroupVersionKind, RegisteredKind, SchemaRegistry } from './SchemaRegistry.js';

/** A CRD file supplied by the caller: its path (used in messages and sources) and its text. */
export interface CrdFile {
  readonly path: string;
  readonly text: string;
}

export interface SchemaRegistryOptions {
  /** CRD files (YAML or JSON, multi-document, `List`s allowed), applied in order: later files win. */
  readonly crds?: readonly CrdFile[];
  /** Register the bundled Kubernetes built-in kinds (default true). Their definitions stay available to `$ref`s. */
  readonly includeKubernetes?: boolean;
  /** Built-in data to use instead of the bundled Kubernetes 1.35 schemas (tests, or another release later). */
  readonly kubernetes?: KubernetesSchemaBundle;
}

/**
 * The registry and every problem found in the CRD files. `diagnostics` holds them all; their spans are offsets in
 * the file they came from, so `diagnosticsByFile` groups them by the CRD file's path (files without problems are
 * absent) for rendering code frames.
 */
export interface SchemaRegistryResult extends StageResult<SchemaRegistry> {
  readonly diagnosticsByFile: ReadonlyMap<string, readonly Diagnostic[]>;
}

/**
 * Builds the schema registry: the bundled Kubernetes built-in kinds plus every served version of the supplied
 * CRDs (which override built-ins with the same group, version and kind). Never throws on user input; a broken
 * CRD file becomes located `schema/invalid-crd` diagnostics and the rest of the files still load.
 */
export function createSchemaRegistry(options: SchemaRegistryOptions = {}): SchemaRegistryResult {
  const bundle = options.kubernetes ?? KUBERNETES_SCHEMAS;
  if (bundle.formatVersion !== KUBERNETES_BUNDLE_FORMAT) {
    throw new Error(`bundled Kubernetes schemas have format ${bundle.formatVersion}, expected ${KUBERNETES_BUNDLE_FORMAT}; regenerate them`);
  }
  const includeKubernetes = options.includeKubernetes ?? true;
  const byGvk = new Map<string, RegisteredKind>();
  const unserved = new Map<string, UnservedVersion>();

  if (includeKubernetes) {
    const source = { origin: 'kubernetes', version: bundle.kubernetesVersion } as const;
    for (const k of bundle.kinds) {
      const schema = bundle.schemas[k.schema];
      if (schema === undefined) throw new Error(`bundled kind ${k.kind} refers to missing schema ${k.schema}`);
      const apiVersion = formatApiVersion(k.group, k.version);
      byGvk.set(gvkKey(k), { group: k.group, version: k.version, kind: k.kind, apiVersion, plural: k.plural, namespaced: k.namespaced, schema, source });
    }
  }

  const diagnostics: Diagnostic[] = [];
  const diagnosticsByFile = new Map<string, Diagnostic[]>();
  const crdOrigin = new Map<string, string>();
  for (const file of options.crds ?? []) {
    const parsed = parseCrds(file.text);
    const fileDiagnostics = [...parsed.diagnostics];
    for (const v of parsed.value) {
      const key = gvkKey(v);
      if (!v.served) {
        unserved.set(key, { path: file.path, crdName: v.crdName });
        continue;
      }
      const apiVersion = formatApiVersion(v.group, v.version);
      const previous = crdOrigin.get(key);
      if (previous !== undefined) {
        fileDiagnostics.push(
          createDiagnostic(
            'schema/duplicate-kind',
            `${apiVersion} ${v.kind} is also defined by a CRD in ${previous}; this definition (${file.path}) is used`,
            v.span,
            '',
          ),
        );
      }
      crdOrigin.set(key, file.path);
      byGvk.set(key, {
        group: v.group,
        version: v.version,
        kind: v.kind,
        apiVersion,
        plural: v.plural,
        namespaced: v.namespaced,
        schema: publishCrdSchema(v.schema, bundle.objectProperties),
        source: { origin: 'crd', path: file.path, crdName: v.crdName, span: v.span },
      });
    }
    if (fileDiagnostics.length > 0) {
      diagnosticsByFile.set(file.path, fileDiagnostics);
      diagnostics.push(...fileDiagnostics);
    }
  }

  const resolver = createSchemaResolver(bundle.schemas);
  let sorted: readonly RegisteredKind[] | undefined;
  const kinds = (): readonly RegisteredKind[] =>
    (sorted ??= [...byGvk.values()].sort((a, b) => compare(a.group, b.group) || compare(a.version, b.version) || compare(a.kind, b.kind)));
  const kubernetesVersion = includeKubernetes ? bundle.kubernetesVersion : undefined;

  const registry: SchemaRegistry = {
    kubernetesVersion,
    lookup(apiVersion, kind) {
      const gv = parseApiVersion(apiVersion);
      return gv === undefined ? undefined : byGvk.get(gvkKey({ ...gv, kind }));
    },
    lookupGvk: (gvk) => byGvk.get(gvkKey(gvk)),
    kinds,
    resolve: resolver.resolve,
    resolvePath: resolver.resolvePath,
    describeMissing(apiVersion, kind, describeOptions = {}) {
      const gv = parseApiVersion(apiVersion);
      const notServed = gv === undefined ? undefined : unserved.get(gvkKey({ ...gv, kind }));
      return describeMissingKind(apiVersion, kind, {
        known: kinds(),
        kubernetesVersion,
        ...(notServed ? { unserved: notServed } : {}),
        ...(describeOptions.supplyHint !== undefined ? { supplyHint: describeOptions.supplyHint } : {}),
      });
    },
  };
  return { value: registry, diagnostics, diagnosticsByFile };
}

function gvkKey(gvk: GroupVersionKind): string {
  return `${gvk.group}\u0000${gvk.version}\u0000${gvk.kind}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
