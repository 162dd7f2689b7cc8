import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Command } from '../DesignStore';
import { locateResources } from './locateResources';
import { setValueAt } from './schemaFields';

/** `spec.template.spec.containers.0.image` → keys and sequence indices. */
export const splitPath = (path: string): (string | number)[] => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Writes `${expression}` into the template of resource `resourceId` at `path` (dotted, from the template root):
 * the scalar there is replaced in place, a missing key is added under its parent. The edge follows from validation.
 */
export function wireField(resourceId: string, path: string, expression: string): Command {
  return {
    label: `Wired \${${expression}} into ${resourceId}.${path}`,
    run(text) {
      const located = locateResources(text);
      if (!located.ok) return located;
      const { doc, ids } = located.value;
      const index = ids.indexOf(resourceId);
      if (index < 0) return { ok: false, message: `There is no resource ${resourceId}` };
      const keys = splitPath(path.trim());
      if (keys.length === 0 || keys.some((k) => k === '')) return { ok: false, message: 'Name the template field to write, like spec.replicas' };
      const template = doc.getIn(['spec', 'resources', index, 'template'], true);
      if (!isMap(template)) return { ok: false, message: `${resourceId} has no template to write into` };
      return setValueAt(text, doc, ['spec', 'resources', index, 'template', ...keys], `\${${expression}}`);
    },
  };
}

/** The scalar fields of a resource's template as dotted paths (for choosing where a wire writes). */
export function templatePaths(text: string, resourceId: string): string[] {
  const located = locateResources(text);
  if (!located.ok) return [];
  const index = located.value.ids.indexOf(resourceId);
  if (index < 0) return [];
  const out: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) walk(pair.value, prefix ? `${prefix}.${key}` : key);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, `${prefix}.${i}`));
    else if (prefix !== 'apiVersion' && prefix !== 'kind') out.push(prefix);
  };
  walk(located.value.doc.getIn(['spec', 'resources', index, 'template'], true) as Node | undefined, '');
  return out;
}
