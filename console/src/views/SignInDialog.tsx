// "Sign in as" a local user: pick one of cognito-local's users, or create one with a username and
// an email — a real SignUp, so the pre-sign-up trigger checks the username and the
// post-confirmation trigger creates the account, as on AWS.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { consoleApi } from '../consoleApi.ts';
import type { Tokens } from '../auth/session.ts';
import type { ConsoleUser } from '../consoleApi.ts';

/** Props of the dialog. */
export interface SignInDialogProps {
  onSignedIn(tokens: Tokens, email: string): void;
  onClose(): void;
}

/** The dialog: existing users, a create form, a password field for users made elsewhere. */
export function SignInDialog({ onSignedIn, onClose }: SignInDialogProps) {
  const [users, setUsers] = useState<ConsoleUser[] | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    consoleApi.users().then(
      (out) => setUsers(out.users),
      (e: Error) => setError(e.message),
    );
  }, []);

  const signIn = async (input: { email: string; username?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const tokens = await consoleApi.signIn({ ...input, password: password || undefined });
      onSignedIn(tokens, tokens.email);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop" role="dialog" aria-label="Sign in as a local user">
      <div className="dialog">
        <header>
          <h2>Sign in as a local user</h2>
          <button type="button" onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        <NewUserForm busy={busy} onCreate={(input) => void signIn(input)} />
        <h3>Existing users</h3>
        <input
          type="password"
          placeholder="password (blank: the local default, Local-Passw0rd!)"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error && (
          <p className="error" data-testid="sign-in-error">
            {error}
          </p>
        )}
        {users === null ? (
          <p>Loading users…</p>
        ) : users.length === 0 ? (
          <p className="hint">No users yet.</p>
        ) : (
          <ul className="user-list" data-testid="user-list">
            {users.map((user) => (
              <li key={user.cognitoUsername}>
                <span>
                  <strong>{user.username ?? '(no username)'}</strong> {user.email} <em>{user.status}</em>
                </span>
                <button
                  type="button"
                  disabled={busy || !user.email}
                  onClick={() => user.email && void signIn({ email: user.email })}
                >
                  Sign in
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

// A new user: a username for the pre-sign-up trigger to check and an email to sign in with.
function NewUserForm({
  busy,
  onCreate,
}: {
  busy: boolean;
  onCreate(input: { email: string; username: string }): void;
}) {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const create = (event: FormEvent) => {
    event.preventDefault();
    onCreate({ email, username });
  };
  return (
    <form onSubmit={create} className="create-user">
      <h3>New user</h3>
      <p className="hint">Signs up through cognito-local: the real pre-sign-up and post-confirmation triggers run.</p>
      <input
        data-testid="new-username"
        placeholder="username (e.g. ada)"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        required
      />
      <input
        data-testid="new-email"
        type="email"
        placeholder="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        required
      />
      <button type="submit" data-testid="create-user" disabled={busy}>
        Create and sign in
      </button>
    </form>
  );
}
