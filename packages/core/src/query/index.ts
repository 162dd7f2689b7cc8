export { queryAt, type QueryResult, type CompletionItem, type CompletionKind, type ScopeEntry, type Hover, type FunctionInfo } from './queryAt.js';
export { schemaTypeName } from './schemaTypeName.js';
