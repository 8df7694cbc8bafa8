import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { setCsrfToken, setUnauthenticatedHandler } from './api/client';
import { sessions } from './api/endpoints';
import type { Session } from './api/types';

interface SessionState {
  session: Session | null;
  /** The session ended by itself (expired or revoked), as opposed to never existing or logging out. */
  ended: boolean;
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
  const [ended, setEnded] = useState(false);
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
    // the signed-out routes then send the person to the login page, saying why, and back here afterwards
    setUnauthenticatedHandler(() => {
      setEnded(true);
      adopt(null);
    });
  }, [adopt, navigate]);

  // an expired session goes back to the login page even while nothing is requested
  useEffect(() => {
    if (!session) return;
    const ms = Date.parse(session.expiresAt) - Date.now();
    const timer = window.setTimeout(() => {
      setEnded(true);
      adopt(null);
    }, Math.max(0, Math.min(ms, 2_147_000_000)));
    return () => window.clearTimeout(timer);
  }, [session, adopt, navigate]);

  const value = useMemo<SessionState>(() => ({
    session,
    ended,
    loading,
    canWrite: session?.user.role === 'admin',
    isAdmin: session?.user.role === 'admin',
    signIn: async (login, password) => {
      adopt(await sessions.create(login, password));
      setEnded(false);
    },
    signOut: async () => {
      try {
        await sessions.destroy();
      } finally {
        adopt(null);
        navigate('/login', { replace: true });
      }
    },
  }), [session, ended, loading, adopt, navigate]);

  void location;
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
