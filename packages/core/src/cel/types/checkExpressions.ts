import type { Diagnostic, Fix, Span, StageResult } from '../../diagnostics/Diagnostic.js';
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import { createDiagnostic } from '../../diagnostics/createDiagnostic.js';
import type { OpenApiSchema } from '../../schemas/OpenApiSchema.js';
import { goQuote } from '../../simpleschema/goStrconv.js';
import { DYN_TYPE, celTypeOfDecl, formatCelType, type CelType } from './CelType.js';
import { isBoolOrOptionalBool, listElementType, typeMismatch } from './checkTypeCompatibility.js';
import { createCheckScope, selectedFieldNames, type CheckScope, type InstanceTyping, type TypedIterator, type TypedResource } from './createCheckScope.js';
import type { TypedCheck, TypedEnvironment } from './createTypedEnvironment.js';
import { declTypeOf, type SchemaResolve } from './DeclType.js';
import { describeCelError, kroTypeNameOf, type CelProblem } from './describeCelError.js';
import type { ExpressionSite } from './ExpressionSite.js';
import { inferStatusSchema } from './inferStatusSchema.js';
import { parseFieldPath } from './parseFieldPath.js';
import { KRO_TYPE_PREFIX } from './TypeUniverse.js';

export interface CheckExpressionsInput {
  /** Every expression site of the RGD, in document order (the scanner and template walk produce them). */
  readonly sites: readonly ExpressionSite[];
  /** Every resource, in declaration order. */
  readonly resources: readonly TypedResource[];
  readonly instance: InstanceTyping;
  /** Dereferences `$ref`s in the schemas above (`SchemaRegistry.resolve`). */
  readonly resolve: SchemaResolve;
}

export interface CheckExpressionsOptions {
  /**
   * Also report CEL syntax errors and identifiers or functions the environment does not declare (`undeclared
   * reference to 'x'`). Off by default: the reference checks (kro's inspector) report them first, in kro's words.
   */
  readonly reportReferenceErrors?: boolean;
}

/** A site with the output type of its expression (absent when it does not type-check). */
export interface CheckedSite {
  readonly site: ExpressionSite;
  readonly outputType?: CelType;
}

export interface ExpressionCheck {
  /** The sites in input order. */
  readonly sites: readonly CheckedSite[];
  /** For every forEach resource, the type of each iterator (the element type of its list). */
  readonly iteratorTypes: ReadonlyMap<string, ReadonlyMap<string, CelType>>;
  /** The user part of the instance status schema, inferred from the `status` sites (see `inferStatusSchema`). */
  readonly statusSchema: OpenApiSchema;
  /** The typed environments, for editor queries (scope, completion). */
  readonly scope: CheckScope;
}

/**
 * Type-checks every expression site in kro's typed environment (kro-spec §3.3–3.6, §4.7 rows 6–9): the CEL text in
 * the environment of its context, then the context's rule on the output type — a template value must fit its
 * field, includeWhen/readyWhen must return `bool` or `optional_type(bool)`, forEach a list (whose element type
 * types the iterator), a status condition `runtime.newCondition(...)` or a list of them. forEach sites are checked
 * first so iterators are typed. Messages are kro's (its innermost wording; CEL errors in cel-go's words with
 * `<input>:line:column` on the compiled text), located in the YAML through each site's offset map, with a
 * "did you mean" for misspelt fields. Status output types become the inferred status schema.
 */
export function checkExpressions(input: CheckExpressionsInput, options: CheckExpressionsOptions = {}): StageResult<ExpressionCheck> {
  const scope = createCheckScope(input.resources, input.instance, input.resolve, selectedFieldNames(input.sites.map((s) => s.celSource)));
  const diagnostics: Diagnostic[] = [];
  const results = new Map<ExpressionSite, CelType | undefined>();
  const iteratorTypes = new Map<string, TypedIterator[]>();

  const run = (site: ExpressionSite, env: TypedEnvironment): TypedCheck => {
    const check = env.check(site.celSource);
    if (!check.ok) {
      const problem = describeCelError(check.error, site.celSource, {
        kroTypeName: (t) => kroTypeNameOf(t, (n) => scope.universe.toKroName(n, check.display)),
        fieldNamesOf: env.fieldNamesOf,
        variableNames: [...env.variables.keys()],
        isFunction: env.isFunction,
      });
      const reference = problem.kind === 'syntax' || problem.kind === 'unknown-identifier' || problem.kind === 'unknown-function';
      if (!reference || options.reportReferenceErrors === true) diagnostics.push(celDiagnostic(site, problem));
    }
    return check;
  };

  for (const site of input.sites) {
    if (site.context !== 'forEach') continue;
    const check = run(site, scope.environmentFor('forEach', site.resourceId, []));
    if (!check.ok) continue;
    results.set(site, check.type);
    const elem = listElementType(check.type);
    if (!elem) {
      const t = goQuote(formatCelType(check.type));
      report(site, 'cel/not-list', `node ${q(site.resourceId)}: forEach iterator ${q(site.iterator)} must return a list, got ${t}: type ${t} is not a list type`);
      continue;
    }
    if (site.resourceId === undefined || site.iterator === undefined) continue;
    const list = iteratorTypes.get(site.resourceId) ?? [];
    list.push({ name: site.iterator, type: elem, celJsType: elementOf(check.celJsType), display: check.display });
    iteratorTypes.set(site.resourceId, list);
  }

  for (const site of input.sites) {
    if (site.context === 'forEach') continue;
    const iterators = site.resourceId === undefined ? [] : (iteratorTypes.get(site.resourceId) ?? []);
    const check = run(site, scope.environmentFor(site.context, site.resourceId, iterators));
    results.set(site, check.ok ? check.type : undefined);
    if (check.ok) checkResult(site, check.type);
  }

  function checkResult(site: ExpressionSite, output: CelType): void {
    switch (site.context) {
      case 'template':
      case 'externalRef': {
        if (!site.expectedSchema || site.resourceId === undefined) return;
        // A string template in a field that takes no strings is the template walk's error (kro reports it first).
        const target = input.resolve(site.expectedSchema).type;
        if (!site.standalone && target !== undefined && target !== 'string') return;
        const expected = expectedType(site.expectedSchema, site.resourceId, site.path, input.resolve);
        const detail = typeMismatch(output, expected, scope.universe);
        if (detail === undefined) return;
        report(
          site,
          'cel/type-mismatch',
          `type mismatch in resource ${q(site.resourceId)} at path ${q(site.path)}: expression ${q(site.displayText)} returns type ${q(formatCelType(output))} but expected ${q(formatCelType(expected))}${detail ? `: ${detail}` : ''}`,
        );
        return;
      }
      case 'includeWhen':
      case 'readyWhen':
        if (!isBoolOrOptionalBool(output)) {
          report(site, 'cel/not-bool', `${site.context} expression ${q(site.displayText)} in resource ${q(site.resourceId)} must return bool or optional_type(bool), but returns ${q(formatCelType(output))}`);
        }
        return;
      case 'condition': {
        const t = listElementType(output) ?? output;
        if (!(t.kind === 'object' && t.name === 'kro.run.Condition') && t.kind !== 'dyn') {
          report(site, 'cel/not-condition', `condition ${q(site.displayText)}: condition expressions must return runtime.newCondition(...) or a list of them, got ${q(formatCelType(output))}`);
        }
        return;
      }
      default:
    }
  }

  function report(site: ExpressionSite, code: DiagnosticCode, message: string): void {
    diagnostics.push(createDiagnostic(code, message, wholeSpan(site), site.documentPath ?? site.path, extras(site)));
  }

  const statusFields = input.sites.filter((s) => s.context === 'status').map((s) => ({ path: s.path, type: results.get(s) }));
  return {
    value: {
      sites: input.sites.map((site) => {
        const outputType = results.get(site);
        return outputType ? { site, outputType } : { site };
      }),
      iteratorTypes: new Map([...iteratorTypes].map(([id, list]) => [id, new Map(list.map((i) => [i.name, i.type]))])),
      statusSchema: inferStatusSchema(statusFields, scope.universe),
      scope,
    },
    diagnostics,
  };
}

/** kro's expected type for a template field: the field schema's type, named `__type_<id>.<path>` (`@idx` for indices). */
export function expectedType(schema: OpenApiSchema, resourceId: string, path: string, resolve: SchemaResolve): CelType {
  const decl = declTypeOf(schema, resolve);
  if (!decl) return DYN_TYPE;
  let name = `${KRO_TYPE_PREFIX}${resourceId}`;
  for (const seg of parseFieldPath(path) ?? []) name += 'index' in seg ? '.@idx' : `.${seg.name}`;
  return celTypeOfDecl(decl, name);
}

/** The element of a cel-js list type spelling (`list<X>` → `X`; a bare `list` holds `dyn`). */
function elementOf(celJsType: string): string {
  return celJsType.startsWith('list<') && celJsType.endsWith('>') ? celJsType.slice(5, -1) : 'dyn';
}

/** Go's `%q` of a string (kro formats names and expressions with it); absent values print as `""`. */
function q(s: string | undefined): string {
  return goQuote(s ?? '');
}

function extras(site: ExpressionSite): { resourceId?: string } {
  return site.resourceId === undefined ? {} : { resourceId: site.resourceId };
}

/** The expression itself when standalone, else the whole string value. */
function wholeSpan(site: ExpressionSite): Span {
  if (!site.standalone) return site.span;
  return { start: site.toSourceOffset(0), end: Math.max(site.toSourceOffset(0), site.toSourceOffset(site.celSource.length)) };
}

const PROBLEM_CODES: Record<CelProblem['kind'], DiagnosticCode> = {
  syntax: 'cel/parse',
  'unknown-identifier': 'cel/unknown-identifier',
  'unknown-function': 'cel/unknown-function',
  'undefined-field': 'cel/undefined-field',
  'no-matching-overload': 'cel/no-overload',
  'type-error': 'cel/check',
};

/** A CEL error as kro reports it for the site's context, located on the YAML text. */
function celDiagnostic(site: ExpressionSite, problem: CelProblem): Diagnostic {
  const { line, column } = lineColumn(site.celSource, problem.anchor);
  const cel = `ERROR: <input>:${line}:${column}: ${problem.message}`;
  const e = q(site.displayText);
  let message: string;
  switch (site.context) {
    case 'template':
    case 'externalRef':
      message = `failed to compile template expression ${e} at path ${q(site.path)}: ${cel}`;
      break;
    case 'forEach':
      message = `node ${q(site.resourceId)}: forEach iterator ${q(site.iterator)}: ${cel}`;
      break;
    case 'includeWhen':
    case 'readyWhen':
      message = `failed to type-check ${site.context} expression ${e} in resource ${q(site.resourceId)}: ${cel}`;
      break;
    case 'status':
      message = `failed to type-check status expression ${e} at path ${q(site.path)}: ${cel}`;
      break;
    case 'condition':
      message = `failed to type-check condition ${e}: ${cel}`;
      break;
  }
  const start = site.toSourceOffset(problem.range.start);
  const end = Math.max(start, site.toSourceOffset(problem.range.end));
  const fixes: Fix[] = [];
  if (problem.suggestion !== undefined) {
    message += ` (did you mean '${problem.suggestion}'?)`;
    // Offer the replacement only where the underlined text is exactly the misspelt name.
    if (problem.missing !== undefined && site.celSource.slice(problem.range.start, problem.range.end) === problem.missing && end - start === problem.missing.length) {
      fixes.push({ title: `Change to '${problem.suggestion}'`, edits: [{ span: { start, end }, newText: problem.suggestion }] });
    }
  }
  return createDiagnostic(PROBLEM_CODES[problem.kind], message, { start, end }, site.documentPath ?? site.path, { ...extras(site), fixes });
}

/** cel-go's 1-based line and column (in code points) of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { line, column: [...before.slice(lineStart)].length + 1 };
}
