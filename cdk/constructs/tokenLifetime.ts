// How long a token of an app client can stay valid, read from the client's own CloudFormation
// properties so a change of token validity moves everything that depends on it (the tombstone's
// lifetime, README "Leaving ProLynk").
import type { CfnUserPoolClient, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';

const SECONDS_PER_UNIT: Record<string, number> = { seconds: 1, minutes: 60, hours: 3_600, days: 86_400 };

// Cognito's defaults when the client names none: 1 hour access and ID tokens, 30 day refresh tokens.
const DEFAULTS = {
  accessToken: { value: 1, unit: 'hours' },
  idToken: { value: 1, unit: 'hours' },
  refreshToken: { value: 30, unit: 'days' },
} as const;

/** An app client's token validity settings as CloudFormation states them (values in their units). */
export interface TokenValiditySettings {
  accessTokenValidity?: number;
  idTokenValidity?: number;
  refreshTokenValidity?: number;
  tokenValidityUnits?: { accessToken?: string; idToken?: string; refreshToken?: string };
}

/** The longest lifetime, in seconds, of any token the settings allow (Cognito's defaults fill gaps). */
export function longestTokenLifetimeSeconds(settings: TokenValiditySettings): number {
  const units = settings.tokenValidityUnits ?? {};
  const seconds = (token: keyof typeof DEFAULTS, value: number | undefined): number => {
    const unit = (value === undefined ? DEFAULTS[token].unit : units[token]) ?? DEFAULTS[token].unit;
    const factor = SECONDS_PER_UNIT[unit];
    if (factor === undefined) throw new Error(`Unknown token validity unit "${unit}" for ${token}.`);
    return (value ?? DEFAULTS[token].value) * factor;
  };
  return Math.max(
    seconds('accessToken', settings.accessTokenValidity),
    seconds('idToken', settings.idTokenValidity),
    seconds('refreshToken', settings.refreshTokenValidity),
  );
}

/** The settings of a client defined in this app (its CfnUserPoolClient). */
export function tokenValiditySettings(client: IUserPoolClient): TokenValiditySettings {
  const cfn = client.node.defaultChild as CfnUserPoolClient | undefined;
  if (cfn === undefined)
    throw new Error('The user pool client is not defined in this app; its token validity is unknown.');
  const units = cfn.tokenValidityUnits as TokenValiditySettings['tokenValidityUnits'] | undefined;
  return {
    accessTokenValidity: cfn.accessTokenValidity,
    idTokenValidity: cfn.idTokenValidity,
    refreshTokenValidity: cfn.refreshTokenValidity,
    tokenValidityUnits: units,
  };
}
