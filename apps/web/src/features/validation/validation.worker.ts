/// <reference lib="webworker" />
// The validation worker: owns the core (and its bundled Kubernetes schemas), validates every version of the text
// it is sent, and answers completion/hover queries against the last validation. Runs off the main thread so typing
// never waits for it.
import { createSchemaRegistry, queryAt, RGD_CRD_SCHEMA, validateSource, type RgdValidation } from '@kro-designer/core';

import type { KindSummary, RgdSummary, WorkerRequest, WorkerResponse } from './protocol';
import { renderPreview } from './renderPreview';
import { summarizeValidation } from './summarizeValidation';
import { wireFields } from '../wire/wireFields';

declare const self: DedicatedWorkerGlobalScope;

/** Completes "If it is a custom resource, …": the designer knows the built-ins and the selected cluster's CRDs. */
const SUPPLY_HINT =
  'select a cluster where its CRD is installed (the designer loads the selected cluster\'s CRDs), or validate it with its CRD from the command line (npx kro-designer validate <rgd.yaml> --crd <crd.yaml>)';

/** The built-in kinds (what the palette lists) and, once a cluster is selected, its CRDs too. */
const builtins = createSchemaRegistry({}).value;
let registry = builtins;
let last: { version: number; text: string; rgd?: RgdValidation; summary?: RgdSummary } = { version: -1, text: '' };

function post(message: WorkerResponse): void {
  self.postMessage(message);
}

const kinds: KindSummary[] = builtins.kinds().map((k) => ({
  apiVersion: k.apiVersion,
  kind: k.kind,
  group: k.group,
  namespaced: k.namespaced,
  hasSpec: builtins.resolve(k.schema).properties?.spec !== undefined,
  fields: wireFields(builtins, k.schema),
}));
post({ type: 'ready', kinds, rgdJsonSchema: RGD_CRD_SCHEMA });

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  try {
    if (msg.type === 'crds') {
      // A CRD the registry cannot read is left out (its kind then reads as unknown, with the hint above), never fatal.
      registry = msg.crds.length === 0 ? builtins : createSchemaRegistry({ crds: msg.crds.map((c) => ({ path: `cluster CRD ${c.name}`, text: c.yaml })) }).value;
    } else if (msg.type === 'validate') {
      const t0 = performance.now();
      const result = validateSource(msg.text, { registry, supplyHint: SUPPLY_HINT });
      const elapsed = performance.now() - t0;
      const snapshot = summarizeValidation(result, msg.version, elapsed);
      last = { version: msg.version, text: msg.text, ...(result.rgds[0] ? { rgd: result.rgds[0] } : {}), ...(snapshot.rgd ? { summary: snapshot.rgd } : {}) };
      post({ type: 'snapshot', snapshot });
    } else if (msg.type === 'render') {
      if (last.version !== msg.version || !last.rgd || !last.summary) {
        post({ type: 'render', requestId: msg.requestId });
        return;
      }
      try {
        post({ type: 'render', requestId: msg.requestId, preview: renderPreview({ rgd: last.rgd, summary: last.summary, rgdText: last.text, version: last.version, instanceText: msg.instance, registry }) });
      } catch (error) {
        // A render-engine bug must not break validation: the preview shows it in its error state.
        post({ type: 'render', requestId: msg.requestId, error: error instanceof Error ? error.message : String(error) });
      }
    } else {
      if (last.version !== msg.version || !last.rgd) {
        post({ type: 'query', requestId: msg.requestId, answered: last.version === msg.version, completions: [] });
        return;
      }
      const q = queryAt(last.rgd, msg.offset, registry);
      post({
        type: 'query',
        requestId: msg.requestId,
        answered: true,
        completions: q.completions.map((c) => ({ label: c.label, kind: c.kind, detail: c.detail, ...(c.documentation ? { documentation: c.documentation } : {}), replace: c.replace })),
        ...(q.hover ? { hover: { ...q.hover } } : {}),
      });
    }
  } catch (error) {
    // A core bug must not kill the worker: report it and keep serving later versions.
    post({ type: 'error', message: error instanceof Error ? `${error.message}` : String(error) });
  }
};
