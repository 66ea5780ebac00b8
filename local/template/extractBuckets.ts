import type { CORSRule } from '@aws-sdk/client-s3';
import { referencedLogicalId, resourcesOfType } from './cloudFormation.ts';
import type { CfnTemplate } from './cloudFormation.ts';
import type { ReferenceResolver } from './resolveIntrinsics.ts';
import { propertyReader } from './resolveProperty.ts';
import type { BucketDefinition } from './resourceDefinitions.ts';

interface CfnCorsRule {
  AllowedHeaders?: string[];
  AllowedMethods: string[];
  AllowedOrigins: string[];
  ExposedHeaders?: string[];
  MaxAge?: number;
  Id?: string;
}

interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** The template's S3 buckets with their CORS rules and what their bucket policies make public. */
export function extractBuckets(template: CfnTemplate, resolver: ReferenceResolver): BucketDefinition[] {
  return resourcesOfType(template, 'AWS::S3::Bucket').map(([logicalId, resource]) => {
    const read = propertyReader(logicalId, resource, resolver);
    const name = resolver(logicalId, undefined) as string;
    const cors = read.optional<{ CorsRules: CfnCorsRule[] }>('CorsConfiguration');
    const statements = resourcesOfType(template, 'AWS::S3::BucketPolicy')
      .filter(([, policy]) => referencedLogicalId(policy.Properties?.Bucket) === logicalId)
      .flatMap(
        ([policyId, policy]) =>
          propertyReader(policyId, policy, resolver).required<{ Statement: PolicyStatement[] }>('PolicyDocument')
            .Statement,
      );
    const objectPrefix = `arn:aws:s3:::${name}/`;
    return {
      logicalId,
      name,
      versioned: read.optional<{ Status: string }>('VersioningConfiguration')?.Status === 'Enabled',
      corsRules: (cors?.CorsRules ?? []).map(toCorsRule),
      publicReadKeyPatterns: statements
        .filter(
          (statement) =>
            statement.Effect === 'Allow' &&
            isEveryone(statement.Principal) &&
            list(statement.Action).includes('s3:GetObject'),
        )
        .flatMap((statement) => list(statement.Resource))
        .filter((arn) => arn.startsWith(objectPrefix))
        .map((arn) => arn.slice(objectPrefix.length)),
      httpsOnly: statements.some(
        (statement) =>
          statement.Effect === 'Deny' && String(statement.Condition?.Bool?.['aws:SecureTransport']) === 'false',
      ),
    };
  });
}

function toCorsRule(rule: CfnCorsRule): CORSRule {
  return {
    ...(rule.Id !== undefined ? { ID: rule.Id } : {}),
    AllowedHeaders: rule.AllowedHeaders,
    AllowedMethods: rule.AllowedMethods,
    AllowedOrigins: rule.AllowedOrigins,
    ExposeHeaders: rule.ExposedHeaders,
    MaxAgeSeconds: rule.MaxAge,
  };
}

function isEveryone(principal: unknown): boolean {
  return (
    principal === '*' ||
    (typeof principal === 'object' && principal !== null && (principal as { AWS?: unknown }).AWS === '*')
  );
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
