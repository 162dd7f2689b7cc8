import { describe, expect, it } from 'vitest';
import type { DesignSnapshot, WorkerRequest, WorkerResponse } from './protocol';
import { ValidationClient } from './ValidationClient';

function fakeWorker() {
  const sent: WorkerRequest[] = [];
  const worker = {
    onmessage: null as ((e: MessageEvent<WorkerResponse>) => void) | null,
    postMessage: (m: WorkerRequest) => sent.push(m),
    terminate: () => undefined,
  };
  const reply = (m: WorkerResponse) => worker.onmessage!({ data: m } as MessageEvent<WorkerResponse>);
  return { worker, sent, reply };
}

const snapshot = (version: number): DesignSnapshot => ({ version, diagnostics: [], positions: [], rgdCount: 0, valid: true, elapsedMs: 0 });

describe('ValidationClient', () => {
  it('keeps one validation in flight and only the newest text queued', () => {
    const { worker, sent, reply } = fakeWorker();
    const seen: number[] = [];
    const c = new ValidationClient(worker, { onSnapshot: (s) => seen.push(s.version), onReady: () => undefined, onError: () => undefined });
    c.validate(1, 'a');
    c.validate(2, 'ab');
    c.validate(3, 'abc');
    expect(sent.map((m) => m.type === 'validate' && m.version)).toEqual([1]);
    reply({ type: 'snapshot', snapshot: snapshot(1) });
    expect(sent.map((m) => m.type === 'validate' && m.version)).toEqual([1, 3]);
    reply({ type: 'snapshot', snapshot: snapshot(3) });
    expect(seen).toEqual([1, 3]);
  });

  it('sends a query once its text version is validated, and drops superseded ones', async () => {
    const { worker, sent, reply } = fakeWorker();
    const c = new ValidationClient(worker, { onSnapshot: () => undefined, onReady: () => undefined, onError: () => undefined });
    c.validate(1, 'a');
    const stale = c.query(0, 3);
    const waiting = c.query(1, 5);
    expect(await stale).toEqual({ completions: [] });
    expect(sent.some((m) => m.type === 'query')).toBe(false);
    reply({ type: 'snapshot', snapshot: snapshot(1) });
    const q = sent.find((m) => m.type === 'query');
    expect(q).toMatchObject({ version: 1, offset: 5 });
    reply({ type: 'query', requestId: (q as { requestId: number }).requestId, answered: true, completions: [{ label: 'name', kind: 'field', detail: 'string', replace: { start: 5, end: 5 } }] });
    expect((await waiting).completions.map((x) => x.label)).toEqual(['name']);
  });

  it('renders once the text version is validated; a superseded version resolves empty', async () => {
    const { worker, sent, reply } = fakeWorker();
    const c = new ValidationClient(worker, { onSnapshot: () => undefined, onReady: () => undefined, onError: () => undefined });
    c.validate(1, 'a');
    const first = c.render(1, 'spec: {}');
    expect(sent.some((m) => m.type === 'render')).toBe(false);
    c.validate(2, 'ab');
    expect(await first).toEqual({});
    const second = c.render(2, 'spec: {a: 1}');
    reply({ type: 'snapshot', snapshot: snapshot(1) });
    expect(sent.some((m) => m.type === 'render')).toBe(false);
    reply({ type: 'snapshot', snapshot: snapshot(2) });
    const r = sent.find((m) => m.type === 'render');
    expect(r).toMatchObject({ version: 2, instance: 'spec: {a: 1}' });
    const preview = { version: 2, valid: true, diagnostics: [], resources: [], status: {}, statusYaml: '', elapsedMs: 1 };
    reply({ type: 'render', requestId: (r as { requestId: number }).requestId, preview });
    expect(await second).toEqual({ preview });
  });
});
