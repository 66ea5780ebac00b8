// Field-level authorization with AppSync's directive semantics (docs/appsync-facts.md §6):
// - a field's auth directives replace its type's; a type's replace the API's default mode;
// - with no directive anywhere only the default mode may read it;
// - the object type a field returns is checked too ("Not Authorized to access <field> on type
//   <ReturnType>", §5);
// - @aws_cognito_user_pools(cognito_groups) requires membership of one of the groups;
// - @aws_auth is honoured only when Cognito user pools is the API's only mode [O, verified on AWS].
import { getNamedType, isObjectType, valueFromASTUntyped } from 'graphql';
import type { DirectiveNode, GraphQLField, GraphQLObjectType } from 'graphql';
import type { AuthMode, AuthProvider } from './definitions.ts';

/** One way in: a mode, optionally restricted to Cognito groups. */
export interface AuthRule {
  mode: AuthMode;
  cognitoGroups?: string[];
}

/** The API's configured providers. */
export interface AuthSettings {
  defaultAuth: AuthProvider;
  additionalAuth: AuthProvider[];
}

/** Who is asking: the mode request-level authentication settled on, and the caller's groups. */
export interface CallerAuth {
  authMode: AuthMode;
  cognitoGroups?: string[];
}

const MODE_BY_DIRECTIVE: Record<string, AuthMode> = {
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
  aws_oidc: 'OPENID_CONNECT',
  aws_lambda: 'AWS_LAMBDA',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
};

function groupsArgument(directive: DirectiveNode): string[] | undefined {
  const argument = directive.arguments?.find((arg) => arg.name.value === 'cognito_groups');
  if (!argument) return undefined;
  const value = valueFromASTUntyped(argument.value);
  if (value === null || value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** The auth rules an element's directives declare, or undefined when it declares none that count. */
function authRulesFromDirectives(
  directives: readonly DirectiveNode[] | undefined,
  settings: AuthSettings,
): AuthRule[] | undefined {
  const rules: AuthRule[] = [];
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    const mode = MODE_BY_DIRECTIVE[name];
    if (mode) {
      const cognitoGroups = mode === 'AMAZON_COGNITO_USER_POOLS' ? groupsArgument(directive) : undefined;
      rules.push(cognitoGroups ? { mode, cognitoGroups } : { mode });
    } else if (name === 'aws_auth' && settings.additionalAuth.length === 0) {
      rules.push({ mode: 'AMAZON_COGNITO_USER_POOLS', cognitoGroups: groupsArgument(directive) ?? [] });
    }
  }
  return rules.length > 0 ? rules : undefined;
}

/** Whether a caller passes an element's rules (undefined rules = the default mode only). */
function callerPasses(rules: AuthRule[] | undefined, caller: CallerAuth, settings: AuthSettings): boolean {
  const effective = rules ?? [{ mode: settings.defaultAuth.mode }];
  // Cognito default action DENY (only possible when Cognito is the only mode, §6): a token reaches
  // only what a directive explicitly allows, never the implicit default.
  const denyByDefault =
    rules === undefined &&
    settings.defaultAuth.mode === 'AMAZON_COGNITO_USER_POOLS' &&
    settings.defaultAuth.userPool?.defaultAction === 'DENY' &&
    settings.additionalAuth.length === 0;
  return effective.some((rule) => {
    if (rule.mode !== caller.authMode) return false;
    if (rule.mode !== 'AMAZON_COGNITO_USER_POOLS') return true;
    if (rule.cognitoGroups === undefined) return !denyByDefault;
    const groups = caller.cognitoGroups ?? [];
    return rule.cognitoGroups.some((group) => groups.includes(group));
  });
}

/** Decides one field for one caller: null when allowed, else AppSync's denial message. */
export function authorizeField(
  parentType: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  caller: CallerAuth,
  settings: AuthSettings,
): string | null {
  const fieldRules =
    authRulesFromDirectives(field.astNode?.directives, settings) ??
    authRulesFromDirectives(directivesOf(parentType), settings);
  if (!callerPasses(fieldRules, caller, settings))
    return `Not Authorized to access ${field.name} on type ${parentType.name}`;
  const returned = getNamedType(field.type);
  if (
    isObjectType(returned) &&
    !callerPasses(authRulesFromDirectives(directivesOf(returned), settings), caller, settings)
  ) {
    return `Not Authorized to access ${field.name} on type ${returned.name}`;
  }
  return null;
}

// Directives may sit on the type definition or on `extend type` blocks.
function directivesOf(type: GraphQLObjectType): DirectiveNode[] {
  return [...(type.astNode?.directives ?? []), ...type.extensionASTNodes.flatMap((node) => node.directives ?? [])];
}
