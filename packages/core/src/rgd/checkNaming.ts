import type { Diagnostic, Span } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { childPath } from '../source/fieldPath.js';
import { LOWER_CAMEL_CASE, MAX_FOREACH_DIMENSIONS, RESERVED_WORDS, UPPER_CAMEL_CASE } from './reservedWords.js';
import type { RgdModel } from './RgdModel.js';

const PREFIX = 'naming convention violation';

/**
 * kro's naming rules (pkg/graph/validation.go): the kind, every resource id (reserved, then lowerCamelCase, then
 * unique, in declaration order) and every forEach iterator. kro stops at the first violation; this reports all of
 * them, with kro's message text.
 */
export function checkNaming(model: RgdModel, maxDimensions = MAX_FOREACH_DIMENSIONS): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { kind, kindNode } = model.schema;
  if (kind !== undefined && !UPPER_CAMEL_CASE.test(kind)) {
    out.push(
      createDiagnostic(
        'naming/kind',
        `${PREFIX}: kind '${kind}' is not a valid KRO kind name: must be UpperCamelCase`,
        kindNode?.span ?? model.root.span,
        'spec.schema.kind',
      ),
    );
  }
  const firstSeen = new Map<string, Span>();
  for (const r of model.resources) {
    const path = childPath(r.path, 'id');
    if (r.id === '') continue; // A missing id is reported by the structural check.
    const at = { resourceId: r.id };
    if (RESERVED_WORDS.has(r.id)) {
      out.push(createDiagnostic('naming/id-reserved', `${PREFIX}: id ${r.id} is a reserved keyword in KRO`, r.idSpan, path, at));
    } else if (!LOWER_CAMEL_CASE.test(r.id)) {
      out.push(
        createDiagnostic('naming/id-invalid', `${PREFIX}: id ${r.id} is not a valid KRO resource id: must be lower camelCase`, r.idSpan, path, {
          ...at,
          ...camelFix(r.id, r.idSpan),
        }),
      );
    }
    const earlier = firstSeen.get(r.id);
    if (earlier) {
      out.push(
        createDiagnostic('naming/id-duplicate', `${PREFIX}: found duplicate resource IDs ${r.id}`, r.idSpan, path, {
          ...at,
          related: [{ message: `"${r.id}" is first declared here`, span: earlier }],
        }),
      );
    } else firstSeen.set(r.id, r.idSpan);
  }
  const ids = new Set(model.resources.map((r) => r.id));
  for (const r of model.resources) {
    const at = { resourceId: r.id };
    const path = childPath(r.path, 'forEach');
    if (r.forEach.length > maxDimensions) {
      out.push(
        createDiagnostic('naming/foreach-too-many', `resource "${r.id}": forEach cannot have more than ${maxDimensions} dimensions, got ${r.forEach.length}`, r.idSpan, path, at),
      );
    }
    const seen = new Set<string>();
    for (const dim of r.forEach) {
      const q = JSON.stringify(dim.name);
      if (!LOWER_CAMEL_CASE.test(dim.name)) {
        out.push(createDiagnostic('naming/iterator-invalid', `resource "${r.id}": forEach iterator name ${q} is not valid: must be lowerCamelCase`, dim.nameSpan, path, at));
      } else if (RESERVED_WORDS.has(dim.name)) {
        out.push(createDiagnostic('naming/iterator-reserved', `resource "${r.id}": forEach iterator name ${q} is a reserved keyword`, dim.nameSpan, path, at));
      } else if (ids.has(dim.name)) {
        out.push(createDiagnostic('naming/iterator-conflict', `resource "${r.id}": forEach iterator name ${q} conflicts with resource ID`, dim.nameSpan, path, at));
      } else if (seen.has(dim.name)) {
        out.push(createDiagnostic('naming/iterator-duplicate', `resource "${r.id}": duplicate forEach iterator name ${q}`, dim.nameSpan, path, at));
      }
      seen.add(dim.name);
    }
  }
  return out;
}

/** Offers the lowerCamelCase spelling of an id such as `my-service` or `My_Service` when it would be valid. */
function camelFix(id: string, span: Span) {
  const parts = id.split(/[^a-zA-Z0-9]+/).filter((p) => p !== '');
  if (parts.length === 0) return {};
  const camel = parts.map((p, i) => (i === 0 ? p[0]!.toLowerCase() + p.slice(1) : p[0]!.toUpperCase() + p.slice(1))).join('');
  if (!LOWER_CAMEL_CASE.test(camel) || RESERVED_WORDS.has(camel) || camel === id) return {};
  return { fixes: [{ title: `Rename to "${camel}"`, edits: [{ span, newText: camel }] }] };
}
