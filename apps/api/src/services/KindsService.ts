import { parseField } from '@kro-designer/core';
import type { RequiredField, StoredKind, StoredKindList } from '@kro-designer/contracts';
import { parse } from 'yaml';
import type { DesignService } from './DesignService.js';
import type { Principal } from './Principal.js';

/** kro's default API group of the kinds an RGD defines (`spec.schema.group`). */
const KRO_GROUP = 'kro.run';
/** Designs read per request (the newest first): the palette needs the kinds a team works with, not an archive. */
const MAX_DESIGNS = 200;

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The OpenAPI type of a SimpleSchema field string's type part. */
function typeOf(field: string): RequiredField['type'] {
  const parsed = parseField(field);
  const t = parsed.type;
  if (!t) return 'string';
  if (t.kind === 'slice') return 'array';
  if (t.kind === 'map' || t.kind === 'object' || t.kind === 'custom') return 'object';
  if (t.name === 'float') return 'number';
  return t.name === 'integer' || t.name === 'boolean' ? t.name : 'string';
}

/** Spec fields (nested objects included) with `required=true` and no default: what an instance must set. */
export function requiredFields(spec: unknown, prefix = ''): RequiredField[] {
  if (!isPlain(spec)) return [];
  const out: RequiredField[] = [];
  for (const [name, value] of Object.entries(spec)) {
    const path = `${prefix}${name}`;
    if (isPlain(value)) {
      out.push(...requiredFields(value, `${path}.`));
      continue;
    }
    if (typeof value !== 'string') continue;
    const markers = parseField(value).markers;
    const required = markers.some((m) => m.key === 'required' && m.value === 'true');
    if (required && !markers.some((m) => m.key === 'default')) out.push({ path, type: typeOf(value) });
  }
  return out;
}

/** The kind an RGD text defines, or undefined when the text is not an RGD with a schema kind and version. */
export function storedKindOf(yaml: string): Omit<StoredKind, 'designId' | 'designName' | 'workspace'> | undefined {
  let doc: unknown;
  try {
    doc = parse(yaml);
  } catch {
    // Tested fallback (KindsService.test.ts): a design saved with a syntax error defines no kind yet.
    return undefined;
  }
  if (!isPlain(doc) || doc.kind !== 'ResourceGraphDefinition' || !isPlain(doc.spec) || !isPlain(doc.spec.schema)) return undefined;
  const schema = doc.spec.schema;
  if (typeof schema.kind !== 'string' || typeof schema.apiVersion !== 'string' || schema.kind === '' || schema.apiVersion === '') return undefined;
  const group = typeof schema.group === 'string' && schema.group !== '' ? schema.group : KRO_GROUP;
  return { apiVersion: `${group}/${schema.apiVersion}`, kind: schema.kind, group, required: requiredFields(schema.spec) };
}

/** Kinds defined by the stored designs the caller can read: the palette's "from other designs" group. */
export class KindsService {
  constructor(private readonly designs: DesignService) {}

  async list(p: Principal): Promise<StoredKindList> {
    const page = await this.designs.list(p, { sort: 'updatedAt', limit: MAX_DESIGNS, offset: 0 });
    const items: StoredKind[] = [];
    const seen = new Set<string>();
    for (const summary of page.items) {
      const design = await this.designs.get(p, summary.id);
      const kind = storedKindOf(design.yaml);
      // The newest design defining a kind wins; older copies of the same kind add nothing to a palette.
      if (!kind || seen.has(`${kind.apiVersion}/${kind.kind}`)) continue;
      seen.add(`${kind.apiVersion}/${kind.kind}`);
      items.push({ ...kind, designId: design.id, designName: design.name, workspace: design.workspace });
    }
    items.sort((a, b) => a.kind.localeCompare(b.kind) || a.apiVersion.localeCompare(b.apiVersion));
    return { items };
  }
}
