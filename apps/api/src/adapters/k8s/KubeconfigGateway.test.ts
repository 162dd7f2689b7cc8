import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterError } from '../../ports/ClusterGateway.js';
import { loadKubeGateway } from './KubeconfigGateway.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfigs-'));
function kubeconfig(file: string, context: string, server: string, namespace?: string): string {
  const path = join(dir, file);
  writeFileSync(path, `apiVersion: v1
kind: Config
clusters:
- name: ${context}-cluster
  cluster: {server: "${server}", certificate-authority-data: Y2E=}
users:
- name: ${context}-user
  user: {token: secret-token-${context}, client-key-data: a2V5}
contexts:
- name: ${context}
  context: {cluster: ${context}-cluster, user: ${context}-user${namespace ? `, namespace: ${namespace}` : ''}}
current-context: ${context}
`);
  return path;
}

describe('loadKubeGateway', () => {
  it('lists every context of several kubeconfig files, the first file\'s current context current, no credentials', async () => {
    const a = kubeconfig('a', 'prod', 'https://admin:hunter2@prod.example:6443', 'apps');
    const b = kubeconfig('b', 'dev', 'https://dev.example:6443');
    const gateway = loadKubeGateway({ KUBECONFIG: [a, b].join(delimiter) });
    expect(gateway.source).toEqual({ kind: 'kubeconfig', files: [a, b] });
    const list = await gateway.list();
    expect(list).toEqual([
      { id: 'prod', name: 'prod', source: 'kubeconfig', simulated: false, server: 'https://prod.example:6443', namespace: 'apps', current: true },
      { id: 'dev', name: 'dev', source: 'kubeconfig', simulated: false, server: 'https://dev.example:6443', current: false },
    ]);
    expect(JSON.stringify(list)).not.toMatch(/hunter2|secret-token|a2V5|Y2E=/);
    expect(gateway.connect('dev').id).toBe('dev');
    expect(gateway.connect('dev')).toBe(gateway.connect('dev'));
    expect(() => gateway.connect('staging')).toThrow(ClusterError);
  });

  it('skips missing files and falls back to ~/.kube/config', async () => {
    const home = mkdtempSync(join(tmpdir(), 'home-'));
    expect((await loadKubeGateway({ KUBECONFIG: join(dir, 'missing'), HOME: home }).list())).toEqual([]);
    const kube = join(home, '.kube');
    mkdirSync(kube);
    writeFileSync(join(kube, 'config'), readFileSync(kubeconfig('c', 'home', 'https://home.example'), 'utf8'));
    expect((await loadKubeGateway({ HOME: home }).list()).map((c) => c.id)).toEqual(['home']);
  });
});
