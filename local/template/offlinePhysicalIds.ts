// Physical ids for resources whose real id exists only once a local service runs (cognito-local
// picks pool and client ids). Code that needs the API definition without starting services — the
// in-process resolver suites, the resolver benchmark — uses these stand-ins.
import type { CfnTemplate } from './cloudFormation.ts';
import { resourcesOfType } from './cloudFormation.ts';

/** Stand-in physical ids for every user pool and client in the template, keyed by logical id. */
export function offlinePhysicalIds(template: CfnTemplate): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [logicalId] of resourcesOfType(template, 'AWS::Cognito::UserPool')) ids[logicalId] = `local_${logicalId}`;
  for (const [logicalId] of resourcesOfType(template, 'AWS::Cognito::UserPoolClient'))
    ids[logicalId] = `client_${logicalId}`;
  return ids;
}
