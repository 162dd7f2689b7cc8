// InstanceService over the sandbox cluster (an in-process API server running kro's controllers): summaries of instances.
import { afterAll, describe, expect, it } from 'vitest';
import { CompositeClusterGateway } from '../adapters/CompositeClusterGateway.js';
import { createSandboxCluster, SANDBOX_SUMMARY } from '../adapters/sandbox/createSandboxCluster.js';
import { corpusObject } from '../adapters/sandbox/sandboxTestSupport.js';
import { ClusterService } from './ClusterService.js';
import { InstanceService } from './InstanceService.js';
import { LOCAL_PRINCIPAL } from './Principal.js';

const sandbox = createSandboxCluster({ readyAfterMs: 200, requeueMs: 200 });
const clusters = new ClusterService(new CompositeClusterGateway([{ summary: SANDBOX_SUMMARY, connection: sandbox }]), { now: () => new Date() });
const instances = new InstanceService(clusters);
afterAll(() => {
  clusters.close();
  sandbox.close();
});

async function eventually<T>(read: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let i = 0; i < 150; i++) {
    try {
      return await read();
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw last;
}

describe('InstanceService summaries', () => {
  it('carry the spec the cluster stores (defaults included), so an edit starts from it', async () => {
    await sandbox.apply(corpusObject('kubernetes/webapp/rg.yaml'), { fieldManager: 'kro-designer' });
    const applied = await eventually(() => instances.apply(LOCAL_PRINCIPAL, 'sandbox', 'webapp.kro.run', 'default', 'demo', 'spec:\n  name: demo\n  replicas: 2\n'));
    expect(applied.spec).toMatchObject({ name: 'demo', replicas: 2, image: 'nginx', port: 8080, ingress: { enabled: false } });
    const listed = (await instances.list(LOCAL_PRINCIPAL, 'sandbox', 'webapp.kro.run')).find((i) => i.name === 'demo');
    expect(listed?.spec).toEqual(applied.spec);
    expect(listed?.namespace).toBe('default');
  });
});
