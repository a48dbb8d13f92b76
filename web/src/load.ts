import { useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | null;  // the last answer; kept while a new one is on its way
  error: unknown;  // null unless the last attempt failed
  busy: boolean;
  // An answer (or an error) has arrived: until then a null `data` means
  // "not known yet", not "there is none".
  settled: boolean;
  retry(): void;
}

// Runs `load` whenever `deps` change (or on retry), dropping answers that
// arrive after a newer request started: a page shows what it asked for last.
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; busy: boolean; settled: boolean }>({
    data: null,
    error: null,
    busy: true,
    settled: false,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, error: null, busy: true }));
    load().then(
      (data) => current && setState({ data, error: null, busy: false, settled: true }),
      (error) => current && setState((s) => ({ ...s, error, busy: false, settled: true })),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  return { ...state, retry: () => setAttempt((a) => a + 1) };
}
