import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requiredVersion } from './buildCluster.js';
import { clusterPaths } from './clusterPaths.js';

describe('requiredVersion', () => {
  const goMod = [
    'module x',
    '',
    'require github.com/kubernetes-sigs/kro v0.9.3',
    '',
    'require (',
    '\tgo.etcd.io/etcd/server/v3 v3.6.5 // indirect',
    '\tk8s.io/kubernetes v1.35.4',
    ')',
    'replace k8s.io/api => k8s.io/api v0.35.4',
  ].join('\n');

  it('reads single-line and block requirements', () => {
    expect(requiredVersion(goMod, 'github.com/kubernetes-sigs/kro')).toBe('v0.9.3');
    expect(requiredVersion(goMod, 'go.etcd.io/etcd/server/v3')).toBe('v3.6.5');
    expect(requiredVersion(goMod, 'k8s.io/kubernetes')).toBe('v1.35.4');
  });

  it('does not match a prefix of another module path', () => {
    expect(() => requiredVersion(goMod, 'k8s.io/kube')).toThrow(/does not require/);
  });

  it('the wrapper modules pin the versions the issue asks for', async () => {
    const root = clusterPaths().goRoot;
    const k8s = await readFile(join(root, 'k8s', 'go.mod'), 'utf8');
    const kro = await readFile(join(root, 'kro', 'go.mod'), 'utf8');
    expect(requiredVersion(k8s, 'k8s.io/kubernetes')).toMatch(/^v1\.35\./);
    expect(requiredVersion(k8s, 'go.etcd.io/etcd/server/v3')).toMatch(/^v3\.6\./);
    expect(requiredVersion(kro, 'github.com/kubernetes-sigs/kro')).toBe('v0.9.3');
  });
});
