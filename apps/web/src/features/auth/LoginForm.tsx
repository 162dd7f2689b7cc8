import type { Me } from '@kro-designer/contracts';
import { useState } from 'react';
import { errorMessage } from '../../ui/errorMessage';
import type { AuthApi } from './authApi';

/** Username and password; the server's verdict (wrong password, rate limited) shows under the fields. */
export function LoginForm({ api, onSignedIn, username: initial = '' }: { api: AuthApi; onSignedIn: (me: Me) => void; username?: string }) {
  const [username, setUsername] = useState(initial);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="login-form"
      data-testid="login-form"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        api.login(username.trim(), password).then(
          (me) => {
            setBusy(false);
            onSignedIn(me);
          },
          (err: unknown) => {
            setBusy(false);
            setPassword('');
            setError(errorMessage(err));
          },
        );
      }}
    >
      <label>
        <span>Username</span>
        <input autoFocus={initial === ''} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required data-testid="login-username" />
      </label>
      <label>
        <span>Password</span>
        <input autoFocus={initial !== ''} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required data-testid="login-password" />
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || username.trim() === '' || password === ''} data-testid="login-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
