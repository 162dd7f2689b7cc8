import { useAuth } from './AuthGate';

/** The signed-in user and a sign-out button (team mode only). */
export function UserMenu() {
  const { me, signOut } = useAuth();
  if (!me) return null;
  const name = me.user.displayName || me.user.username;
  return (
    <span className="user-menu" data-testid="user-menu">
      <span className="user-name" title={`Signed in as ${me.user.username}${me.user.siteAdmin ? ' (site admin)' : ''}`} data-testid="current-user">
        <span className="user-avatar" aria-hidden="true">
          {name.charAt(0).toUpperCase()}
        </span>
        {/* The top bar is full at 1280 px: the initial shows, the name is in the tooltip and for screen readers. */}
        <span className="visually-hidden">{name}</span>
      </span>
      <button type="button" className="icon" onClick={signOut} aria-label="Sign out" title={`Sign out ${me.user.username}`} data-testid="sign-out">
        ⎋
      </button>
    </span>
  );
}
