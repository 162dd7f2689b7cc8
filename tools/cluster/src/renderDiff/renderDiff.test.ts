// Differential test of the render engine against the real kro v0.9.3 controller: every case (corpus examples with
// built-in kinds only, the core's render fixtures, our own cases in ./cases) is applied to the local control plane,
// its workloads are marked ready until kro reports the instance ACTIVE, and the children kro created are compared
// with what packages/core renders for the same RGD and instance in runtime mode — observed objects from the cluster,
// the real instance uid. Fields: see diffRendered.ts. Accepted differences: allowList.yaml (each with a reason).
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { createSchemaRegistry, renderInstance, type RenderResult } from '@kro-designer/core';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { allowedBy, loadAllowList, type Difference } from './allowList.js';
import { compareCase } from './compareCase.js';
import { renderCases, uniqueCase, type RenderCase } from './renderCases.js';
import { runOnKro, type KroRun } from './runOnKro.js';

type Obj = Record<string, unknown>;

const suffix = Array.from(randomBytes(4), (b) => String.fromCharCode(97 + (b % 26))).join('');
// RENDER_DIFF_ONLY=<text> runs only the cases whose name contains it (while working on one case).
const only = process.env.RENDER_DIFF_ONLY;
const found = renderCases();
const cases = only ? found.cases.filter((c) => c.name.includes(only)) : found.cases;
const skipped = found.skipped;
const allowList = loadAllowList();
const results = new Map<string, { run: KroRun; unique: RenderCase; namespace: string } | { error: unknown; namespace: string }>();
const report: { case: string; objects: number; differences: Difference[] }[] = [];
let kc: KubeConfig;
let kroMs = 0;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const labelsOf = (o: Obj) => ((isObj(o.metadata) && isObj(o.metadata.labels) ? o.metadata.labels : {}) as Record<string, string>);

function resourceOf(rgd: Obj, id: string): Obj | undefined {
  const resources = isObj(rgd.spec) && Array.isArray(rgd.spec.resources) ? (rgd.spec.resources as Obj[]) : [];
  return resources.find((r) => r.id === id);
}
const hasForEach = (rgd: Obj, id: string) => Array.isArray(resourceOf(rgd, id)?.forEach);

/**
 * Our render of the case, observing the cluster as kro did at the end: the children kro made. Readiness: once kro
 * reports ACTIVE every node is ready; before that, only a node without readyWhen is known ready (kro: it exists).
 * The instance is the case's own text, so our defaulting is tested too; its uid is the one the API server gave it.
 */
function renderOurs(c: RenderCase, run: KroRun): RenderResult {
  const liveMeta = (isObj(run.instance?.metadata) ? run.instance.metadata : {}) as Obj;
  const uid = typeof liveMeta.uid === 'string' ? liveMeta.uid : '';
  const observed = (id: string) => {
    const ref = resourceOf(c.rgd, id)?.externalRef as Obj | undefined;
    if (ref) {
      // An externalRef reads an object kro never labels: the case's prerequisite of that kind (and literal name).
      const name = isObj(ref.metadata) && typeof ref.metadata.name === 'string' && !ref.metadata.name.includes('${') ? ref.metadata.name : undefined;
      const target = (run.externals ?? []).find((o) => o.apiVersion === ref.apiVersion && o.kind === ref.kind && (name === undefined || (isObj(o.metadata) && o.metadata.name === name)));
      return target ? { objects: [target], ready: true } : undefined;
    }
    const objects = run.children
      .filter((o) => labelsOf(o)['kro.run/node-id'] === id)
      .sort((a, b) => Number(labelsOf(a)['kro.run/collection-index'] ?? 0) - Number(labelsOf(b)['kro.run/collection-index'] ?? 0));
    if (objects.length === 0 && !hasForEach(c.rgd, id)) return undefined;
    return { objects, ready: run.active || !resourceOf(c.rgd, id)?.readyWhen };
  };
  return renderInstance(stringify(c.rgd), createSchemaRegistry({}).value, stringify(c.instance), {
    observed,
    instanceUid: uid,
    kroVersion: 'v0.9.3',
    ...(run.rgd.accepted ? { rgdUid: run.rgd.uid } : {}),
  });
}

const letter = (n: number) => String.fromCharCode(97 + n);
const show = (v: unknown) => (v === undefined ? '<absent>' : JSON.stringify(v));

describe('render engine vs the real kro controller', () => {
  beforeAll(async () => {
    kc = new KubeConfig();
    kc.loadFromFile(inject('kroCluster').kubeconfigPath);
    const core = kc.makeApiClient(CoreV1Api);
    const started = Date.now();
    // All cases at once: kro reconciles them concurrently, and the run stays within about a minute.
    await Promise.all(
      cases.map(async (c, i) => {
        const namespace = `rd-${String(i)}-${suffix}`;
        await core.createNamespace({ body: { metadata: { name: namespace } } });
        const unique = uniqueCase(c, `${suffix}${letter(Math.floor(i / 26))}${letter(i % 26)}`, namespace);
        try {
          results.set(c.name, { run: await runOnKro(kc, unique, { timeoutMs: 90_000, settleMs: 10_000 }), unique, namespace });
        } catch (error) {
          results.set(c.name, { error, namespace }); // reported by the case's own test
        }
      }),
    );
    kroMs = Date.now() - started;
  }, 240_000);

  afterAll(async () => {
    if (!kc) return;
    const core = kc.makeApiClient(CoreV1Api);
    // Namespaces never finish terminating without kube-controller-manager; delete without waiting.
    await Promise.all([...results.values()].map((r) => core.deleteNamespace({ name: r.namespace }).catch(() => undefined)));
    const objects = report.reduce((n, r) => n + r.objects, 0);
    const all = report.flatMap((r) => r.differences);
    const byKind = (kind: string) => all.filter((d) => allowedBy(allowList, d)?.kind === kind).length;
    const unused = allowList.filter((e) => !all.some((d) => allowedBy([e], d)));
    const lines = [
      `render diff: ${String(report.length)} cases, ${String(objects)} objects compared, ${String(all.length)} differences ` +
        `(${String(byKind('not-kro'))} allow-listed as not kro's, ${String(byKind('our-bug'))} as known bugs of ours); kro side ${String(kroMs)} ms`,
      ...unused.map((e) => `  allow-list entry matched nothing (fixed? delete it): ${JSON.stringify(e)}`),
      ...skipped.map((s) => `  skipped ${s.name}: ${s.reason}`),
    ];
    console.log(lines.join('\n'));
  });

  it.skipIf(only !== undefined)('finds the corpus examples with built-in kinds and our own cases', () => {
    expect(cases.filter((c) => c.name.startsWith('corpus:')).length).toBeGreaterThanOrEqual(8);
    expect(cases.filter((c) => c.name.startsWith('own:')).map((c) => c.name)).toEqual(
      expect.arrayContaining([expect.stringContaining('foreach-2d'), expect.stringContaining('include-when'), expect.stringContaining('string-templates')]),
    );
  });

  it.each(cases.map((c) => [c.name]))('%s: kro and our render agree', (name) => {
    const r = results.get(name);
    if (!r || 'error' in r) throw new Error(`running ${name} on the control plane failed`, { cause: r?.error });
    const { run, unique } = r;
    const ours = renderOurs(unique, run);
    const comparison = compareCase(name, run, ours);
    report.push({ case: name, objects: comparison.objectsCompared, differences: [...comparison.differences] });
    const lines = comparison.differences.map((d) => {
      const entry = allowedBy(allowList, d);
      return `  ${entry ? `allowed ${entry.kind}` : 'DIFF'} ${d.object} ${d.path}: kro ${show(d.kro)} | ours ${show(d.ours)}${entry ? ` (${entry.reason})` : ''}`;
    });
    const verdict = !run.rgd.accepted
      ? `RGD rejected by kro (${run.rgd.message}) and by us (${ours.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')})`
      : run.instanceRejected
        ? `instance rejected by the API server (${run.instanceRejected.message})`
        : run.active
          ? run.quiet === false
            ? 'ACTIVE but still changing after 20 s'
            : 'ACTIVE'
          : `not ACTIVE (${String(run.notActiveReason)})`;
    console.log(`${name}: ${verdict}, ${String(comparison.objectsCompared)} objects compared, ${String(lines.length)} differences (rgd ${String(run.rgdMs)} ms, instance ${String(run.instanceMs)} ms)\n${lines.join('\n')}`);
    expect(comparison.differences.filter((d) => !allowedBy(allowList, d))).toEqual([]);
  });

  // Runs after every case (tests run in order): a fixed bug must leave the list, so the list stays true.
  it.skipIf(only !== undefined)('every allow-list entry still matches a difference', () => {
    const all = report.flatMap((r) => r.differences);
    expect(allowList.filter((e) => !all.some((d) => allowedBy([e], d))).map((e) => e.reason)).toEqual([]);
  });
});
