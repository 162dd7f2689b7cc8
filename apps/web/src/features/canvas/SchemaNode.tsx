import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { SchemaFlowNode } from './buildFlowGraph';

const SHOWN = 6;

/** The instance schema: the API this RGD defines, and its top-level spec fields. */
function SchemaNodeView({ data }: NodeProps<SchemaFlowNode>) {
  const extra = data.fields.length - SHOWN;
  return (
    <div className={`rf-schema state-${data.state}${data.errors > 0 ? ' has-errors' : ''}`} data-testid="node-schema" data-state={data.state}>
      <div className="rf-schema-head">
        <span className="kind-icon family-schema" aria-hidden="true">
          API
        </span>
        <div className="rf-resource-title">
          <div className="rf-resource-id">{data.kind ?? <em>no kind</em>}</div>
          <div className="rf-resource-kind">schema · {data.apiVersion ?? '?'}</div>
        </div>
        {data.errors > 0 && <span className="count-badge error">{data.errors}</span>}
      </div>
      <ul className="rf-schema-fields">
        {data.fields.slice(0, SHOWN).map((f) => (
          <li key={f} className="wire-source" title={`Drag onto a resource to write \${schema.spec.${f}} into it`}>
            spec.{f}
            <Handle type="source" id={`schema.spec.${f}`} position={Position.Right} className="field-handle" data-testid={`handle-schema.spec.${f}`} />
          </li>
        ))}
        {extra > 0 && <li className="muted">+{extra} more</li>}
        {data.fields.length === 0 && <li className="muted">no spec fields</li>}
      </ul>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

export const SchemaNode = memo(SchemaNodeView);
