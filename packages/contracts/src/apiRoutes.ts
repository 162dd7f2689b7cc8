import type { z } from 'zod';
import {
  AuditList, AuditQuery, ChangePasswordRequest, CreatedToken, CreateTokenRequest, CreateUserRequest, CreateWorkspaceRequest,
  Health, LoginRequest, Me, MemberList, SetMemberRequest, TokenList, User, UserList, Workspace, WorkspaceList,
} from './access.js';
import type { Role } from './common.js';
import {
  CreateDesignRequest, Design, DesignList, DiffQuery, DiffResponse, Draft, ListDesignsQuery, ListRevisionsQuery,
  RestoreRequest, Revision, RevisionList, SaveDraftRequest, UpdateDesignRequest,
} from './designs.js';
import { ImportRequest, ImportResponse, ValidateRequest, ValidateResponse } from './validation.js';
import { RenderRequest, RenderResponse } from './render.js';
import { LiveInstance } from './live.js';
import {
  ClusterCrdList, ClusterList, ClusterStatus, DeployPlan, DeployPlanRequest, DeployRequest, Deployment, InstanceList, InstanceRequest,
  InstanceSummary, RgdOnCluster, RgdOnClusterList,
} from './clusters.js';
import { StoredKindList } from './kinds.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Defaults to `application/json` when a schema is given. */
  readonly contentType?: string;
}

/** One HTTP operation of the API, as documented in /api/openapi.json. */
export interface ApiRoute {
  readonly method: HttpMethod;
  /** OpenAPI path template (`/api/designs/{id}`). */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /** The weakest workspace role that may call it; `public` needs no login, `user` any signed-in user, `siteAdmin` a site admin. */
  readonly access: 'public' | 'user' | 'siteAdmin' | Role;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Extra request body media types accepted besides JSON (the body is then the raw text). */
  readonly rawBody?: readonly string[];
  /** Whether the operation needs `If-Match` with the design's ETag. */
  readonly ifMatch?: boolean;
  readonly responses: Readonly<Record<number, RouteResponse>>;
}

const ok = (schema: z.ZodType, description = 'OK'): RouteResponse => ({ description, schema });
const noContent: RouteResponse = { description: 'No content' };
const yamlOut: RouteResponse = { description: 'The YAML text', contentType: 'application/yaml' };

/** Every operation of the API. The server mounts routers for these paths; tests check the two agree. */
export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'get', path: '/healthz', operationId: 'health', summary: 'Liveness: the process serves requests', tag: 'operations', access: 'public', responses: { 200: ok(Health) } },
  { method: 'get', path: '/readyz', operationId: 'ready', summary: 'Readiness: storage reachable and migrated', tag: 'operations', access: 'public', responses: { 200: ok(Health), 503: ok(Health, 'Not ready') } },
  { method: 'get', path: '/api/openapi.json', operationId: 'openapi', summary: 'This document', tag: 'operations', access: 'public', responses: { 200: { description: 'OpenAPI 3.1 document', contentType: 'application/json' } } },

  { method: 'post', path: '/api/auth/login', operationId: 'login', summary: 'Sign in; sets the session cookie (rate limited)', tag: 'auth', access: 'public', body: LoginRequest, responses: { 200: ok(Me), 401: { description: 'Wrong username or password' }, 429: { description: 'Too many failed attempts' } } },
  { method: 'post', path: '/api/auth/logout', operationId: 'logout', summary: 'Sign out; ends the session', tag: 'auth', access: 'public', responses: { 204: noContent } },
  { method: 'get', path: '/api/auth/me', operationId: 'me', summary: 'Who the caller is, their memberships and CSRF token', tag: 'auth', access: 'user', responses: { 200: ok(Me) } },
  { method: 'post', path: '/api/auth/password', operationId: 'changePassword', summary: 'Change the caller\'s password (ends their other sessions)', tag: 'auth', access: 'user', body: ChangePasswordRequest, responses: { 204: noContent } },

  { method: 'get', path: '/api/users', operationId: 'listUsers', summary: 'List users', tag: 'access', access: 'siteAdmin', responses: { 200: ok(UserList) } },
  { method: 'post', path: '/api/users', operationId: 'createUser', summary: 'Create a local user', tag: 'access', access: 'siteAdmin', body: CreateUserRequest, responses: { 201: ok(User, 'Created') } },
  { method: 'get', path: '/api/tokens', operationId: 'listTokens', summary: 'The caller\'s API tokens', tag: 'access', access: 'user', responses: { 200: ok(TokenList) } },
  { method: 'post', path: '/api/tokens', operationId: 'createToken', summary: 'Create an API token for CLI/CI (shown once)', tag: 'access', access: 'user', body: CreateTokenRequest, responses: { 201: ok(CreatedToken, 'Created') } },
  { method: 'delete', path: '/api/tokens/{tokenId}', operationId: 'revokeToken', summary: 'Revoke one of the caller\'s tokens', tag: 'access', access: 'user', responses: { 204: noContent } },
  { method: 'get', path: '/api/workspaces', operationId: 'listWorkspaces', summary: 'Workspaces the caller belongs to', tag: 'access', access: 'user', responses: { 200: ok(WorkspaceList) } },
  { method: 'post', path: '/api/workspaces', operationId: 'createWorkspace', summary: 'Create a workspace', tag: 'access', access: 'siteAdmin', body: CreateWorkspaceRequest, responses: { 201: ok(Workspace, 'Created') } },
  { method: 'get', path: '/api/workspaces/{workspace}/members', operationId: 'listMembers', summary: 'Members and roles', tag: 'access', access: 'viewer', responses: { 200: ok(MemberList) } },
  { method: 'put', path: '/api/workspaces/{workspace}/members/{username}', operationId: 'setMember', summary: 'Grant or change a member\'s role', tag: 'access', access: 'admin', body: SetMemberRequest, responses: { 200: ok(MemberList) } },
  { method: 'delete', path: '/api/workspaces/{workspace}/members/{username}', operationId: 'removeMember', summary: 'Remove a member', tag: 'access', access: 'admin', responses: { 204: noContent } },
  { method: 'get', path: '/api/workspaces/{workspace}/audit', operationId: 'listAudit', summary: 'Audit log, newest first', tag: 'access', access: 'admin', query: AuditQuery, responses: { 200: ok(AuditList) } },

  { method: 'get', path: '/api/kinds', operationId: 'listStoredKinds', summary: 'Kinds defined by the stored designs (RGDs) of the caller\'s workspaces, for the palette', tag: 'designs', access: 'viewer', responses: { 200: ok(StoredKindList) } },
  { method: 'get', path: '/api/designs', operationId: 'listDesigns', summary: 'List designs (search, sort, paging)', tag: 'designs', access: 'viewer', query: ListDesignsQuery, responses: { 200: ok(DesignList) } },
  { method: 'post', path: '/api/designs', operationId: 'createDesign', summary: 'Create a design (revision 1)', tag: 'designs', access: 'editor', body: CreateDesignRequest, responses: { 201: ok(Design, 'Created; ETag and Location set') } },
  { method: 'get', path: '/api/designs/{id}', operationId: 'getDesign', summary: 'A design with its head YAML; ETag set', tag: 'designs', access: 'viewer', responses: { 200: ok(Design), 304: { description: 'Not modified (If-None-Match)' } } },
  { method: 'put', path: '/api/designs/{id}', operationId: 'updateDesign', summary: 'Save: a new revision when the YAML changed', tag: 'designs', access: 'editor', body: UpdateDesignRequest, ifMatch: true, responses: { 200: ok(Design), 412: { description: 'Stale ETag; the body carries the current revision' }, 428: { description: 'If-Match missing' } } },
  { method: 'delete', path: '/api/designs/{id}', operationId: 'deleteDesign', summary: 'Delete a design and its history', tag: 'designs', access: 'editor', ifMatch: true, responses: { 204: noContent, 412: { description: 'Stale ETag' } } },
  { method: 'get', path: '/api/designs/{id}/export', operationId: 'exportDesign', summary: 'The head YAML as a file', tag: 'designs', access: 'viewer', responses: { 200: yamlOut } },
  { method: 'get', path: '/api/designs/{id}/revisions', operationId: 'listRevisions', summary: 'Revisions, newest first', tag: 'revisions', access: 'viewer', query: ListRevisionsQuery, responses: { 200: ok(RevisionList) } },
  { method: 'get', path: '/api/designs/{id}/revisions/{revision}', operationId: 'getRevision', summary: 'One revision with its YAML', tag: 'revisions', access: 'viewer', responses: { 200: ok(Revision) } },
  { method: 'get', path: '/api/designs/{id}/revisions/{revision}/export', operationId: 'exportRevision', summary: 'A revision\'s YAML as a file', tag: 'revisions', access: 'viewer', responses: { 200: yamlOut } },
  { method: 'post', path: '/api/designs/{id}/revisions/{revision}/restore', operationId: 'restoreRevision', summary: 'Restore a revision as a new head revision', tag: 'revisions', access: 'editor', body: RestoreRequest, ifMatch: true, responses: { 200: ok(Design), 412: { description: 'Stale ETag' } } },
  { method: 'get', path: '/api/designs/{id}/diff', operationId: 'diffRevisions', summary: 'Text and graph diff of two revisions (or the caller\'s draft)', tag: 'revisions', access: 'viewer', query: DiffQuery, responses: { 200: ok(DiffResponse) } },
  { method: 'get', path: '/api/designs/{id}/draft', operationId: 'getDraft', summary: 'The caller\'s autosaved draft', tag: 'drafts', access: 'editor', responses: { 200: ok(Draft), 404: { description: 'No draft' } } },
  { method: 'put', path: '/api/designs/{id}/draft', operationId: 'saveDraft', summary: 'Autosave the caller\'s draft (no revision)', tag: 'drafts', access: 'editor', body: SaveDraftRequest, responses: { 200: ok(Draft) } },
  { method: 'delete', path: '/api/designs/{id}/draft', operationId: 'discardDraft', summary: 'Discard the caller\'s draft', tag: 'drafts', access: 'editor', responses: { 204: noContent } },

  { method: 'get', path: '/api/clusters', operationId: 'listClusters', summary: 'Clusters the server can reach: the sandbox first, then kubeconfig contexts or in-cluster (no credentials)', tag: 'clusters', access: 'viewer', responses: { 200: ok(ClusterList) } },
  { method: 'get', path: '/api/clusters/{cluster}/status', operationId: 'clusterStatus', summary: 'Reachability, Kubernetes and kro versions, kro capabilities (cached a few seconds)', tag: 'clusters', access: 'viewer', responses: { 200: ok(ClusterStatus), 404: { description: 'Unknown cluster' } } },
  { method: 'get', path: '/api/clusters/{cluster}/crds', operationId: 'clusterCrds', summary: 'CRDs the cluster serves, with YAML for the type checker and palette (kept current by a watch)', tag: 'clusters', access: 'viewer', responses: { 200: ok(ClusterCrdList), 503: { description: 'Cluster unreachable' } } },
  { method: 'post', path: '/api/clusters/{cluster}/deploy/plan', operationId: 'planDeploy', summary: 'Server-side dry-run, generated CRD vs the cluster\'s (breaking changes as kro classifies them), kro RBAC check', tag: 'deploy', access: 'deployer', body: DeployPlanRequest, responses: { 200: ok(DeployPlan), 422: { description: 'The text is not one RGD (located diagnostics)' } } },
  { method: 'post', path: '/api/clusters/{cluster}/deployments', operationId: 'deploy', summary: 'Server-side apply of the RGD (field manager kro-designer), then follow kro: applied → GraphAccepted → CRD established → Active', tag: 'deploy', access: 'deployer', body: DeployRequest, responses: { 202: ok(Deployment, 'Accepted; follow Location') } },
  { method: 'get', path: '/api/clusters/{cluster}/deployments/{id}', operationId: 'getDeployment', summary: 'A deploy\'s progress and kro\'s rejection located in the RGD text', tag: 'deploy', access: 'viewer', responses: { 200: ok(Deployment), 404: { description: 'Unknown deployment' } } },
  { method: 'get', path: '/api/clusters/{cluster}/rgds', operationId: 'listClusterRgds', summary: 'RGDs on the cluster with state, conditions and drift from the deployed revision', tag: 'deploy', access: 'viewer', responses: { 200: ok(RgdOnClusterList) } },
  { method: 'get', path: '/api/clusters/{cluster}/rgds/{rgd}', operationId: 'getClusterRgd', summary: 'One RGD on the cluster, its deployed revision and drift', tag: 'deploy', access: 'viewer', responses: { 200: ok(RgdOnCluster), 404: { description: 'Not on this cluster' } } },
  { method: 'get', path: '/api/clusters/{cluster}/rgds/{rgd}/instances', operationId: 'listInstances', summary: 'Instances of a deployed RGD: state, Ready, ResourcesReady message, age', tag: 'instances', access: 'viewer', responses: { 200: ok(InstanceList) } },
  { method: 'put', path: '/api/clusters/{cluster}/rgds/{rgd}/instances/{namespace}/{name}', operationId: 'applyInstance', summary: 'Create or update an instance from YAML by server-side apply (namespace `_` for cluster-scoped kinds)', tag: 'instances', access: 'deployer', body: InstanceRequest, responses: { 200: ok(InstanceSummary), 422: { description: 'Rejected; diagnostics located in the instance text' } } },
  { method: 'delete', path: '/api/clusters/{cluster}/rgds/{rgd}/instances/{namespace}/{name}', operationId: 'deleteInstance', summary: 'Delete an instance; kro tears its resources down in reverse order', tag: 'instances', access: 'deployer', responses: { 204: noContent } },
  { method: 'get', path: '/api/clusters/{cluster}/rgds/{rgd}/instances/{namespace}/{name}', operationId: 'getLiveInstance', summary: 'An instance\'s live state: per-node health, conditions, events', tag: 'live', access: 'viewer', responses: { 200: ok(LiveInstance), 404: { description: 'Unknown cluster, RGD or instance' } } },
  { method: 'get', path: '/api/clusters/{cluster}/rgds/{rgd}/instances/{namespace}/{name}/live', operationId: 'streamLiveInstance', summary: 'Server-Sent Events of LiveEvent (snapshot, instance, node, stream) with ids; resume with Last-Event-ID', tag: 'live', access: 'viewer', responses: { 200: { description: 'text/event-stream of LiveEvent JSON payloads', contentType: 'text/event-stream' }, 404: { description: 'Unknown cluster or RGD' } } },

  { method: 'post', path: '/api/render', operationId: 'render', summary: 'Render what kro v0.9.3 would apply for an instance of an RGD', tag: 'validation', access: 'viewer', body: RenderRequest, responses: { 200: ok(RenderResponse) } },
  { method: 'post', path: '/api/validate', operationId: 'validate', summary: 'Validate YAML as kro v0.9.3 would', tag: 'validation', access: 'viewer', body: ValidateRequest, responses: { 200: ok(ValidateResponse) } },
  { method: 'post', path: '/api/import', operationId: 'import', summary: 'Import YAML: one design per RGD, other documents reported', tag: 'validation', access: 'editor', body: ImportRequest, rawBody: ['application/yaml', 'text/yaml', 'text/plain'], responses: { 200: ok(ImportResponse, 'Dry run'), 201: ok(ImportResponse, 'Created') } },
];

