/** What the palette knows about a kind (from the schema registry, via the validation worker). */
export interface SkeletonKind {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly hasSpec: boolean;
  /** The spec to start from when the kind's schema is known (a CRD's or another design's required fields). */
  readonly spec?: Readonly<Record<string, unknown>>;
}

const NAME = '${schema.metadata.name}';
const labelsOf = (id: string) => ({ app: NAME, component: id });

/** kro resource ids are lowerCamelCase identifiers: `ConfigMap` → `configMap`, then `configMap2`, … when taken. */
export function nextResourceId(kind: string, taken: readonly string[]): string {
  const base = (kind.charAt(0).toLowerCase() + kind.slice(1)).replace(/[^A-Za-z0-9]/g, '') || 'resource';
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}${n}`)) return `${base}${n}`;
}

const kebab = (id: string) => id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/**
 * A sensible starting template for a kind: a name derived from the instance's name (which always exists, so the
 * skeleton never refers to a schema field the design lacks), and for common workload and networking kinds the
 * fields they cannot work without; for custom kinds, the required spec fields of their schema (`kind.spec`).
 */
export function resourceSkeleton(kind: SkeletonKind, id: string): Record<string, unknown> {
  const metadata = { name: `${NAME}-${kebab(id)}` };
  const head = { apiVersion: kind.apiVersion, kind: kind.kind, metadata };
  const podTemplate = {
    metadata: { labels: labelsOf(id) },
    spec: { containers: [{ name: kebab(id), image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  };
  switch (`${kind.apiVersion}/${kind.kind}`) {
    case 'apps/v1/Deployment':
      return { ...head, spec: { replicas: 1, selector: { matchLabels: labelsOf(id) }, template: podTemplate } };
    case 'apps/v1/StatefulSet':
      return { ...head, spec: { serviceName: `${NAME}-${kebab(id)}`, replicas: 1, selector: { matchLabels: labelsOf(id) }, template: podTemplate } };
    case 'apps/v1/DaemonSet':
      return { ...head, spec: { selector: { matchLabels: labelsOf(id) }, template: podTemplate } };
    case 'batch/v1/Job':
      return { ...head, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: kebab(id), image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] }] } } } };
    case 'batch/v1/CronJob':
      return {
        ...head,
        spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: kebab(id), image: 'busybox:1.36', command: ['sh', '-c', 'date'] }] } } } } },
      };
    case 'v1/Service':
      return { ...head, spec: { selector: { app: NAME }, ports: [{ name: 'http', port: 80, targetPort: 80 }] } };
    case 'v1/ConfigMap':
      return { ...head, data: { key: 'value' } };
    case 'v1/Secret':
      return { ...head, type: 'Opaque', stringData: { key: 'value' } };
    case 'v1/ServiceAccount':
      return head;
    case 'v1/PersistentVolumeClaim':
      return { ...head, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    case 'networking.k8s.io/v1/Ingress':
      return {
        ...head,
        spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: `${NAME}-service`, port: { number: 80 } } } }] } }] },
      };
    default:
      if (kind.spec) return { ...head, spec: { ...kind.spec } };
      return kind.hasSpec ? { ...head, spec: {} } : head;
  }
}
