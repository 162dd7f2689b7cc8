import { useEffect, useRef, useState } from 'react';
import type { DesignState } from '../store/DesignStore';
import type { ClusterCrdText, DesignSnapshot, KindSummary } from '../features/validation/protocol';
import { createValidationWorker, ValidationClient, type QueryAnswer, type RenderAnswer } from '../features/validation/ValidationClient';
import { errorMessage } from '../ui/errorMessage';

export interface Validation {
  readonly snapshot: DesignSnapshot | undefined;
  readonly kinds: readonly KindSummary[];
  readonly rgdJsonSchema: unknown;
  readonly workerError: string | undefined;
  readonly query: (version: number, offset: number) => Promise<QueryAnswer>;
  /** Renders an instance (YAML text) with the RGD of text `version` in the worker (the preview). */
  readonly render: (version: number, instance: string) => Promise<RenderAnswer>;
}

const NO_CRDS: readonly ClusterCrdText[] = [];

/**
 * Runs the validation worker for the design: every text version is validated, the newest result is kept. `crds` (the
 * selected cluster's) are type-checked against too; a new list re-validates the current text.
 */
export function useValidation(state: DesignState, crds: readonly ClusterCrdText[] = NO_CRDS): Validation {
  const client = useRef<ValidationClient | null>(null);
  const [snapshot, setSnapshot] = useState<DesignSnapshot>();
  const [kinds, setKinds] = useState<readonly KindSummary[]>([]);
  const [rgdJsonSchema, setSchema] = useState<unknown>();
  const [workerError, setWorkerError] = useState<string>();

  useEffect(() => {
    let worker: Worker;
    try {
      worker = createValidationWorker();
    } catch (cause) {
      setWorkerError(`The validator could not start: ${errorMessage(cause)}`);
      return;
    }
    worker.onerror = (e) => setWorkerError(`The validator stopped: ${e.message || 'worker error'}`);
    const c = new ValidationClient(worker, {
      onSnapshot: (s) => {
        setSnapshot(s);
        setWorkerError(undefined);
      },
      onReady: (k, schema) => {
        setKinds(k);
        setSchema(schema);
      },
      onError: (message) => setWorkerError(`Validation failed on this text (a bug in the validator): ${message}`),
    });
    client.current = c;
    return () => {
      c.dispose();
      client.current = null;
    };
  }, []);

  const sentCrds = useRef<readonly ClusterCrdText[]>(NO_CRDS);
  useEffect(() => {
    if (client.current && sentCrds.current !== crds) {
      sentCrds.current = crds;
      client.current.setCrds(crds);
    }
    client.current?.validate(state.version, state.text);
  }, [state.version, state.text, crds]);

  return {
    snapshot,
    kinds,
    rgdJsonSchema,
    workerError,
    query: (version, offset) => client.current?.query(version, offset) ?? Promise.resolve({ completions: [] }),
    render: (version, instance) => client.current?.render(version, instance) ?? Promise.resolve({}),
  };
}
