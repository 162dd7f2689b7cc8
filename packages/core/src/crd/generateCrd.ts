import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { canonicalSchema, compareGoStrings, setKey } from './canonicalSchema.js';
import type { CrdScope, CustomResourceDefinition, PrinterColumn } from './CustomResourceDefinition.js';
import { injectStatusFields } from './injectStatusFields.js';
import { kroCrdLabels, type KroCrdLabelOptions } from './kroCrdLabels.js';
import { pluralize } from './pluralize.js';

/** The CRD group of an RGD without `spec.schema.group`: the default in kro's RGD CRD, applied by the API server. */
export const DEFAULT_CRD_GROUP = 'kro.run';

/** The fields of an RGD's `spec.schema` that shape the generated CRD (kro-spec §1.2). */
export interface CrdSchemaFields {
  /** Kind of the instances; validated elsewhere (`^[A-Z][a-zA-Z0-9]*$`). */
  readonly kind: string;
  /** The single version served, e.g. `v1alpha1`. */
  readonly apiVersion: string;
  /** Absent → {@link DEFAULT_CRD_GROUP}. An explicit `""` stays empty, as in kro (API-server defaulting fills only absent fields). */
  readonly group?: string;
  /** `Cluster` makes the CRD cluster-scoped; anything else (or nothing) is `Namespaced`, as kro decides. */
  readonly scope?: string;
  /** Passed through (in Go field order); when empty or absent kro's three default columns are used instead. */
  readonly additionalPrinterColumns?: readonly PrinterColumn[];
  /** Copied onto the CRD's metadata; kro's own labels win on a clash. */
  readonly metadata?: {
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  /**
   * Not part of kro v0.9.3 (its RGD CRD has no such fields and its CRD synthesis sets no short names or
   * categories; both arrived after v0.9.3). Accepted so `spec.schema` can be passed as is, and ignored.
   */
  readonly shortNames?: readonly string[];
  /** Ignored for the same reason as {@link CrdSchemaFields.shortNames}. */
  readonly categories?: readonly string[];
}

export interface GenerateCrdOptions extends KroCrdLabelOptions {
  /**
   * Add the labels kro's RGD controller stamps on the CRD it creates (`kro.run/owned`, `kro.run/kro-version`,
   * `kro.run/resource-graph-definition-id`/`-name`; see `kroCrdLabels`). Default `true`: what lands in the cluster.
   * `false` gives the graph builder's CRD, which is what `kro generate crd` prints (before it replaces the
   * annotations with `kro.run/cli-version: dev`).
   */
  readonly controllerLabels?: boolean;
}

/**
 * Builds the CustomResourceDefinition kro v0.9.3 creates for an RGD's instance kind (`pkg/graph/crd/crd.go`,
 * `defaults.go`, plus the controller's labels).
 *
 * @param schema the RGD's `spec.schema` fields that shape the CRD.
 * @param spec OpenAPI schema of the instance `spec`: the SimpleSchema result (`buildSpecSchema`).
 * @param status OpenAPI schema of the instance `status` inferred from the status CEL expressions. Absent → an
 *   empty object schema, which is what kro infers for an RGD without `status`. `state`/`conditions` are added
 *   either way.
 * @param options labels kro's controller adds; see {@link GenerateCrdOptions}.
 *
 * What it builds:
 *
 * - `metadata.name` `<plural>.<group>`; `names` plural = flect's plural of the lower-cased kind, singular = the
 *   lower-cased kind, `listKind` = kind + `List`;
 * - one version, served and stored, with the status subresource;
 * - `openAPIV3Schema` = `{type: object, properties: {apiVersion, kind, metadata, spec, status}}`, with `state` and
 *   `conditions` added to `status` unless already there. No `required` at the top: kro sets an empty list, which
 *   Go drops when serializing. `spec`'s own `required` is kept as given;
 * - printer columns: the schema's, or kro's `State`, `Ready` and `Age` when it has none.
 *
 * The result is fresh plain JSON data in kro's key order (Go struct order, sorted map keys, Go's `omitempty`
 * applied to schemas and columns), with `apiVersion`/`kind` set so it is a complete manifest. Total: never throws,
 * also on plain data that breaks the declared types (non-array columns, non-string label values are skipped);
 * validating the kind, version, group and shapes is the RGD checks' job.
 */
export function generateCrd(
  schema: CrdSchemaFields,
  spec: OpenApiSchema,
  status?: OpenApiSchema,
  options: GenerateCrdOptions = {},
): CustomResourceDefinition {
  const group = schema.group ?? DEFAULT_CRD_GROUP;
  const singular = schema.kind.toLowerCase();
  const plural = pluralize(singular);
  const scope: CrdScope = schema.scope === 'Cluster' ? 'Cluster' : 'Namespaced';

  const openAPIV3Schema = canonicalSchema({
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec,
      status: injectStatusFields(status ?? { type: 'object' }),
    },
  });

  const metadata: CustomResourceDefinition['metadata'] = { name: `${plural}.${group}` };
  const labels = sortedRecord({ ...stringEntries(schema.metadata?.labels), ...(options.controllerLabels === false ? {} : kroCrdLabels(options)) });
  if (labels) metadata.labels = labels;
  const annotations = sortedRecord(stringEntries(schema.metadata?.annotations));
  if (annotations) metadata.annotations = annotations;

  // Malformed columns (already reported by the RGD shape check) are skipped rather than thrown on.
  const given: readonly unknown[] = Array.isArray(schema.additionalPrinterColumns) ? schema.additionalPrinterColumns : [];
  const columns = given.filter(isObject);
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata,
    spec: {
      group,
      names: { plural, singular, kind: schema.kind, listKind: `${schema.kind}List` },
      scope,
      versions: [
        {
          name: schema.apiVersion,
          served: true,
          storage: true,
          schema: { openAPIV3Schema },
          subresources: { status: {} },
          additionalPrinterColumns: columns.length > 0 ? columns.map(printerColumn) : DEFAULT_PRINTER_COLUMNS.map((c) => ({ ...c })),
        },
      ],
    },
  };
}

/** kro's columns for an RGD without `additionalPrinterColumns` (`defaultAdditionalPrinterColumns`). */
const DEFAULT_PRINTER_COLUMNS: readonly PrinterColumn[] = [
  { name: 'State', type: 'string', description: 'The state of a ResourceGraphDefinition instance', jsonPath: '.status.state' },
  {
    name: 'Ready',
    type: 'string',
    description: 'Whether a ResourceGraphDefinition instance is ready',
    jsonPath: '.status.conditions[?(@.type=="Ready")].status',
  },
  { name: 'Age', type: 'date', description: 'Age of the resource', jsonPath: '.metadata.creationTimestamp' },
];

/** A column in `CustomResourceColumnDefinition` field order, without the zero values Go omits. */
function printerColumn(c: Record<string, unknown>): PrinterColumn {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    name: text(c.name),
    type: text(c.type),
    ...(text(c.format) ? { format: text(c.format) } : {}),
    ...(text(c.description) ? { description: text(c.description) } : {}),
    ...(typeof c.priority === 'number' && c.priority !== 0 ? { priority: c.priority } : {}),
    jsonPath: text(c.jsonPath),
  };
}

/** The string-valued entries of a label or annotation map; anything else there is a shape error reported elsewhere. */
function stringEntries(map: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(map)) return out;
  for (const [k, v] of Object.entries(map)) if (typeof v === 'string') setKey(out, k, v);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A copy with keys in Go's map order, or undefined when empty (kro leaves empty maps unset). */
function sortedRecord(record: Record<string, string>): Record<string, string> | undefined {
  const keys = Object.keys(record).sort(compareGoStrings);
  if (keys.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const k of keys) setKey(out, k, record[k]);
  return out;
}
