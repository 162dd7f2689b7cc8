import type { RenderResponse } from '@kro-designer/contracts';
import { useEffect, useState } from 'react';
import { stringify } from 'yaml';
import type { ClustersApi, InstanceRef } from '../../api/clustersApi';
import { errorMessage } from '../../ui/errorMessage';

export type Rendered = { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly response: RenderResponse } | { readonly kind: 'unavailable'; readonly message: string };

/**
 * What the designer renders for this instance from the RGD text in the editor (POST /api/render), to set beside the
 * live objects. Rendered once per instance spec and design text; the instance spec comes from the instance list, and its
 * uid makes kro's `kro.run/instance-id` label the live one (the core uses `metadata.uid` when the instance has one).
 */
export function useRendered(api: ClustersApi, target: InstanceRef | undefined, rgdText: string, apiVersion: string | undefined, kind: string | undefined): Rendered {
  const [state, setState] = useState<Rendered>({ kind: 'loading' });
  useEffect(() => {
    if (!target) return;
    let cancelled = false;
    setState({ kind: 'loading' });
    const t = setTimeout(() => {
      api
        .instances(target.cluster, target.rgd)
        .then(async (items) => {
          const found = items.find((i) => i.name === target.name && i.namespace === target.namespace);
          if (!found) throw new Error('the instance is not listed on the cluster');
          if (!found.spec) throw new Error('this server does not send instance specs, so there is nothing to render from');
          const instance = stringify({ apiVersion, kind, metadata: { name: target.name, ...(target.namespace ? { namespace: target.namespace } : {}), uid: found.uid }, spec: found.spec });
          const res = await fetch('/api/render', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ yaml: rgdText, instance }) });
          if (!res.ok) throw new Error(`the render service answered HTTP ${res.status}`);
          return (await res.json()) as RenderResponse;
        })
        .then(
          (response) => !cancelled && setState({ kind: 'ready', response }),
          (e: unknown) => !cancelled && setState({ kind: 'unavailable', message: errorMessage(e) }),
        );
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [api, target, rgdText, apiVersion, kind]);
  return state;
}
