/** Short label and colour family of a kind's icon on the canvas. */
export interface KindBadge {
  readonly text: string;
  readonly family: 'workload' | 'network' | 'config' | 'storage' | 'access' | 'other';
}

const KNOWN: Record<string, KindBadge> = {
  Deployment: { text: 'DEP', family: 'workload' },
  StatefulSet: { text: 'STS', family: 'workload' },
  DaemonSet: { text: 'DS', family: 'workload' },
  ReplicaSet: { text: 'RS', family: 'workload' },
  Pod: { text: 'POD', family: 'workload' },
  Job: { text: 'JOB', family: 'workload' },
  CronJob: { text: 'CJ', family: 'workload' },
  HorizontalPodAutoscaler: { text: 'HPA', family: 'workload' },
  Service: { text: 'SVC', family: 'network' },
  Ingress: { text: 'ING', family: 'network' },
  NetworkPolicy: { text: 'NP', family: 'network' },
  ConfigMap: { text: 'CM', family: 'config' },
  Secret: { text: 'SEC', family: 'config' },
  PersistentVolumeClaim: { text: 'PVC', family: 'storage' },
  PersistentVolume: { text: 'PV', family: 'storage' },
  StorageClass: { text: 'SC', family: 'storage' },
  ServiceAccount: { text: 'SA', family: 'access' },
  Role: { text: 'R', family: 'access' },
  RoleBinding: { text: 'RB', family: 'access' },
  ClusterRole: { text: 'CR', family: 'access' },
  ClusterRoleBinding: { text: 'CRB', family: 'access' },
  Namespace: { text: 'NS', family: 'other' },
};

export function kindBadge(kind: string | undefined): KindBadge {
  if (!kind) return { text: '?', family: 'other' };
  const known = KNOWN[kind];
  if (known) return known;
  const capitals = kind.replace(/[^A-Z]/g, '');
  return { text: (capitals.length >= 2 ? capitals : kind).slice(0, 3).toUpperCase(), family: 'other' };
}
