// The core's design diff; services import it from here so the dependency on the core stays in one place.
export { diffDesigns, renderUnifiedDiff, type DesignDiff } from '@kro-designer/core';
