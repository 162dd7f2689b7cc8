import type { KubeConfig } from '@kubernetes/client-node';
import { request, type RequestOptions } from 'node:https';

/**
 * GETs a path of the API server and returns the JSON exactly as served. The typed clients of client-node turn
 * date-time strings into Date objects and drop fields their models lack; a comparison with kro needs the bytes kro's
 * CEL sees (`2026-11-25T01:06:46Z`, not a Date).
 */
export async function getRawJson(kc: KubeConfig, path: string): Promise<unknown> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(path, cluster.server);
  const options: RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await kc.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 400) reject(new Error(`GET ${path}: HTTP ${String(res.statusCode)}: ${body.slice(0, 300)}`));
        else resolve(JSON.parse(body) as unknown);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

interface ApiResourceList {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

const discovery = new Map<string, Promise<ApiResourceList>>();

/** The collection path of a kind in all namespaces (`/apis/apps/v1/deployments`), found by discovery. */
export async function collectionPath(kc: KubeConfig, apiVersion: string, kind: string): Promise<string> {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const key = `${kc.getCurrentCluster()?.server ?? ''}${base}`;
  if (!discovery.has(key)) discovery.set(key, getRawJson(kc, base) as Promise<ApiResourceList>);
  const list = await discovery.get(key)!;
  const resource = list.resources.find((r) => r.kind === kind && !r.name.includes('/'));
  if (!resource) throw new Error(`${apiVersion} ${kind} is not served by the API server`);
  return `${base}/${resource.name}`;
}

/** The path of one object (`/api/v1/namespaces/<ns>/configmaps/<name>`), found by discovery. */
export async function objectPath(kc: KubeConfig, apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<string> {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const key = `${kc.getCurrentCluster()?.server ?? ''}${base}`;
  if (!discovery.has(key)) discovery.set(key, getRawJson(kc, base) as Promise<ApiResourceList>);
  const resource = (await discovery.get(key)!).resources.find((r) => r.kind === kind && !r.name.includes('/'));
  if (!resource) throw new Error(`${apiVersion} ${kind} is not served by the API server`);
  const ns = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${resource.name}/${encodeURIComponent(name)}`;
}
