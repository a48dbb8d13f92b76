import { useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | null;  // the last answer; kept while a new one is on its way
  error: unknown;  // null unless the last attempt failed
  busy: boolean;
  retry(): void;
}

// Runs `load` whenever `deps` change (or on retry), dropping answers that
// arrive after a newer request started: a page shows what it asked for last.
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; busy: boolean }>({
    data: null,
    error: null,
    busy: true,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, error: null, busy: true }));
    load().then(
      (data) => current && setState({ data, error: null, busy: false }),
      (error) => current && setState((s) => ({ ...s, error, busy: false })),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  return { ...state, retry: () => setAttempt((a) => a + 1) };
}
