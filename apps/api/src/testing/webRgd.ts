export interface WebRgdOptions {
  readonly name?: string;
  readonly kind?: string;
  readonly spec?: Record<string, string>;
  readonly configData?: Record<string, string>;
}
/** A small web-app RGD (ConfigMap + Deployment with readyWhen) for the deploy and instance tests. */
export function webRgd(o: WebRgdOptions & { name: string; kind: string }) {
  return {
    apiVersion: 'kro.run/v1alpha1',
    kind: 'ResourceGraphDefinition',
    metadata: { name: o.name },
    spec: {
      schema: { apiVersion: 'v1alpha1', kind: o.kind, spec: o.spec ?? { name: 'string', replicas: 'integer | default=1', greeting: 'string | default="hi"' } },
      resources: [
        { id: 'config', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${schema.spec.name}-config' }, data: o.configData ?? { greeting: '${schema.spec.greeting}' } } },
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
              template: { metadata: { labels: { app: '${schema.spec.name}' } }, spec: { containers: [{ name: 'app', image: 'nginx', env: [{ name: 'CFG', value: '${config.metadata.name}' }] }] } },
            },
          },
        },
      ],
    },
  };
}
