// Who is signed in (GET /api/me), and signing in and out. The session itself
// is the server's HttpOnly cookie; the UI only asks who it belongs to.
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Me } from './api';

export interface Session {
  // undefined while the first GET /api/me is on its way; null when signed out.
  me: Me | null | undefined;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const Context = createContext<Session | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function SessionProvider(props: { children: ComponentChildren }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setMe(await fetchMe());
    } catch {
      setMe(null);  // the server is unreachable: pages say so when they load their own data
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(async (email: string, password: string) => {
    await api.post('/api/auth/signin', { email, password });
    const signedIn = await fetchMe();
    if (!signedIn) throw new ApiError(401, 'unauthenticated', 'the session was not kept: are cookies allowed?');
    setMe(signedIn);
    return signedIn;
  }, []);

  const signOut = useCallback(async () => {
    await api.post('/api/auth/signout', {});
    setMe(null);
  }, []);

  return <Context.Provider value={{ me, signIn, signOut, refresh }}>{props.children}</Context.Provider>;
}

export function useSession(): Session {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
