import type { AccessRepository } from './ports/AccessRepository.js';
import type { AuditLog } from './ports/AuditLog.js';
import type { Clock } from './ports/Clock.js';
import { ClusterError, type ClusterGateway } from './ports/ClusterGateway.js';
import type { DeploymentRepository } from './ports/DeploymentRepository.js';
import type { DesignRepository } from './ports/DesignRepository.js';
import type { PasswordHasher, Secrets } from './ports/Secrets.js';
import { AccessService } from './services/AccessService.js';
import { AuthService, type AuthMode } from './services/AuthService.js';
import { ClusterService } from './services/ClusterService.js';
import { DeployService } from './services/DeployService.js';
import { InstanceService } from './services/InstanceService.js';
import { DesignService } from './services/DesignService.js';
import { KindsService } from './services/KindsService.js';
import { ImportService } from './services/ImportService.js';
import { LiveService, type LiveServiceOptions } from './services/live/LiveService.js';
import { LoginRateLimiter, type RateLimitPolicy } from './services/LoginRateLimiter.js';
import { ValidationService } from './services/ValidationService.js';
import { RenderService } from './services/RenderService.js';

export interface Services {
  readonly designs: DesignService;
  readonly imports: ImportService;
  readonly validation: ValidationService;
  /** Instance preview: what kro would apply (core render engine). */
  readonly render: RenderService;
  readonly auth: AuthService;
  readonly access: AccessService;
  /** Live status of kro instances (one shared watch per cluster and kind). */
  readonly live: LiveService;
  readonly kinds: KindsService;
  /** Clusters, their status and CRDs. */
  readonly clusters: ClusterService;
  /** Deploy plans, deploys and the RGDs on a cluster. */
  readonly deploys: DeployService;
  /** Instances of deployed RGDs. */
  readonly instances: InstanceService;
}

export interface ServiceDeps {
  readonly designs: DesignRepository;
  readonly access: AccessRepository;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly passwords: PasswordHasher;
  readonly authMode: AuthMode;
  readonly sessionTtlMs?: number;
  readonly loginRateLimit?: RateLimitPolicy;
  /** Clusters for live status; none when absent. */
  readonly clusterGateway?: ClusterGateway;
  readonly liveOptions?: LiveServiceOptions;
  /** Deploys per cluster (deployed revision, drift, progress). */
  readonly deployments: DeploymentRepository;
  /** Deploy progress: poll interval and give-up time (ms). */
  readonly deployTiming?: { readonly pollMs?: number; readonly timeoutMs?: number };
}

const NO_CLUSTERS: ClusterGateway = {
  list: () => Promise.resolve([]),
  connect: (id) => {
    throw new ClusterError(`no cluster ${id}`, 404, 'NotFound');
  },
};

/** Wires the use cases over their ports; shared by `main.ts` and the tests. */
export function createServices(deps: ServiceDeps): Services {
  const validation = new ValidationService();
  const designs = new DesignService({ designs: deps.designs, access: deps.access, validation, clock: deps.clock, secrets: deps.secrets });
  const clusters = new ClusterService(deps.clusterGateway ?? NO_CLUSTERS, deps.clock);
  const deploys = new DeployService({
    clusters,
    deployments: deps.deployments,
    designs: deps.designs,
    audit: deps.audit,
    clock: deps.clock,
    newId: () => deps.secrets.newId(),
    ...deps.deployTiming,
  });
  return {
    clusters,
    deploys,
    instances: new InstanceService(clusters),
    designs,
    validation,
    render: new RenderService(validation.schemas),
    imports: new ImportService(designs, validation),
    auth: new AuthService({
      mode: deps.authMode,
      access: deps.access,
      audit: deps.audit,
      clock: deps.clock,
      secrets: deps.secrets,
      passwords: deps.passwords,
      limiter: new LoginRateLimiter(deps.clock, deps.loginRateLimit),
      sessionTtlMs: deps.sessionTtlMs ?? 7 * 86_400_000,
    }),
    access: new AccessService({ access: deps.access, audit: deps.audit, clock: deps.clock }),
    live: new LiveService(deps.clusterGateway ?? NO_CLUSTERS, deps.liveOptions),
    kinds: new KindsService(designs),
  };
}
