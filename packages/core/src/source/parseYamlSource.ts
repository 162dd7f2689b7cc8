import type { Scalar } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import type { Diagnostic, Span } from '../diagnostics/Diagnostic.js';
import type { StageResult } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { LineIndex } from './LineIndex.js';
import type { LocatedEntry, LocatedNode, LocatedScalar, ScalarStyle } from './LocatedNode.js';
import { scalarOffsets } from './scalarOffsets.js';
import { estimateNestingDepth } from './estimateNestingDepth.js';
import { goYamlTags } from './goYamlTags.js';

/** Limits that keep hostile input from exhausting memory or time; each breach becomes a diagnostic. */
export interface SourceLimits {
  /** Largest accepted text, in UTF-16 code units. */
  readonly maxLength: number;
  /** Deepest accepted nesting of maps and sequences. */
  readonly maxDepth: number;
  /** Most nodes that may be produced by expanding aliases, summed over a document. */
  readonly maxAliasNodes: number;
}

export const DEFAULT_SOURCE_LIMITS: SourceLimits = {
  maxLength: 4 * 1024 * 1024,
  maxDepth: 128,
  maxAliasNodes: 10_000,
};

export interface SourceDocument {
  /** The library document, kept for lossless edits (comments, key order). */
  readonly yaml: Document.Parsed;
  /** Span of the document in the text. */
  readonly span: Span;
  /** The located tree of the document's contents; undefined for an empty document. */
  readonly root: LocatedNode | undefined;
  /** True when the document had syntax errors (the tree is then best-effort). */
  readonly hasErrors: boolean;
}

export interface YamlSource {
  readonly text: string;
  readonly lines: LineIndex;
  readonly documents: readonly SourceDocument[];
}

/**
 * Parses (possibly multi-document) YAML into located trees. Never throws on user input: syntax errors, limit
 * breaches and binary content come back as diagnostics.
 *
 * Scalars are resolved with the YAML 1.1 schema because that is what kubectl's YAML decoder (go-yaml v2 via
 * sigs.k8s.io/yaml) applies before kro ever sees an RGD: `yes`/`on` are booleans there.
 */
export function parseYamlSource(text: string, limits: SourceLimits = DEFAULT_SOURCE_LIMITS): StageResult<YamlSource> {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  if (text.length > limits.maxLength) {
    diagnostics.push(
      createDiagnostic(
        'input/too-large',
        `the file has ${text.length} characters; the limit is ${limits.maxLength} (an RGD of 300 resources is about 300,000)`,
        { start: 0, end: 0 },
        '',
      ),
    );
    return { value: { text, lines, documents: [] }, diagnostics };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    diagnostics.push(createDiagnostic('input/binary', 'the file contains a NUL byte; it is not a YAML text file', { start: nul, end: nul + 1 }, ''));
    return { value: { text, lines, documents: [] }, diagnostics };
  }

  // Refuse pathological nesting before the recursive parser sees it (see estimateNestingDepth for why).
  const nesting = estimateNestingDepth(text, limits.maxDepth * 2);
  if (nesting.depth > limits.maxDepth * 2) {
    diagnostics.push(
      createDiagnostic('input/too-deep', `the YAML nests more than ${limits.maxDepth * 2} levels deep; the file was not parsed (an RGD rarely nests 30)`, { start: nesting.offset, end: nesting.offset + 1 }, ''),
    );
    return { value: { text, lines, documents: [] }, diagnostics };
  }

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      version: '1.1',
      customTags: goYamlTags,
      uniqueKeys: true,
      prettyErrors: false,
    }) as Document.Parsed[];
  } catch (cause) {
    // The library recurses on nesting; a stack overflow here is reported, not thrown (tested with 10,000 levels).
    if (cause instanceof RangeError) {
      diagnostics.push(createDiagnostic('input/too-deep', 'the YAML nests too deeply to be parsed', { start: 0, end: 0 }, ''));
      return { value: { text, lines, documents: [] }, diagnostics };
    }
    throw new Error('YAML parser failed unexpectedly', { cause });
  }
  if (!Array.isArray(docs)) docs = [docs];

  const documents: SourceDocument[] = [];
  for (const doc of docs) {
    for (const err of doc.errors) {
      const [s, e] = err.pos;
      diagnostics.push(
        err.code === 'DUPLICATE_KEY'
          ? createDiagnostic('yaml/duplicate-key', `${cleanYamlMessage(err.message)}: the last value wins, as kubectl's YAML decoder keeps it silently`, { start: s, end: Math.max(e, s + 1) }, '')
          : createDiagnostic('yaml/syntax', cleanYamlMessage(err.message) + unquotedExpressionHint(text, s), { start: s, end: Math.max(e, s + 1) }, ''),
      );
    }
    for (const warn of doc.warnings) {
      const [s, e] = warn.pos;
      diagnostics.push(createDiagnostic('yaml/warning', cleanYamlMessage(warn.message), { start: s, end: e }, ''));
    }
    const builder = new TreeBuilder(doc, text, limits, diagnostics);
    const root = doc.contents ? builder.build(doc.contents as YamlNode, 0) : undefined;
    const [ds, , de] = doc.range;
    documents.push({ yaml: doc, span: { start: ds, end: de }, root, hasErrors: doc.errors.some((e) => e.code !== 'DUPLICATE_KEY') });
  }
  return { value: { text, lines, documents }, diagnostics };
}

/**
 * The most common YAML mistake in RGDs: an unquoted `${...}` holding `: ` (a ternary or a map literal) reads as a
 * nested mapping. When the error's line has one, say how to fix it.
 */
function unquotedExpressionHint(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const value = /:\s+(\$\{.*)$/.exec(line)?.[1] ?? /^\s*-\s+(\$\{.*)$/.exec(line)?.[1];
  return value && !/^["']/.test(value) ? ` (quote the expression: a \${...} containing ": " must be a quoted YAML string, e.g. '${value.trim()}')` : '';
}

function cleanYamlMessage(message: string): string {
  // The library appends " at line N, column M" and a code frame; we locate diagnostics ourselves.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

class TreeBuilder {
  private aliasNodes = 0;
  private depthReported = false;
  private aliasReported = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly limits: SourceLimits,
    private readonly diagnostics: Diagnostic[],
  ) {}

  build(node: YamlNode, depth: number, viaAlias = false): LocatedNode {
    const span = nodeSpan(node);
    if (viaAlias && ++this.aliasNodes > this.limits.maxAliasNodes) {
      if (!this.aliasReported) {
        this.aliasReported = true;
        this.diagnostics.push(
          createDiagnostic(
            'input/alias-limit',
            `YAML aliases expand to more than ${this.limits.maxAliasNodes} nodes; the rest of the expansion was skipped`,
            span,
            '',
          ),
        );
      }
      return nullScalar(span);
    }
    if (depth > this.limits.maxDepth) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.diagnostics.push(
          createDiagnostic('input/too-deep', `the document nests deeper than ${this.limits.maxDepth} levels; deeper content was skipped`, span, ''),
        );
      }
      return nullScalar(span);
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) return nullScalar(span);
      return this.build(target as YamlNode, depth, true);
    }
    if (isMap(node)) {
      const entries: LocatedEntry[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const key = keyNode === null ? '' : isScalar(keyNode) ? String(keyNode.value ?? '') : keyNode.toString();
        const keySpan = keyNode ? nodeSpan(keyNode) : span;
        const valueNode = pair.value as YamlNode | null;
        const value = valueNode ? this.build(valueNode, depth + 1, viaAlias) : nullScalar({ start: keySpan.end, end: keySpan.end });
        entries.push({ key, keySpan, value });
      }
      return { kind: 'map', span, entries };
    }
    if (isSeq(node)) {
      const items = node.items.map((item) =>
        item ? this.build(item as YamlNode, depth + 1, viaAlias) : nullScalar(span),
      );
      return { kind: 'seq', span, items };
    }
    if (isScalar(node)) return this.scalar(node, span);
    return nullScalar(span);
  }

  private scalar(node: Scalar, span: Span): LocatedScalar {
    const style = (node.type ?? 'PLAIN') as ScalarStyle;
    let value: LocatedScalar['value'];
    const raw = node.value;
    if (raw === null || raw === undefined) value = null;
    else if (typeof raw === 'string' || typeof raw === 'boolean' || typeof raw === 'bigint') value = raw;
    else if (typeof raw === 'number') value = raw;
    // YAML 1.1 timestamps: kubectl's decoder keeps them as the written text when the target is untyped.
    else value = this.text.slice(span.start, span.end);
    const source = this.text.slice(span.start, span.end);
    const isFloat = typeof value === 'number' && style === 'PLAIN' && /[.eE]|inf|nan/i.test(source) && !/^[-+]?0x/i.test(source);
    let offsets: number[] | undefined;
    const text = this.text;
    return {
      kind: 'scalar',
      value,
      span,
      style,
      ...(isFloat ? { float: true } : {}),
      offsetOf(i: number): number {
        if (typeof value !== 'string') return span.start;
        offsets ??= scalarOffsets(value, text.slice(span.start, span.end), span.start, style);
        return offsets[Math.max(0, Math.min(i, offsets.length - 1))] ?? span.start;
      },
    };
  }
}

function nodeSpan(node: YamlNode): Span {
  const r = node.range;
  if (!r) return { start: 0, end: 0 };
  return { start: r[0], end: r[1] };
}

function nullScalar(span: Span): LocatedScalar {
  return { kind: 'scalar', value: null, span, style: 'PLAIN', offsetOf: () => span.start };
}
