// The core's design diff, reached by path because `@kro-designer/core` does not export `diff/` yet (its index is
// owned by the core's maintainers; the export is requested). Swap this for the package import once it lands.
export { diffDesigns, renderUnifiedDiff, type DesignDiff } from '../../../../packages/core/src/diff/index.js';
