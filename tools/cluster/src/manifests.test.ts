// The in-cluster install (deploy/*.yaml) checked against the real local control plane: every manifest is sent as a
// server-side apply with dryRun=All (schema validation, defaulting, admission — Pod Security included — but nothing is
// stored), and the RBAC is proved with SubjectAccessReviews against the ClusterRole actually stored in the cluster.
import {
  ApiextensionsV1Api,
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  RbacAuthorizationV1Api,
  loadAllYaml,
  type KubernetesObject,
  type V1Deployment,
} from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const deployDir = fileURLToPath(new URL('../../../deploy/', import.meta.url));
const INSTALL_NAMESPACE = 'kro-designer';
const suffix = randomBytes(3).toString('hex');
const namespace = `kd-install-${suffix}`;
const roleName = `kro-designer-test-${suffix}`;
const FIELD_MANAGER = 'kro-designer-manifest-test';

interface Manifest {
  readonly file: string;
  readonly object: KubernetesObject & Record<string, unknown>;
}

function loadManifests(): Manifest[] {
  const files = readdirSync(deployDir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
  return files.flatMap((file) =>
    (loadAllYaml(readFileSync(join(deployDir, file), 'utf8')) as unknown[])
      .filter((doc): doc is Manifest['object'] => typeof doc === 'object' && doc !== null)
      .map((object) => ({ file, object })),
  );
}

/** Moves the install into the test namespace: namespaced objects and ServiceAccount subjects of bindings. */
function relocate<T extends Manifest['object']>(object: T): T {
  const copy = structuredClone(object);
  if (copy.metadata?.namespace === INSTALL_NAMESPACE) copy.metadata.namespace = namespace;
  const subjects = (copy as { subjects?: { namespace?: string }[] }).subjects;
  for (const s of subjects ?? []) if (s.namespace === INSTALL_NAMESPACE) s.namespace = namespace;
  return copy;
}

const manifests = loadManifests();
const byKind = (kind: string) => manifests.filter((m) => m.object.kind === kind);

let kc: KubeConfig;
let objects: KubernetesObjectApi;
let core: CoreV1Api;
let rbac: RbacAuthorizationV1Api;
let authz: AuthorizationV1Api;

beforeAll(async () => {
  kc = new KubeConfig();
  kc.loadFromFile(inject('kroCluster').kubeconfigPath);
  objects = KubernetesObjectApi.makeApiClient(kc);
  core = kc.makeApiClient(CoreV1Api);
  rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  authz = kc.makeApiClient(AuthorizationV1Api);
  // A real namespace with the install's own Pod Security labels, so admission judges the pod as it would there.
  const installNs = byKind('Namespace')[0]?.object;
  await core.createNamespace({ body: { metadata: { name: namespace, labels: installNs?.metadata?.labels ?? {} } } });
});

afterAll(async () => {
  await rbac.deleteClusterRoleBinding({ name: roleName }).catch(() => undefined);
  await rbac.deleteClusterRole({ name: roleName }).catch(() => undefined);
  // Namespaces never finish terminating without kube-controller-manager; delete without waiting.
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
});

describe('deploy/ manifests', () => {
  it('kustomization.yaml lists every manifest except the Secret example', () => {
    const kustomization = loadAllYaml(readFileSync(join(deployDir, 'kustomization.yaml'), 'utf8'))[0] as { resources: string[] };
    const files = [...new Set(manifests.map((m) => m.file))].filter((f) => f !== 'secret.example.yaml').sort();
    expect([...kustomization.resources].sort()).toEqual(files);
    expect(manifests.length).toBeGreaterThanOrEqual(8);
  });

  it('the API server accepts every manifest (server-side apply, dryRun=All)', async () => {
    const rejected: string[] = [];
    for (const { file, object } of manifests) {
      const body = relocate(object);
      try {
        const result = await objects.patch(body, undefined, 'All', FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
        expect(result.kind).toBe(object.kind);
      } catch (err) {
        rejected.push(`${file}: ${object.kind}/${object.metadata?.name ?? '?'}: ${String((err as { body?: unknown }).body ?? err)}`);
      }
    }
    expect(rejected).toEqual([]);
  });

  it('the Deployment references the Secret and is wired for in-cluster config', () => {
    const deployment = byKind('Deployment')[0]?.object as V1Deployment;
    const pod = deployment.spec?.template.spec;
    const container = pod?.containers[0];
    const env = new Map(container?.env?.map((e) => [e.name, e]));
    expect(env.get('ADMIN_PASSWORD')?.valueFrom?.secretKeyRef?.name).toBe('kro-designer');
    expect(env.get('DATABASE_URL')?.valueFrom?.secretKeyRef?.name).toBe('kro-designer');
    expect(env.get('HOST')?.value).toBe('0.0.0.0');
    expect(env.get('AUTH')?.value).toBe('local');
    expect(pod?.serviceAccountName).toBe('kro-designer');
    expect(pod?.automountServiceAccountToken).toBe(true);
    expect(container?.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(container?.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(container?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    const mounts = new Set(container?.volumeMounts?.map((m) => m.mountPath));
    expect(mounts).toEqual(new Set(['/data', '/tmp']));
    expect(pod?.volumes?.every((v) => v.emptyDir !== undefined)).toBe(true);
  });

  it('its pod passes Pod Security "restricted" admission, and a root pod does not', async () => {
    const deployment = byKind('Deployment')[0]?.object as V1Deployment;
    const template = deployment.spec?.template;
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kro-designer-psa', namespace, labels: template?.metadata?.labels }, spec: template?.spec };
    const accepted = await core.createNamespacedPod({ namespace, body: pod as never, dryRun: 'All' });
    expect(accepted.metadata?.name).toBe('kro-designer-psa');

    // The namespace really enforces "restricted": the same pod without its security context is refused.
    const spec = structuredClone(template?.spec);
    if (spec) {
      delete spec.securityContext;
      for (const c of spec.containers) delete c.securityContext;
    }
    await expect(core.createNamespacedPod({ namespace, body: { ...pod, spec } as never, dryRun: 'All' })).rejects.toThrow(/PodSecurity|violates/);
  });
});

describe('deploy/ RBAC, as stored and evaluated by the API server', () => {
  const serviceAccount = () => `system:serviceaccount:${namespace}:kro-designer`;

  async function allowed(attrs: { verb: string; group: string; resource: string; namespace?: string; subresource?: string }): Promise<boolean> {
    const review = await authz.createSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: {
          user: serviceAccount(),
          groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
          resourceAttributes: attrs,
        },
      },
    });
    return review.status?.allowed === true;
  }

  beforeAll(async () => {
    // The real ClusterRole and a binding to the test namespace's ServiceAccount (renamed so parallel runs do not clash).
    const role = byKind('ClusterRole').find((m) => m.object.metadata?.name === 'kro-designer')?.object;
    expect(role).toBeDefined();
    await objects.patch({ ...structuredClone(role!), metadata: { name: roleName } }, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
    const binding = byKind('ClusterRoleBinding').find((m) => (m.object.roleRef as { name?: string } | undefined)?.name === 'kro-designer');
    expect(binding).toBeDefined();
    const body = relocate(binding!.object) as Manifest['object'] & { roleRef: { name: string } };
    body.metadata = { name: roleName };
    body.roleRef.name = roleName;
    await objects.patch(body, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
  });

  const mustAllow: [string, Parameters<typeof allowed>[0]][] = [
    ['list RGDs', { verb: 'list', group: 'kro.run', resource: 'resourcegraphdefinitions' }],
    ['watch RGDs', { verb: 'watch', group: 'kro.run', resource: 'resourcegraphdefinitions' }],
    ['apply an RGD (patch)', { verb: 'patch', group: 'kro.run', resource: 'resourcegraphdefinitions' }],
    ['create an RGD', { verb: 'create', group: 'kro.run', resource: 'resourcegraphdefinitions' }],
    ['delete an RGD', { verb: 'delete', group: 'kro.run', resource: 'resourcegraphdefinitions' }],
    ['create an instance of a kind generated later', { verb: 'create', group: 'kro.run', resource: 'webapps', namespace: 'team-a' }],
    ['apply an instance (patch)', { verb: 'patch', group: 'kro.run', resource: 'webapps', namespace: 'team-a' }],
    ['delete an instance', { verb: 'delete', group: 'kro.run', resource: 'webapps', namespace: 'team-a' }],
    ['watch instances in all namespaces', { verb: 'watch', group: 'kro.run', resource: 'webapps' }],
    ['read GraphRevisions', { verb: 'list', group: 'internal.kro.run', resource: 'graphrevisions' }],
    ['list CRDs', { verb: 'list', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' }],
    ['watch CRDs', { verb: 'watch', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' }],
    ['create SubjectAccessReviews', { verb: 'create', group: 'authorization.k8s.io', resource: 'subjectaccessreviews' }],
    ['create SelfSubjectAccessReviews', { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' }],
    ['list events', { verb: 'list', group: '', resource: 'events', namespace: 'team-a' }],
    ['watch Deployments everywhere', { verb: 'watch', group: 'apps', resource: 'deployments' }],
    ['read Services', { verb: 'get', group: '', resource: 'services', namespace: 'team-a' }],
    ['list namespaces', { verb: 'list', group: '', resource: 'namespaces' }],
  ];
  const mustDeny: [string, Parameters<typeof allowed>[0]][] = [
    ['read Secrets cluster-wide', { verb: 'list', group: '', resource: 'secrets' }],
    ['read a Secret in its own namespace', { verb: 'get', group: '', resource: 'secrets', namespace: INSTALL_NAMESPACE }],
    ['create Deployments (kro does that)', { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'team-a' }],
    ['patch ConfigMaps', { verb: 'patch', group: '', resource: 'configmaps', namespace: 'team-a' }],
    ['change CRDs', { verb: 'patch', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' }],
    ['delete namespaces', { verb: 'delete', group: '', resource: 'namespaces' }],
    ['create ClusterRoles', { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
    ['bind ClusterRoles', { verb: 'bind', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
    ['exec into pods', { verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: 'team-a' }],
    ['impersonate users', { verb: 'impersonate', group: '', resource: 'users' }],
    ['write instances of another group (needs the aggregation label)', { verb: 'create', group: 'platform.example.com', resource: 'webapps', namespace: 'team-a' }],
  ];

  it.each(mustAllow)('allows: %s', async (_, attrs) => {
    expect(await allowed(attrs)).toBe(true);
  });
  it.each(mustDeny)('denies: %s', async (_, attrs) => {
    expect(await allowed(attrs)).toBe(false);
  });
});

describe('deploy/ RBAC, exercised with a real token of the ServiceAccount', () => {
  let asDesigner: KubeConfig;

  beforeAll(async () => {
    // The ServiceAccount from serviceaccount.yaml, for real, and a short-lived token for it (TokenRequest API): the
    // requests below authenticate exactly as the pod's mounted token does. The binding comes from the suite above.
    const sa = relocate(byKind('ServiceAccount')[0]!.object);
    await objects.patch(sa, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
    const token = await core.createNamespacedServiceAccountToken({
      name: String(sa.metadata?.name),
      namespace,
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const cluster = kc.getCurrentCluster()!;
    asDesigner = new KubeConfig();
    asDesigner.loadFromOptions({
      clusters: [cluster],
      users: [{ name: 'kro-designer', token: token.status?.token }],
      contexts: [{ name: 'kro-designer', cluster: cluster.name, user: 'kro-designer' }],
      currentContext: 'kro-designer',
    });
  });

  const status = async (call: () => Promise<unknown>): Promise<number> => {
    try {
      await call();
      return 200;
    } catch (err) {
      return (err as { code?: number }).code ?? -1;
    }
  };

  it('does what the server needs: list RGDs and CRDs, apply an RGD (dry run), watch workloads, ask SelfSubjectAccessReviews', async () => {
    const custom = asDesigner.makeApiClient(CustomObjectsApi);
    const rgd = {
      apiVersion: 'kro.run/v1alpha1',
      kind: 'ResourceGraphDefinition',
      metadata: { name: `designer-rbac-${suffix}` },
      spec: { schema: { apiVersion: 'v1alpha1', kind: 'RbacProbe', spec: { name: 'string' } }, resources: [] },
    };
    const api = KubernetesObjectApi.makeApiClient(asDesigner);
    expect(await status(() => custom.listClusterCustomObject({ group: 'kro.run', version: 'v1alpha1', plural: 'resourcegraphdefinitions' }))).toBe(200);
    expect(await status(() => api.patch(rgd, undefined, 'All', 'kro-designer', true, PatchStrategy.ServerSideApply))).toBe(200);
    expect(await status(() => asDesigner.makeApiClient(ApiextensionsV1Api).listCustomResourceDefinition())).toBe(200);
    expect(await status(() => asDesigner.makeApiClient(AppsV1Api).listDeploymentForAllNamespaces())).toBe(200);
    expect(await status(() => asDesigner.makeApiClient(CoreV1Api).listEventForAllNamespaces())).toBe(200);
    const review = await asDesigner.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { group: 'kro.run', resource: 'resourcegraphdefinitions', verb: 'patch' } } },
    });
    expect(review.status?.allowed).toBe(true);
  });

  it('is refused what it must not do: Secrets, writing children, namespaces', async () => {
    const coreAs = asDesigner.makeApiClient(CoreV1Api);
    expect(await status(() => coreAs.listSecretForAllNamespaces())).toBe(403);
    expect(await status(() => coreAs.listNamespacedSecret({ namespace }))).toBe(403);
    expect(await status(() => coreAs.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'x' } }, dryRun: 'All' }))).toBe(403);
    expect(await status(() => coreAs.createNamespace({ body: { metadata: { name: `x-${suffix}` } }, dryRun: 'All' }))).toBe(403);
  });
});
