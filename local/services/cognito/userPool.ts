// Idempotent provisioning of a user pool and its app clients on cognito-local, found by name so a
// restart over the same data folder reuses them (ids, users and all).
import {
  AddCustomAttributesCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type {
  CreateUserPoolClientCommandInput,
  CreateUserPoolCommandInput,
  ExplicitAuthFlowsType,
  PasswordPolicyType,
  SchemaAttributeType,
  UsernameAttributeType,
  VerifiedAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { localClientConfig } from '../../awsConfig.ts';

export interface UserPoolClientDefinition {
  name: string;
  explicitAuthFlows: string[];
  /** A CreateUserPoolClient request to start from (e.g. read from the template); the fields above win. */
  createInput?: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'>;
}

export interface UserPoolDefinition {
  name: string;
  usernameAttributes?: string[];
  autoVerifiedAttributes?: string[];
  passwordPolicy?: {
    minimumLength?: number;
    requireUppercase?: boolean;
    requireLowercase?: boolean;
    requireNumbers?: boolean;
    requireSymbols?: boolean;
    temporaryPasswordValidityDays?: number;
  };
  /** Names without the `custom:` prefix, as in CloudFormation's Schema. */
  customAttributes?: { name: string; mutable: boolean }[];
  /** Stored as given; cognito-local invokes the triggers configured on its server, not these. */
  lambdaConfig?: Record<string, string>;
  /** A CreateUserPool request to start from (e.g. read from the template); the fields above win. */
  createInput?: Omit<CreateUserPoolCommandInput, 'PoolName'>;
  clients: UserPoolClientDefinition[];
}

export interface EnsuredUserPool {
  userPoolId: string;
  clients: { name: string; clientId: string }[];
  /** The `iss` claim of this pool's tokens. */
  issuer: string;
  jwksUri: string;
}

// AWS's defaults for an app client (1 h access and ID tokens, 30 day refresh); cognito-local
// would otherwise issue 24 h access and ID tokens.
const AWS_DEFAULT_VALIDITY_SECONDS = { AccessToken: 3_600, IdToken: 3_600, RefreshToken: 30 * 86_400 } as const;
const AWS_DEFAULT_UNITS = { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' } as const;
const SECONDS_PER_UNIT: Record<string, number> = { seconds: 1, minutes: 60, hours: 3_600, days: 86_400 };

// Cognito's standard attributes; any other Schema entry is a custom attribute (`custom:<name>`).
const STANDARD_ATTRIBUTES = new Set([
  'address',
  'birthdate',
  'email',
  'email_verified',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'phone_number_verified',
  'picture',
  'preferred_username',
  'profile',
  'sub',
  'updated_at',
  'website',
  'zoneinfo',
]);

/** Creates the pool and clients that do not exist yet (matched by name) and brings existing ones up to date. */
export async function ensureUserPool(endpoint: string, pool: UserPoolDefinition): Promise<EnsuredUserPool> {
  const client = new CognitoIdentityProviderClient(localClientConfig(endpoint));
  try {
    const userPoolId = await ensurePool(client, pool);
    const clients = await ensureClients(client, userPoolId, pool.clients);
    const issuer = `${endpoint.replace(/\/$/, '')}/${userPoolId}`;
    return { userPoolId, clients, issuer, jwksUri: `${issuer}/.well-known/jwks.json` };
  } finally {
    client.destroy();
  }
}

/** The CreateUserPool request a definition stands for (pure). */
function createUserPoolInput(pool: UserPoolDefinition): CreateUserPoolCommandInput {
  const base = pool.createInput ?? {};
  const customSchema: SchemaAttributeType[] = (pool.customAttributes ?? []).map((attribute) => ({
    Name: attribute.name,
    AttributeDataType: 'String',
    Mutable: attribute.mutable,
  }));
  const overridden = new Set(customSchema.map((attribute) => attribute.Name));
  return {
    ...base,
    PoolName: pool.name,
    UsernameAttributes: (pool.usernameAttributes ?? base.UsernameAttributes) as UsernameAttributeType[] | undefined,
    AutoVerifiedAttributes: (pool.autoVerifiedAttributes ?? base.AutoVerifiedAttributes) as
      | VerifiedAttributeType[]
      | undefined,
    // Spelled out even when absent: an update, like AWS's, resets whatever it does not mention.
    Policies: {
      ...base.Policies,
      PasswordPolicy: passwordPolicy(pool.passwordPolicy, base.Policies?.PasswordPolicy),
    },
    LambdaConfig: pool.lambdaConfig ?? base.LambdaConfig,
    Schema: [...(base.Schema ?? []).filter((attribute) => !overridden.has(attribute.Name)), ...customSchema],
  };
}

async function ensurePool(client: CognitoIdentityProviderClient, pool: UserPoolDefinition): Promise<string> {
  const input = createUserPoolInput(pool);
  // cognito-local returns every pool in one page whatever MaxResults says.
  const { UserPools = [] } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools.find((candidate) => candidate.Name === pool.name);
  if (existing?.Id === undefined) {
    const created = await client.send(new CreateUserPoolCommand(input));
    const userPoolId = created.UserPool?.Id;
    if (userPoolId === undefined) throw new Error(`cognito-local created user pool ${pool.name} without an id.`);
    return userPoolId;
  }

  const userPoolId = existing.Id;
  await client.send(
    new UpdateUserPoolCommand({
      UserPoolId: userPoolId,
      AutoVerifiedAttributes: input.AutoVerifiedAttributes,
      Policies: input.Policies,
      LambdaConfig: input.LambdaConfig,
      MfaConfiguration: input.MfaConfiguration,
      AdminCreateUserConfig: input.AdminCreateUserConfig,
      AccountRecoverySetting: input.AccountRecoverySetting,
      VerificationMessageTemplate: input.VerificationMessageTemplate,
      EmailConfiguration: input.EmailConfiguration,
    }),
  );
  // Custom attributes can be added to a pool but never changed or removed (as on AWS).
  const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
  const known = new Set((UserPool?.SchemaAttributes ?? []).map((attribute) => attribute.Name));
  const missing = (input.Schema ?? []).filter(
    (attribute) =>
      attribute.Name !== undefined &&
      !STANDARD_ATTRIBUTES.has(attribute.Name) &&
      !known.has(`custom:${attribute.Name}`),
  );
  if (missing.length > 0) {
    await client.send(new AddCustomAttributesCommand({ UserPoolId: userPoolId, CustomAttributes: missing }));
  }
  return userPoolId;
}

async function ensureClients(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  wanted: UserPoolClientDefinition[],
): Promise<EnsuredUserPool['clients']> {
  const { UserPoolClients = [] } = await client.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  const result: EnsuredUserPool['clients'] = [];
  for (const definition of wanted) {
    const input = createUserPoolClientInput(userPoolId, definition);
    const existing = UserPoolClients.find((candidate) => candidate.ClientName === definition.name);
    if (existing?.ClientId !== undefined) {
      // GenerateSecret cannot change after creation, on AWS as here.
      const { GenerateSecret: _secret, ...updatable } = input;
      await client.send(new UpdateUserPoolClientCommand({ ...updatable, ClientId: existing.ClientId }));
      result.push({ name: definition.name, clientId: existing.ClientId });
      continue;
    }
    const created = await client.send(new CreateUserPoolClientCommand(input));
    const clientId = created.UserPoolClient?.ClientId;
    if (clientId === undefined) throw new Error(`cognito-local created app client ${definition.name} without an id.`);
    result.push({ name: definition.name, clientId });
  }
  return result;
}

/** The CreateUserPoolClient request a client definition stands for, with AWS's token lifetimes as defaults (pure). */
function createUserPoolClientInput(
  userPoolId: string,
  definition: UserPoolClientDefinition,
): CreateUserPoolClientCommandInput {
  const base: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'> = definition.createInput ?? {
    ClientName: definition.name,
  };
  const units = {
    AccessToken: base.TokenValidityUnits?.AccessToken ?? AWS_DEFAULT_UNITS.AccessToken,
    IdToken: base.TokenValidityUnits?.IdToken ?? AWS_DEFAULT_UNITS.IdToken,
    RefreshToken: base.TokenValidityUnits?.RefreshToken ?? AWS_DEFAULT_UNITS.RefreshToken,
  };
  const inUnits = (token: keyof typeof units): number =>
    Math.max(1, Math.round(AWS_DEFAULT_VALIDITY_SECONDS[token] / (SECONDS_PER_UNIT[units[token]] ?? 1)));
  return {
    GenerateSecret: false,
    ...base,
    AccessTokenValidity: base.AccessTokenValidity ?? inUnits('AccessToken'),
    IdTokenValidity: base.IdTokenValidity ?? inUnits('IdToken'),
    RefreshTokenValidity: base.RefreshTokenValidity ?? inUnits('RefreshToken'),
    TokenValidityUnits: units,
    UserPoolId: userPoolId,
    ClientName: definition.name,
    ExplicitAuthFlows: definition.explicitAuthFlows as ExplicitAuthFlowsType[],
  };
}

/** AWS's default policy fills whatever neither the definition nor the base request says. */
function passwordPolicy(
  policy: UserPoolDefinition['passwordPolicy'],
  base: PasswordPolicyType | undefined,
): PasswordPolicyType {
  return {
    MinimumLength: policy?.minimumLength ?? base?.MinimumLength ?? 8,
    RequireUppercase: policy?.requireUppercase ?? base?.RequireUppercase ?? true,
    RequireLowercase: policy?.requireLowercase ?? base?.RequireLowercase ?? true,
    RequireNumbers: policy?.requireNumbers ?? base?.RequireNumbers ?? true,
    RequireSymbols: policy?.requireSymbols ?? base?.RequireSymbols ?? true,
    TemporaryPasswordValidityDays: policy?.temporaryPasswordValidityDays ?? base?.TemporaryPasswordValidityDays ?? 7,
  };
}
