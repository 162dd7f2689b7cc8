export { LineIndex, type Position } from './LineIndex.js';
export * from './LocatedNode.js';
export { parseYamlSource, DEFAULT_SOURCE_LIMITS, type SourceDocument, type SourceLimits, type YamlSource } from './parseYamlSource.js';
export { scalarOffsets } from './scalarOffsets.js';
