/** Identifiers the CEL lexer reserves (kro's pkg/graph/validation.go refuses them as ids and iterator names). */
const CEL_RESERVED = ['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while'];

/** Words kro v0.9.3 reserves for itself. */
const KRO_RESERVED = [
  'apiVersion', 'context', 'dependency', 'dependencies', 'each', 'externalRef', 'externalReference', 'externalRefs',
  'externalReferences', 'graph', 'instance', 'item', 'items', 'kind', 'kro', 'metadata', 'namespace', 'object',
  'resource', 'resourcegraphdefinition', 'resourceGraphDefinition', 'resources', 'root', 'runtime', 'schema', 'self',
  'serviceAccountName', 'spec', 'status', 'this', 'variables', 'vars', 'version',
];

export const RESERVED_WORDS: ReadonlySet<string> = new Set([...CEL_RESERVED, ...KRO_RESERVED]);

export const LOWER_CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;
export const UPPER_CAMEL_CASE = /^[A-Z][a-zA-Z0-9]*$/;

/** Default of the controller flag --rgd-max-collection-dimension-size. */
export const MAX_FOREACH_DIMENSIONS = 10;
