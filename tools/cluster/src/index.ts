export { buildCluster, BINARIES, type BuildClusterOptions, type ClusterBuild, type ClusterVersions } from './buildCluster.js';
export { clusterPaths, type ClusterPaths } from './clusterPaths.js';
export { clusterGlobalSetup } from './globalSetup.js';
export { markDeploymentReady, markWorkloadReady, type WorkloadKind, type WorkloadRef } from './markWorkloadReady.js';
export type { ClusterInfo } from './parseReadyLine.js';
export { startCluster, type Cluster, type ClusterExit, type StartClusterOptions } from './startCluster.js';
export { eventually, type EventuallyOptions } from './eventually.js';
