/** The kro release whose behaviour the designer reproduces; kro stamps it on every CRD it creates. */
export const DEFAULT_KRO_VERSION = 'v0.9.3';

/** Label keys kro's RGD controller puts on an instance CRD (`pkg/metadata/labels.go`). */
export const KRO_CRD_LABELS = {
  owned: 'kro.run/owned',
  kroVersion: 'kro.run/kro-version',
  rgdId: 'kro.run/resource-graph-definition-id',
  rgdName: 'kro.run/resource-graph-definition-name',
} as const;

export interface KroCrdLabelOptions {
  /** The RGD's `metadata.name`. Absent → `""`, which is what kro computes for an RGD without a name. */
  rgdName?: string;
  /** The RGD's `metadata.uid`, assigned by the API server. Absent → `""` (not known before the RGD is created). */
  rgdUid?: string;
  /** kro's build version (`git describe` of the release). Default {@link DEFAULT_KRO_VERSION}. */
  kroVersion?: string;
}

/**
 * The four labels kro's RGD controller applies to the CRD before creating it (`ensureServingState`:
 * `NewKROMetaLabeler` merged with `NewResourceGraphDefinitionLabeler`). The graph builder (and so `kro generate crd`)
 * does not add them. The version goes through kro's `safeVersion`: a value that is not a valid label value gets its
 * `+` replaced by `-` (for `+dirty` builds).
 */
export function kroCrdLabels(options: KroCrdLabelOptions = {}): Record<string, string> {
  return {
    [KRO_CRD_LABELS.owned]: 'true',
    [KRO_CRD_LABELS.kroVersion]: safeVersion(options.kroVersion ?? DEFAULT_KRO_VERSION),
    [KRO_CRD_LABELS.rgdId]: options.rgdUid ?? '',
    [KRO_CRD_LABELS.rgdName]: options.rgdName ?? '',
  };
}

/** apimachinery's `IsValidLabelValue`: at most 63 characters, alphanumeric at both ends, `-_.` inside. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function safeVersion(version: string): string {
  if (version.length <= 63 && LABEL_VALUE.test(version)) return version;
  return version.replaceAll('+', '-');
}
