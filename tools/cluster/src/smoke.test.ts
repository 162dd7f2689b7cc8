// End-to-end proof that the harness is a real control plane: kube-apiserver + etcd + the real kro
// controller, driven only through @kubernetes/client-node. Nothing here is mocked.
import {
  ApiException,
  ApiextensionsV1Api,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  VersionApi,
  type V1ConfigMap,
  type V1Deployment,
} from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from './eventually.js';
import { markDeploymentReady } from './markWorkloadReady.js';

const suffix = randomBytes(3).toString('hex');
const namespace = `smoke-${suffix}`;
const rgdName = `smoke-app-${suffix}`;
// The generated kind (and so its CRD) must be unique too if the cluster outlives this run. It ends
// in "App" so that kro's pluralisation is predictable; the test still reads the plural from the CRD.
const kind = `Smoke${Array.from(randomBytes(6), (b) => String.fromCharCode(65 + (b % 26))).join('')}App`;
let plural = '';
const instanceName = 'demo';

const rgd = {
  apiVersion: 'kro.run/v1alpha1',
  kind: 'ResourceGraphDefinition',
  metadata: { name: rgdName },
  spec: {
    schema: {
      apiVersion: 'v1alpha1',
      kind,
      spec: {
        name: 'string',
        image: 'string | default="registry.example/app:1.0"',
        replicas: 'integer | default=2',
        greeting: 'string | default="hello"',
      },
      status: {
        availableReplicas: '${deployment.status.availableReplicas}',
        configName: '${config.metadata.name}',
      },
    },
    resources: [
      {
        id: 'config',
        template: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: '${schema.spec.name}-config' },
          data: { greeting: '${schema.spec.greeting}' },
        },
      },
      {
        id: 'extra',
        template: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: '${schema.spec.name}-extra' },
          data: { source: '${config.metadata.name}' },
        },
      },
      {
        id: 'deployment',
        readyWhen: ['${deployment.status.availableReplicas == deployment.spec.replicas}'],
        template: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: '${schema.spec.name}' },
          spec: {
            replicas: '${schema.spec.replicas}',
            selector: { matchLabels: { app: '${schema.spec.name}' } },
            template: {
              metadata: { labels: { app: '${schema.spec.name}' } },
              spec: {
                containers: [
                  {
                    name: 'app',
                    image: '${schema.spec.image}',
                    env: [{ name: 'GREETING', valueFrom: { configMapKeyRef: { name: '${config.metadata.name}', key: 'greeting' } } }],
                  },
                ],
              },
            },
          },
        },
      },
    ],
  },
};

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface KroObject {
  metadata: { uid: string; name: string };
  status?: { state?: string; conditions?: Condition[]; availableReplicas?: number; configName?: string };
}

let kc: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;
let custom: CustomObjectsApi;

function isNotFound(err: unknown): boolean {
  return err instanceof ApiException && err.code === 404;
}

/** Resolves to `true` once a read fails with 404, `undefined` while the object exists. */
async function gone(read: () => Promise<unknown>): Promise<true | undefined> {
  try {
    await read();
    return undefined;
  } catch (err) {
    if (isNotFound(err)) return true;
    throw err;
  }
}

const readyCondition = (o: KroObject) => o.status?.conditions?.find((c) => c.type === 'Ready');
const readInstance = async () =>
  (await custom.getNamespacedCustomObject({ group: 'kro.run', version: 'v1alpha1', namespace, plural, name: instanceName })) as KroObject;

beforeAll(async () => {
  kc = new KubeConfig();
  kc.loadFromFile(inject('kroCluster').kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
  custom = kc.makeApiClient(CustomObjectsApi);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
});

afterAll(async () => {
  // Namespaces never finish terminating without kube-controller-manager, so delete without waiting.
  await custom
    .deleteClusterCustomObject({ group: 'kro.run', version: 'v1alpha1', plural: 'resourcegraphdefinitions', name: rgdName })
    .catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  await core.deleteNamespace({ name: namespace });
});

describe('local control plane with the kro controller', () => {
  it('reports the pinned Kubernetes version', async () => {
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).toMatch(/^v1\.35\.\d+$/);
  });

  it('accepts an RGD and establishes its CRD', async () => {
    await custom.createClusterCustomObject({ group: 'kro.run', version: 'v1alpha1', plural: 'resourcegraphdefinitions', body: rgd });

    const active = await eventually(
      async () => {
        const o = (await custom.getClusterCustomObject({
          group: 'kro.run',
          version: 'v1alpha1',
          plural: 'resourcegraphdefinitions',
          name: rgdName,
        })) as KroObject & { status?: { topologicalOrder?: string[] } };
        return o.status?.state === 'Active' && readyCondition(o)?.status === 'True' ? o : undefined;
      },
      { description: `RGD ${rgdName} to be Active` },
    );
    expect(active.status?.topologicalOrder).toEqual(['config', 'extra', 'deployment']);

    const crds = await kc.makeApiClient(ApiextensionsV1Api).listCustomResourceDefinition();
    const crd = crds.items.find((c) => c.spec.group === 'kro.run' && c.spec.names.kind === kind);
    expect(crd?.metadata?.name).toBe(`${kind.toLowerCase()}s.kro.run`);
    expect(crd?.spec.scope).toBe('Namespaced');
    expect(crd?.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
    plural = crd?.spec.names.plural ?? '';
  });

  it('creates the children with kro labels, waits for the Deployment, then reports ACTIVE', async () => {
    const instance = (await custom.createNamespacedCustomObject({
      group: 'kro.run',
      version: 'v1alpha1',
      namespace,
      plural,
      body: { apiVersion: 'kro.run/v1alpha1', kind, metadata: { name: instanceName }, spec: { name: 'web' } },
    })) as KroObject;
    const uid = instance.metadata.uid;

    const [config, extra, deployment] = await eventually(
      async (): Promise<[V1ConfigMap, V1ConfigMap, V1Deployment]> => [
        await core.readNamespacedConfigMap({ namespace, name: 'web-config' }),
        await core.readNamespacedConfigMap({ namespace, name: 'web-extra' }),
        await apps.readNamespacedDeployment({ namespace, name: 'web' }),
      ],
      { description: 'kro to create the ConfigMaps and the Deployment' },
    );
    expect(config.data).toEqual({ greeting: 'hello' });
    expect(extra.data).toEqual({ source: 'web-config' });
    expect(deployment.spec?.replicas).toBe(2);
    for (const [nodeId, obj] of [
      ['config', config],
      ['extra', extra],
      ['deployment', deployment],
    ] as const) {
      const labels = obj.metadata?.labels ?? {};
      expect(labels).toMatchObject({
        'kro.run/owned': 'true',
        'app.kubernetes.io/managed-by': 'kro',
        'kro.run/instance-id': uid,
        'kro.run/instance-name': instanceName,
        'kro.run/instance-namespace': namespace,
        'kro.run/instance-kind': kind,
        'kro.run/node-id': nodeId,
      });
      expect(labels['applyset.kubernetes.io/part-of']).toMatch(/^applyset-/);
    }

    // No controller-manager: the Deployment never becomes available by itself, so kro keeps
    // the instance from being Ready.
    const waiting = await eventually(async () => {
      const o = await readInstance();
      return o.status?.state ? o : undefined;
    });
    expect(waiting.status?.state).not.toBe('ACTIVE');
    expect(readyCondition(waiting)?.status).not.toBe('True');

    await markDeploymentReady(kc, namespace, 'web');

    const ready = await eventually(
      async () => {
        const o = await readInstance();
        return o.status?.state === 'ACTIVE' && readyCondition(o)?.status === 'True' && o.status.availableReplicas === 2
          ? o
          : undefined;
      },
      { description: 'the instance to be ACTIVE and Ready' },
    );
    expect(ready.status).toMatchObject({ state: 'ACTIVE', availableReplicas: 2, configName: 'web-config' });
  });

  it('deletes the children when the instance is deleted', async () => {
    await custom.deleteNamespacedCustomObject({ group: 'kro.run', version: 'v1alpha1', namespace, plural, name: instanceName });
    await eventually(
      async () => {
        const all = await Promise.all([
          gone(() => core.readNamespacedConfigMap({ namespace, name: 'web-config' })),
          gone(() => core.readNamespacedConfigMap({ namespace, name: 'web-extra' })),
          gone(() => apps.readNamespacedDeployment({ namespace, name: 'web' })),
          gone(readInstance),
        ]);
        return all.every((g) => g === true) ? true : undefined;
      },
      { description: 'the children and the instance to be deleted' },
    );
  });
});

