import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../schemas/index.js';
import { renderInstance } from './renderInstance.js';

const registry = createSchemaRegistry({}).value;

const RGD = `apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: webapp
spec:
  schema:
    apiVersion: v1alpha1
    kind: WebApp
    spec:
      name: string
      image: string | default=nginx
      replicas: integer | default=2
      service:
        enabled: boolean | default=true
      ingress:
        enabled: boolean | default=false
    status:
      available: \${deployment.status.availableReplicas}
      deploymentName: \${deployment.metadata.name}
  resources:
  - id: deployment
    template:
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: \${schema.spec.name}
        labels:
          team: web
      spec:
        replicas: \${schema.spec.replicas}
        selector:
          matchLabels:
            app: \${schema.spec.name}
        template:
          metadata:
            labels:
              app: \${schema.spec.name}
          spec:
            containers:
            - name: app
              image: \${schema.spec.image}
  - id: service
    includeWhen:
    - \${schema.spec.service.enabled}
    template:
      apiVersion: v1
      kind: Service
      metadata:
        name: \${deployment.metadata.name}-svc
      spec:
        selector:
          app: \${schema.spec.name}
        ports:
        - port: 80
          targetPort: \${deployment.status.availableReplicas}
  - id: ingress
    includeWhen:
    - \${schema.spec.ingress.enabled}
    template:
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: \${schema.spec.name}
      spec:
        rules:
        - host: example.com
  - id: ingressConfig
    template:
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: \${ingress.metadata.name}-config
      data:
        host: example.com
`;

const INSTANCE = `apiVersion: kro.run/v1alpha1
kind: WebApp
metadata:
  name: shop
  namespace: prod
spec:
  name: shop
`;

describe('renderInstance', () => {
  it('renders a simple RGD in kro topological order with defaults, exclusion and pending status reads', () => {
    const r = renderInstance(RGD, registry, INSTANCE);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.resources.map((x) => [x.id, x.state])).toEqual([
      ['deployment', 'rendered'],
      ['service', 'pending'],
      ['ingress', 'excluded'],
      ['ingressConfig', 'excluded'],
    ]);
    const [deployment] = r.resources[0]!.objects;
    expect(deployment).toMatchObject({
      metadata: { name: 'shop', namespace: 'prod' },
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
    });
    const labels = (deployment!.metadata as { labels: Record<string, string> }).labels;
    expect(labels.team).toBe('web');
    expect(labels['kro.run/owned']).toBe('true');
    expect(labels['kro.run/node-id']).toBe('deployment');
    expect(labels['kro.run/instance-name']).toBe('shop');
    expect(labels['kro.run/instance-namespace']).toBe('prod');
    expect(labels['kro.run/instance-kind']).toBe('WebApp');
    expect(labels['kro.run/instance-group']).toBe('kro.run');
    expect(labels['kro.run/instance-version']).toBe('v1alpha1');
    expect(labels['app.kubernetes.io/managed-by']).toBe('kro');
    const digest = createHash('sha256').update('shop.prod.WebApp.kro.run').digest('base64url');
    expect(r.applySetId).toBe(`applyset-${digest}-v1`);
    expect(labels['applyset.kubernetes.io/part-of']).toBe(r.applySetId);
    expect(r.parent?.labels['applyset.kubernetes.io/id']).toBe(r.applySetId);
    expect(r.parent?.annotations['applyset.kubernetes.io/contains-group-kinds']).toBe('Deployment.apps,Service');
    const service = r.resources[1]!;
    expect(service.pending).toEqual([{ path: 'spec.ports[0].targetPort', waitsFor: 'deployment.status.availableReplicas', expression: 'deployment.status.availableReplicas' }]);
    expect(service.objects[0]).toMatchObject({ metadata: { name: 'shop-svc' }, spec: { ports: [{ targetPort: '${deployment.status.availableReplicas}' }] } });
    expect(r.resources[2]!.excludedBy).toEqual({ resourceId: 'ingress', expression: 'schema.spec.ingress.enabled' });
    expect(r.resources[3]!.excludedBy).toEqual({ resourceId: 'ingress', expression: 'schema.spec.ingress.enabled' });
    expect(r.status).toEqual({ deploymentName: 'shop' });
  });
});
