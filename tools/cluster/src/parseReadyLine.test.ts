import { describe, expect, it } from 'vitest';
import { parseReadyLine } from './parseReadyLine.js';

describe('parseReadyLine', () => {
  it('parses the READY line', () => {
    const line =
      'READY {"crds":["a.kro.run"],"kubeconfig":"/r/.cluster/kubeconfig","logDir":"/r/.cluster/logs","pid":42,"server":"https://127.0.0.1:6443"}';
    expect(parseReadyLine(line)).toEqual({
      kubeconfigPath: '/r/.cluster/kubeconfig',
      server: 'https://127.0.0.1:6443',
      logDir: '/r/.cluster/logs',
      crds: ['a.kro.run'],
      pid: 42,
    });
  });

  it('ignores other lines', () => {
    expect(parseReadyLine('kro-cluster: starting etcd')).toBeUndefined();
    expect(parseReadyLine('READY')).toBeUndefined();
  });

  it('rejects a READY line with a bad payload', () => {
    expect(() => parseReadyLine('READY {"kubeconfig":1}')).toThrow(/malformed READY line/);
    expect(() => parseReadyLine('READY {nope}')).toThrow(/malformed READY line/);
  });
});
