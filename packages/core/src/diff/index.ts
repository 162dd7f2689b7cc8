export { diffLines, renderUnifiedDiff, splitLines, type DiffHunk, type DiffLine, type DiffLinesOptions, type LineDiff } from './diffLines.js';
export { describeSchemaFields, type FieldShape } from './describeSchemaFields.js';
export {
  diffDesigns,
  type ChangeKind,
  type DesignDiff,
  type DiffDesignsOptions,
  type EdgeChange,
  type FieldChange,
  type ResourceAspect,
  type ResourceChange,
  type RgdDiff,
  type StatusFieldChange,
} from './diffDesigns.js';
