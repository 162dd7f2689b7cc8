/**
 * Splits an `apiVersion` into group and version the way Kubernetes' `schema.ParseGroupVersion` does: `v1` is the
 * core group, `apps/v1` is group `apps`; more than one `/` is not an apiVersion (undefined). The empty string gives
 * an empty group and version, which no kind is registered under.
 */
export function parseApiVersion(apiVersion: string): { readonly group: string; readonly version: string } | undefined {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0]! };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  return undefined;
}

/** The `apiVersion` of a group and version: `v1` for the core group, `group/version` otherwise. */
export function formatApiVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}
