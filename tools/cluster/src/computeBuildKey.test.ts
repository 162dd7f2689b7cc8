import { describe, expect, it } from 'vitest';
import { computeBuildKey, type BuildRecipe } from './computeBuildKey.js';

const base: BuildRecipe = {
  goVersion: 'go1.26.8',
  goos: 'linux',
  goarch: 'amd64',
  files: [
    { path: 'k8s/go.mod', content: 'module a' },
    { path: 'k8s/go.sum', content: 'sum' },
  ],
  flags: ['CGO_ENABLED=0', '-ldflags=-s -w'],
};

describe('computeBuildKey', () => {
  it('is stable and independent of file order', () => {
    expect(computeBuildKey(base)).toMatch(/^[0-9a-f]{20}$/);
    expect(computeBuildKey({ ...base, files: [...base.files].reverse() })).toBe(computeBuildKey(base));
  });

  it('changes with the toolchain, any file and any flag', () => {
    const key = computeBuildKey(base);
    expect(computeBuildKey({ ...base, goVersion: 'go1.26.9' })).not.toBe(key);
    expect(computeBuildKey({ ...base, files: [{ path: 'k8s/go.mod', content: 'module b' }, base.files[1]!] })).not.toBe(key);
    expect(computeBuildKey({ ...base, flags: ['CGO_ENABLED=0', '-ldflags=-s'] })).not.toBe(key);
  });

  it('does not confuse field boundaries', () => {
    const a = computeBuildKey({ ...base, flags: ['ab', 'c'] });
    const b = computeBuildKey({ ...base, flags: ['a', 'bc'] });
    expect(a).not.toBe(b);
  });
});
