/** What the harness reports once the control plane is usable. */
export interface ClusterInfo {
  /** Absolute path of the admin kubeconfig (`system:masters`, client-certificate auth). */
  readonly kubeconfigPath: string;
  /** kube-apiserver URL, `https://127.0.0.1:<port>`. */
  readonly server: string;
  /** Directory with `etcd.log`, `kube-apiserver.log` and `kro.log`. */
  readonly logDir: string;
  /** Names of the CRDs the harness installed (kro's). */
  readonly crds: readonly string[];
  /** Process id of the harness. */
  readonly pid: number;
}

/**
 * Parses the harness's `READY {json}` stdout line. Returns `undefined` for any other line.
 * Throws if the line is a READY line with a malformed payload, which would be a harness bug.
 */
export function parseReadyLine(line: string): ClusterInfo | undefined {
  const m = /^READY (\{.*\})\s*$/.exec(line);
  if (!m?.[1]) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(m[1]);
  } catch (err) {
    throw new Error(`malformed READY line from the cluster harness: ${line}`, { cause: err });
  }
  if (typeof raw !== 'object' || raw === null) throw new Error(`malformed READY line from the cluster harness: ${line}`);
  const o = raw as Record<string, unknown>;
  const { kubeconfig, server, logDir, crds, pid } = o;
  if (
    typeof kubeconfig !== 'string' ||
    typeof server !== 'string' ||
    typeof logDir !== 'string' ||
    typeof pid !== 'number' ||
    !Array.isArray(crds) ||
    !crds.every((c): c is string => typeof c === 'string')
  ) {
    throw new Error(`malformed READY line from the cluster harness: ${line}`);
  }
  return { kubeconfigPath: kubeconfig, server, logDir, crds, pid };
}
