import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { setCsrfToken, setUnauthenticatedHandler } from './api/client';
import { sessions } from './api/endpoints';
import type { Session } from './api/types';

interface SessionState {
  session: Session | null;
  loading: boolean;
  canWrite: boolean;
  isAdmin: boolean;
  signIn: (login: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const navigate = useNavigate();
  const location = useLocation();

  const adopt = useCallback((s: Session | null) => {
    // the CSRF token lives only in memory; the session token itself is an HttpOnly cookie no script can read
    setCsrfToken(s?.csrfToken ?? null);
    setSession(s);
  }, []);

  useEffect(() => {
    sessions.current().then(adopt, () => adopt(null)).finally(() => setLoading(false));
  }, [adopt]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      adopt(null);
      if (!['/login', '/signup'].includes(window.location.pathname)) navigate('/login?expired=1', { replace: true });
    });
  }, [adopt, navigate]);

  // an expired session goes back to the login page even while nothing is requested
  useEffect(() => {
    if (!session) return;
    const ms = Date.parse(session.expiresAt) - Date.now();
    const timer = window.setTimeout(() => {
      adopt(null);
      navigate('/login?expired=1', { replace: true });
    }, Math.max(0, Math.min(ms, 2_147_000_000)));
    return () => window.clearTimeout(timer);
  }, [session, adopt, navigate]);

  const value = useMemo<SessionState>(() => ({
    session,
    loading,
    canWrite: session?.user.role === 'admin',
    isAdmin: session?.user.role === 'admin',
    signIn: async (login, password) => adopt(await sessions.create(login, password)),
    signOut: async () => {
      try {
        await sessions.destroy();
      } finally {
        adopt(null);
        navigate('/login', { replace: true });
      }
    },
  }), [session, loading, adopt, navigate]);

  void location;
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
