import { createSchemaRegistry, LineIndex, renderCodeFrame, renderInstance, type RenderResult } from '@kro-designer/core';
import { stringify } from 'yaml';
import { jsonDiagnostic } from './formatReport.js';
import { InputError } from './collectFiles.js';

export interface RenderInput {
  readonly rgd: { readonly path: string; readonly text: string };
  readonly instance: { readonly path: string; readonly text: string };
  readonly crds: readonly { readonly path: string; readonly text: string }[];
  readonly featureGates: { readonly CELOmitFunction?: boolean };
}

export interface RenderOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** 0 valid, 1 any error in the RGD, the instance or an evaluation. */
  readonly code: number;
}

/** Renders an instance and formats the result; CRD files that cannot be used are an input error (exit 2). */
export function renderCommand(input: RenderInput, format: 'yaml' | 'json'): RenderOutput {
  const registry = createSchemaRegistry({ crds: input.crds });
  const crdProblems = input.crds.flatMap((f) => (registry.diagnosticsByFile.get(f.path) ?? []).filter((d) => d.severity === 'error').map((d) => renderCodeFrame(f.text, d, { fileName: f.path })));
  if (crdProblems.length > 0) throw new InputError(`the CRD files could not be used:\n${crdProblems.join('\n')}`);
  const result = renderInstance(input.rgd.text, registry.value, input.instance.text, { featureGates: input.featureGates });
  const rgdLines = new LineIndex(input.rgd.text);
  const instanceLines = new LineIndex(input.instance.text);
  const code = result.valid ? 0 : 1;
  if (format === 'json') {
    const json = {
      valid: result.valid,
      diagnostics: result.diagnostics.map((d) => ({
        document: d.document,
        file: d.document === 'rgd' ? input.rgd.path : input.instance.path,
        ...jsonDiagnostic(d, d.document === 'rgd' ? rgdLines : instanceLines),
      })),
      resources: result.resources.map((r) => ({
        id: r.id,
        state: r.state,
        objects: r.objects,
        pending: r.pending.map((p) => ({ path: p.path, waitsFor: p.waitsFor })),
        ...(r.excludedBy ? { excludedBy: r.excludedBy } : {}),
      })),
      status: result.status,
    };
    return { stdout: JSON.stringify(json, null, 2) + '\n', stderr: '', code };
  }
  const stderr = result.diagnostics
    .filter((d) => d.severity !== 'info')
    .map((d) => renderCodeFrame(d.document === 'rgd' ? rgdLines : instanceLines, d, { fileName: d.document === 'rgd' ? input.rgd.path : input.instance.path }) + '\n')
    .join('\n');
  return { stdout: toYamlStream(result), stderr, code };
}

/**
 * The objects as a multi-document YAML stream, in kro's order, each preceded by a comment naming its resource; an
 * excluded resource is a comment saying which includeWhen excluded it, a pending one lists what it waits for.
 */
export function toYamlStream(result: RenderResult): string {
  const docs: string[] = [];
  let comments: string[] = [];
  for (const r of result.resources) {
    const items = r.cardinality !== undefined ? ` (forEach: ${r.cardinality} item${r.cardinality === 1 ? '' : 's'})` : '';
    const head = `# ${r.id}: ${r.state}${items}${r.externalRef ? ' (externalRef: read from the cluster, never applied)' : ''}`;
    comments.push(head);
    if (r.excludedBy) {
      const by = r.excludedBy.resourceId === r.id ? 'its' : `"${r.excludedBy.resourceId}"'s`;
      comments.push(`#   excluded by ${by} includeWhen ${r.excludedBy.expression !== undefined ? `\${${r.excludedBy.expression}}` : ''}`.trimEnd());
    }
    for (const p of r.pending) comments.push(`#   pending: ${p.path === '' ? 'the resource' : p.path} waits for ${p.waitsFor}`);
    if (r.objects.length === 0) continue;
    r.objects.forEach((o, i) => {
      const label = r.cardinality !== undefined ? [`# ${r.id}[${i}]`] : [];
      docs.push([...comments, ...label, stringify(o, { lineWidth: 0 }).trimEnd()].join('\n'));
      comments = [];
    });
  }
  const status = Object.keys(result.status).length > 0 ? stringify({ status: result.status }, { lineWidth: 0 }).trimEnd().split('\n').map((l) => `# ${l}`) : ['# status: nothing resolvable before the resources exist'];
  docs.push([...comments, '# instance', ...status].join('\n'));
  return docs.join('\n---\n') + '\n';
}
