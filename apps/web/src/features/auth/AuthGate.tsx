import type { Me } from '@kro-designer/contracts';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Dialog } from '../../ui/Dialog';
import { useTheme } from '../../app/useTheme';
import { errorMessage } from '../../ui/errorMessage';
import { AuthApi } from './authApi';
import { csrfFetch } from './csrfFetch';
import { LoginForm } from './LoginForm';

export interface AuthState {
  /** The signed-in user in team mode; undefined in single-user mode or without a server. */
  readonly me?: Me;
  readonly signOut: () => void;
}

export const AuthContext = createContext<AuthState>({ signOut: () => undefined });
export const useAuth = () => useContext(AuthContext);

type Phase = 'checking' | 'sign-in' | 'ready';

/**
 * Team mode (AUTH=local) at the door: asks GET /api/auth/me who is here; a 401 shows the sign-in screen before the
 * designer mounts. Once in, every API write carries the session's CSRF token (csrfFetch), and a 401 later (the
 * session expired or was revoked) asks to sign in again over the designer, so the text being edited is kept.
 */
export function AuthGate({ children, api = defaultApi }: { children: ReactNode; api?: AuthApi }) {
  const [phase, setPhase] = useState<Phase>('checking');
  const [me, setMe] = useState<Me>();
  const [expired, setExpired] = useState(false);
  const token = useRef<string | undefined>(undefined);

  useEffect(() => {
    const original = window.fetch;
    window.fetch = csrfFetch(original.bind(window), { origin: window.location.origin, token: () => token.current, onUnauthorized: () => token.current !== undefined && setExpired(true) });
    let cancelled = false;
    void api.visitor().then((v) => {
      if (cancelled) return;
      if (v.kind === 'signed-in') {
        token.current = v.me.csrfToken ?? undefined;
        if (v.me.authMode === 'local') setMe(v.me);
      }
      setPhase(v.kind === 'sign-in-required' ? 'sign-in' : 'ready');
    });
    return () => {
      cancelled = true;
      window.fetch = original;
    };
  }, [api]);

  const signedIn = useCallback((next: Me) => {
    token.current = next.csrfToken ?? undefined;
    setMe(next);
    setExpired(false);
    setPhase('ready');
  }, []);

  const [signOutError, setSignOutError] = useState<string>();
  const signOut = useCallback(() => {
    api.logout().then(
      () => {
        token.current = undefined;
        setMe(undefined);
        setPhase('sign-in');
      },
      (e: unknown) => setSignOutError(`Could not sign out: ${errorMessage(e)}`),
    );
  }, [api]);

  if (phase === 'checking') return <div className="auth-checking" aria-busy="true" />;
  if (phase === 'sign-in') return <LoginScreen api={api} onSignedIn={signedIn} />;
  return (
    <AuthContext.Provider value={{ ...(me ? { me } : {}), signOut }}>
      {children}
      {signOutError && (
        <p className="auth-toast" role="alert" onClick={() => setSignOutError(undefined)}>
          {signOutError}
        </p>
      )}
      {expired && (
        <Dialog labelledBy="relogin-title" testId="relogin-dialog" onClose={() => undefined}>
          <h2 id="relogin-title">Sign in again</h2>
          <p className="muted">Your session ended. Sign in to keep working: the design you are editing stays as it is.</p>
          <LoginForm api={api} onSignedIn={signedIn} {...(me ? { username: me.user.username } : {})} />
        </Dialog>
      )}
    </AuthContext.Provider>
  );
}

/** The page before the designer: the app's theme (URL, last choice or system), a card with the sign-in form. */
function LoginScreen({ api, onSignedIn }: { api: AuthApi; onSignedIn: (me: Me) => void }) {
  useTheme();
  return (
    <main className="login-screen" data-testid="login-screen">
      <div className="login-card">
        <h1 id="login-title">
          <span className="brand-mark" aria-hidden="true">
            ◇
          </span>{' '}
          kro-designer
        </h1>
        <p className="muted">This server is shared by a team. Sign in with the account your administrator gave you.</p>
        <LoginForm api={api} onSignedIn={onSignedIn} />
      </div>
    </main>
  );
}

const defaultApi = new AuthApi();
