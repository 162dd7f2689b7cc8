import { useState } from 'react';
import { errorMessage } from './errorMessage';

/** Runs one async action at a time: `busy` while it runs, then `onDone`, or `onError` with the failure's message. */
export function useBusyAction(onDone: () => void, onError: (message: string) => void) {
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      onDone();
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
