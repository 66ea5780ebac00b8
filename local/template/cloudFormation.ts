// The parts of a synthesized CloudFormation template the local runtime reads.

/** One resource of a template. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Metadata?: Record<string, unknown>;
}

/** A template's parameter (CDK adds BootstrapVersion). */
export interface CfnParameter {
  Type: string;
  Default?: unknown;
}

/** A synthesized CloudFormation template. */
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Parameters?: Record<string, CfnParameter>;
  Outputs?: Record<string, { Value: unknown; Description?: string; Export?: unknown }>;
  Conditions?: Record<string, unknown>;
}

/** The resources of one type, as [logicalId, resource] pairs in template order. */
export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** The logical ID a `{ Ref }` or `{ Fn::GetAtt }` points at, if the value is one of those. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}
