import type { RgdSummary } from '../validation/protocol';

export interface CrdViewProps {
  readonly rgd: RgdSummary | undefined;
}

/** The CustomResourceDefinition kro would create for the design's instances (read-only). */
export function CrdView({ rgd }: CrdViewProps) {
  if (!rgd?.crdYaml) {
    return (
      <div className="crd-empty" data-testid="crd-empty">
        <p className="canvas-empty-title">No CRD yet</p>
        <p>kro builds the instance CRD from spec.schema. Fix the schema problems listed below and it appears here.</p>
      </div>
    );
  }
  const text = rgd.crdYaml;
  return (
    <div className="crd-view">
      <div className="crd-toolbar">
        <span>
          Generated <code>CustomResourceDefinition</code> for <strong>{rgd.kind}</strong>
        </span>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(text)}>
          Copy
        </button>
      </div>
      <pre className="crd-yaml" data-testid="crd-yaml" tabIndex={0}>
        {text}
      </pre>
    </div>
  );
}
