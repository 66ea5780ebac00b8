// A data source's service role as the template defines it: the role its ServiceRoleArn points at,
// with every policy statement attached to it in the stack (the role's inline Policies, the
// AWS::IAM::Policy and AWS::IAM::ManagedPolicy resources naming it, the stack's managed policies it
// lists), intrinsics resolved to local ARNs. The local data source enforces it (docs/appsync-facts.md §2.4).
import type { IamPolicyStatement } from '../appsync/dataSources/iamPolicy.ts';
import type { ServiceRoleDefinition } from '../appsync/engine/definitions.ts';
import { referencedLogicalId, resourcesOfType } from './cloudFormation.ts';
import type { CfnTemplate } from './cloudFormation.ts';
import type { ReferenceResolver } from './resolveIntrinsics.ts';
import { propertyReader } from './resolveProperty.ts';

interface PolicyDocument {
  Statement: IamPolicyStatement | IamPolicyStatement[];
}

const statementsOf = (document: PolicyDocument | undefined): IamPolicyStatement[] =>
  document === undefined ? [] : Array.isArray(document.Statement) ? document.Statement : [document.Statement];

const namesRole = (roles: unknown, roleLogicalId: string): boolean =>
  Array.isArray(roles) && roles.some((role) => referencedLogicalId(role) === roleLogicalId);

/**
 * The role behind a ServiceRoleArn value (as written in the template) and its statements; undefined
 * when the ARN names a role outside the stack, or the role uses managed policies the stack does not
 * define (AWS managed ones), whose statements cannot be read offline: then nothing is enforced.
 */
export function extractServiceRole(
  template: CfnTemplate,
  resolver: ReferenceResolver,
  serviceRoleArn: unknown,
): ServiceRoleDefinition | undefined {
  const roleId = referencedLogicalId(serviceRoleArn);
  const role = roleId === undefined ? undefined : template.Resources[roleId];
  if (roleId === undefined || role?.Type !== 'AWS::IAM::Role') return undefined;
  const read = propertyReader(roleId, role, resolver);
  const managedArns = (role.Properties?.ManagedPolicyArns as unknown[] | undefined) ?? [];
  const managedIds = managedArns.map(referencedLogicalId);
  if (managedIds.some((id) => id === undefined || template.Resources[id]?.Type !== 'AWS::IAM::ManagedPolicy')) {
    return undefined;
  }
  const inline = (read.optional<{ PolicyDocument: PolicyDocument }[]>('Policies') ?? []).flatMap((policy) =>
    statementsOf(policy.PolicyDocument),
  );
  const attached = [
    ...resourcesOfType(template, 'AWS::IAM::Policy'),
    ...resourcesOfType(template, 'AWS::IAM::ManagedPolicy'),
  ]
    .filter(([id, policy]) => namesRole(policy.Properties?.Roles, roleId) || managedIds.includes(id))
    .flatMap(([id, policy]) =>
      statementsOf(propertyReader(id, policy, resolver).required<PolicyDocument>('PolicyDocument')),
    );
  return { arn: String(resolver(roleId, 'Arn')), statements: [...inline, ...attached] };
}
