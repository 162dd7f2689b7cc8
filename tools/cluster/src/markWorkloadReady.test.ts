// Runs against the real kube-apiserver: its status validation is what these writes must satisfy.
import { AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig, type V1PodTemplateSpec } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { markWorkloadReady } from './markWorkloadReady.js';

const namespace = `mark-ready-${randomBytes(3).toString('hex')}`;
const labels = { app: 'w' };
const podTemplate = (restartPolicy?: string): V1PodTemplateSpec => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image: 'registry.example/app:1.0' }], ...(restartPolicy ? { restartPolicy } : {}) },
});

let kc: KubeConfig;
let apps: AppsV1Api;
let batch: BatchV1Api;

beforeAll(async () => {
  kc = new KubeConfig();
  kc.loadFromFile(inject('kroCluster').kubeconfigPath);
  apps = kc.makeApiClient(AppsV1Api);
  batch = kc.makeApiClient(BatchV1Api);
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
});

afterAll(async () => {
  await kc.makeApiClient(CoreV1Api).deleteNamespace({ name: namespace });
});

describe('markWorkloadReady', () => {
  it('Deployment: available replicas match spec, conditions Available and Progressing', async () => {
    await apps.createNamespacedDeployment({
      namespace,
      body: { metadata: { name: 'd' }, spec: { replicas: 3, selector: { matchLabels: labels }, template: podTemplate() } },
    });
    await markWorkloadReady(kc, { kind: 'Deployment', namespace, name: 'd' });
    const d = await apps.readNamespacedDeployment({ namespace, name: 'd' });
    expect(d.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 });
    expect(d.status?.observedGeneration).toBe(d.metadata?.generation);
    expect(d.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(['Available=True', 'Progressing=True']);
  });

  it('StatefulSet: ready replicas and equal revisions', async () => {
    await apps.createNamespacedStatefulSet({
      namespace,
      body: { metadata: { name: 's' }, spec: { serviceName: 's', selector: { matchLabels: labels }, template: podTemplate() } },
    });
    await markWorkloadReady(kc, { kind: 'StatefulSet', namespace, name: 's' });
    const s = await apps.readNamespacedStatefulSet({ namespace, name: 's' });
    expect(s.status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1, currentRevision: 's-simulated', updateRevision: 's-simulated' });
  });

  it('ReplicaSet and DaemonSet', async () => {
    await apps.createNamespacedReplicaSet({
      namespace,
      body: { metadata: { name: 'r' }, spec: { replicas: 2, selector: { matchLabels: labels }, template: podTemplate() } },
    });
    await apps.createNamespacedDaemonSet({
      namespace,
      body: { metadata: { name: 'ds' }, spec: { selector: { matchLabels: labels }, template: podTemplate() } },
    });
    await markWorkloadReady(kc, { kind: 'ReplicaSet', namespace, name: 'r' });
    await markWorkloadReady(kc, { kind: 'DaemonSet', namespace, name: 'ds' });
    expect((await apps.readNamespacedReplicaSet({ namespace, name: 'r' })).status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect((await apps.readNamespacedDaemonSet({ namespace, name: 'ds' })).status).toMatchObject({ numberReady: 1, desiredNumberScheduled: 1 });
  });

  it('Job: passes the API server status validation for a completed job', async () => {
    await batch.createNamespacedJob({ namespace, body: { metadata: { name: 'j' }, spec: { template: podTemplate('Never') } } });
    await markWorkloadReady(kc, { kind: 'Job', namespace, name: 'j' });
    const j = await batch.readNamespacedJob({ namespace, name: 'j' });
    expect(j.status?.succeeded).toBe(1);
    expect(j.status?.conditions?.find((c) => c.type === 'Complete')?.status).toBe('True');
  });

  it('fails with the workload named when it does not exist', async () => {
    await expect(markWorkloadReady(kc, { kind: 'Deployment', namespace, name: 'missing' })).rejects.toThrow(
      `could not mark Deployment ${namespace}/missing ready`,
    );
  });
});
