import type { CreateUserPoolCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { referencedLogicalId, resourcesOfType } from './cloudFormation.ts';
import type { CfnTemplate } from './cloudFormation.ts';
import type { ReferenceResolver } from './resolveIntrinsics.ts';
import { propertyReader } from './resolveProperty.ts';
import type { UserPoolClientDefinition, UserPoolDefinition } from './resourceDefinitions.ts';

// CloudFormation properties that CreateUserPool takes under the same name.
const SAME_NAMED_POOL_PROPERTIES = [
  'Policies',
  'AutoVerifiedAttributes',
  'AliasAttributes',
  'UsernameAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'MfaConfiguration',
  'UserAttributeUpdateSettings',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'AdminCreateUserConfig',
  'Schema',
  'UsernameConfiguration',
  'AccountRecoverySetting',
  'DeletionProtection',
  'UserPoolTier',
] as const;

// CloudFormation properties that CreateUserPoolClient takes under the same name.
const SAME_NAMED_CLIENT_PROPERTIES = [
  'GenerateSecret',
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
] as const;

/** The template's Cognito user pools as CreateUserPool requests, with their clients and triggers by logical ID. */
export function extractUserPools(template: CfnTemplate, resolver: ReferenceResolver): UserPoolDefinition[] {
  return resourcesOfType(template, 'AWS::Cognito::UserPool').map(([logicalId, resource]) => {
    const read = propertyReader(logicalId, resource, resolver);
    const name = read.optional<string>('UserPoolName') ?? logicalId;
    const createInput: Record<string, unknown> = { PoolName: name };
    for (const property of SAME_NAMED_POOL_PROPERTIES) {
      const value = read.optional(property);
      if (value !== undefined) createInput[property] = value;
    }

    // Triggers point at functions of this stack; the local Lambda runner knows them by logical ID.
    const lambdaTriggers: Record<string, string> = {};
    const lambdaConfig = (resource.Properties?.LambdaConfig ?? {}) as Record<string, unknown>;
    for (const [trigger, arn] of Object.entries(lambdaConfig)) {
      const functionId = referencedLogicalId(arn);
      lambdaTriggers[trigger] =
        functionId ??
        read.fail(`LambdaConfig.${trigger}`, 'the trigger must reference a Lambda function in this stack');
    }

    const clients = resourcesOfType(template, 'AWS::Cognito::UserPoolClient')
      .filter(([, client]) => referencedLogicalId(client.Properties?.UserPoolId) === logicalId)
      .map(([clientId, client]): UserPoolClientDefinition => {
        const readClient = propertyReader(clientId, client, resolver);
        const clientName = readClient.optional<string>('ClientName') ?? clientId;
        const clientInput: Record<string, unknown> = { ClientName: clientName };
        for (const property of SAME_NAMED_CLIENT_PROPERTIES) {
          const value = readClient.optional(property);
          if (value !== undefined) clientInput[property] = value;
        }
        return {
          logicalId: clientId,
          name: clientName,
          explicitAuthFlows: readClient.optional<string[]>('ExplicitAuthFlows') ?? [],
          generateSecret: readClient.optional<boolean>('GenerateSecret') ?? false,
          createInput: clientInput as UserPoolClientDefinition['createInput'],
        };
      });

    return {
      logicalId,
      name,
      createInput: createInput as unknown as CreateUserPoolCommandInput,
      lambdaTriggers,
      clients,
    };
  });
}
