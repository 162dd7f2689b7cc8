import type { ClusterConnection, KubeObject } from '../ports/ClusterGateway.js';

export const RGD_API = { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition' } as const;

/**
 * A small web app RGD: a ConfigMap, a Deployment that is ready when it has an available replica, a Service depending
 * on the Deployment, and an optional ConfigMap behind includeWhen (off by default) — every health a node can show.
 */
export function webAppRgd(name: string, kind: string): KubeObject {
  return {
    ...RGD_API,
    metadata: { name },
    spec: {
      schema: { apiVersion: 'v1alpha1', kind, spec: { image: 'string | default=nginx', replicas: 'integer | default=1', extra: 'boolean | default=false' } },
      resources: [
        { id: 'config', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${schema.metadata.name}-config' }, data: { image: '${schema.spec.image}' } } },
        {
          id: 'deploy',
          readyWhen: ['${deploy.status.availableReplicas > 0}'],
          template: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: '${schema.metadata.name}', annotations: { config: '${config.metadata.name}' } },
            spec: {
              replicas: '${schema.spec.replicas}',
              selector: { matchLabels: { app: '${schema.metadata.name}' } },
              template: { metadata: { labels: { app: '${schema.metadata.name}' } }, spec: { containers: [{ name: 'web', image: '${schema.spec.image}' }] } },
            },
          },
        },
        {
          id: 'service',
          template: {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: '${deploy.metadata.name}' },
            spec: { selector: { app: '${schema.metadata.name}' }, ports: [{ port: 80, targetPort: 8080 }] },
          },
        },
        { id: 'extra', includeWhen: ['${schema.spec.extra}'], template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${schema.metadata.name}-extra' }, data: { a: 'b' } } },
      ],
    },
  };
}

/** Applies an RGD and waits until kro reports it Active (its instance CRD established). */
export async function deployRgd(conn: ClusterConnection, rgd: KubeObject, timeoutMs = 60_000): Promise<void> {
  await conn.apply(rgd, { fieldManager: 'kro-designer-test', force: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await conn.get({ ...RGD_API, name: rgd.metadata.name! });
    const status = (current?.status ?? {}) as { state?: string; conditions?: unknown };
    if (status.state === 'Active') {
      // The instance CRD must be served before instances can be created.
      try {
        await conn.list({ apiVersion: 'kro.run/v1alpha1', kind: String((rgd.spec as { schema: { kind: string } }).schema.kind) }, { namespace: 'default' });
        return;
      } catch {
        // not served yet
      }
    }
    if (Date.now() > deadline) throw new Error(`RGD ${rgd.metadata.name} not Active after ${timeoutMs} ms: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
