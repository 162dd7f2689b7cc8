import type { RgdOnCluster } from '@kro-designer/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { ClustersApi } from '../../api/clustersApi';
import { errorMessage } from '../../ui/errorMessage';

export type DeployedRgd =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'absent' }
  | { readonly kind: 'present'; readonly rgd: RgdOnCluster }
  | { readonly kind: 'error'; readonly message: string };

/** Checked again this often, so drift made by someone else (kubectl, GitOps) shows up without a reload. */
const EVERY_MS = 15_000;

/** The RGD named `name` as `cluster` has it (state, deployed revision, drift), kept fresh while shown. */
export function useDeployedRgd(api: ClustersApi, cluster: string | undefined, name: string | undefined, enabled: boolean): { state: DeployedRgd; refresh: () => void } {
  const [state, setState] = useState<DeployedRgd>({ kind: 'idle' });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (!cluster || !name || !enabled) {
      setState({ kind: 'idle' });
      return;
    }
    let cancelled = false;
    const load = () =>
      api.rgd(cluster, name).then(
        (rgd) => !cancelled && setState(rgd ? { kind: 'present', rgd } : { kind: 'absent' }),
        (e: unknown) => !cancelled && setState({ kind: 'error', message: errorMessage(e) }),
      );
    setState((s) => (s.kind === 'present' && s.rgd.name === name ? s : { kind: 'loading' }));
    void load();
    const t = setInterval(() => void load(), EVERY_MS);
    return () => {
      cancelled = true;
      clearInterval(t);
    };
  }, [api, cluster, name, enabled, tick]);

  return { state, refresh };
}

/** kro's condition on the RGD, by type. */
export function rgdCondition(rgd: RgdOnCluster, type: string) {
  return rgd.conditions.find((c) => c.type === type);
}
