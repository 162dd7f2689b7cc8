import { describe, expect, it } from 'vitest';
import { allowedBy, loadAllowList, type Difference } from './allowList.js';

const diff: Difference = { case: 'own:x.yaml#a', object: 'v1/Namespace/-/team', path: 'metadata.labels["k"]', kro: 'a', ours: undefined };

describe('loadAllowList', () => {
  it('reads the committed list', () => {
    expect(loadAllowList().every((e) => e.reason.length > 20)).toBe(true);
  });
  it('refuses entries without a reason, a kind, or anything to match', () => {
    expect(() => loadAllowList('- { path: x, kind: not-kro }')).toThrow(/no reason/);
    expect(() => loadAllowList('- { path: x, reason: because }')).toThrow(/kind/);
    expect(() => loadAllowList('- { kind: our-bug, reason: because }')).toThrow(/matches everything/);
    expect(() => loadAllowList('{}')).toThrow(/list/);
  });
});

describe('allowedBy', () => {
  it('matches globs on case, object and path, all given fields at once', () => {
    const entries = loadAllowList('- { object: "v1/Namespace/*", path: "metadata.labels*", kind: not-kro, reason: set by the API server }');
    expect(allowedBy(entries, diff)?.kind).toBe('not-kro');
    expect(allowedBy(entries, { ...diff, object: 'v1/ConfigMap/ns/x' })).toBeUndefined();
    expect(allowedBy(entries, { ...diff, path: 'spec.x' })).toBeUndefined();
  });
  it('treats regex characters in patterns literally', () => {
    const entries = loadAllowList('- { path: "metadata.labels[\\"k\\"]", kind: not-kro, reason: literal brackets }');
    expect(allowedBy(entries, diff)).toBeDefined();
    expect(allowedBy(entries, { ...diff, path: 'metadata.labelsX"k"]' })).toBeUndefined();
  });
});
