// The auth mode picker and "Sign in as": which credentials every GraphQL request and subscription
// of the page carries (API key prefilled, a local Cognito user, or IAM with the local credentials).
import type { AuthMode, ConsoleConfig } from '../consoleApi.ts';
import type { Session } from '../auth/session.ts';

const LABELS: Record<AuthMode, string> = {
  API_KEY: 'API key',
  AMAZON_COGNITO_USER_POOLS: 'Cognito user',
  AWS_IAM: 'IAM (local credentials)',
};

/** Props of the bar. */
export interface AuthBarProps {
  config: ConsoleConfig;
  mode: AuthMode;
  session: Session | null;
  onModeChange(mode: AuthMode): void;
  onSignInClick(): void;
  onSignOut(): void;
}

/** The auth mode select, what it sends, and the signed-in user. */
export function AuthBar({ config, mode, session, onModeChange, onSignInClick, onSignOut }: AuthBarProps) {
  return (
    <div className="auth-bar">
      <label>
        Auth mode{' '}
        <select data-testid="auth-mode" value={mode} onChange={(event) => onModeChange(event.target.value as AuthMode)}>
          {config.authModes.map((m) => (
            <option key={m} value={m}>
              {LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      {mode === 'API_KEY' && (
        <span className="auth-detail" title="Sent as x-api-key">
          x-api-key <code data-testid="api-key">{config.apiKey}</code>
        </span>
      )}
      {mode === 'AWS_IAM' && (
        <span className="auth-detail" title="SigV4, service appsync">
          SigV4 as <code>{config.iamCredentials.accessKeyId}</code> ({config.region})
        </span>
      )}
      {mode === 'AMAZON_COGNITO_USER_POOLS' &&
        (session ? (
          <span className="auth-detail" data-testid="signed-in-as">
            Signed in as <strong>{session.username ?? session.email}</strong> ({session.email}) · token until{' '}
            {new Date(session.expiresAt).toLocaleTimeString()}
          </span>
        ) : (
          <span className="auth-detail warning">Not signed in</span>
        ))}
      <button type="button" data-testid="sign-in-open" onClick={onSignInClick}>
        {session ? 'Switch user' : 'Sign in as…'}
      </button>
      {session && (
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      )}
    </div>
  );
}
