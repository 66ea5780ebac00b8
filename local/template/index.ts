// The template loader: the synthesized CDK stack, read into what the local runtime starts (docs/architecture.md §1).
export { loadCloudAssembly } from './loadCloudAssembly.ts';
export type { CloudAssembly, FileAsset } from './loadCloudAssembly.ts';
export { resourcesOfType, referencedLogicalId } from './cloudFormation.ts';
export type { CfnResource, CfnTemplate, CfnParameter } from './cloudFormation.ts';
export { resolveIntrinsics, TemplateResolutionError } from './resolveIntrinsics.ts';
export type { PropertyLocation, ReferenceResolver } from './resolveIntrinsics.ts';
export { createLocalReferenceResolver, localApiKeyValue } from './localReferences.ts';
export type { LocalEnvironment } from './localReferences.ts';
export { extractTables } from './extractTables.ts';
export { extractGraphqlApis } from './extractGraphqlApis.ts';
export { extractBuckets } from './extractBuckets.ts';
export { extractUserPools } from './extractUserPools.ts';
export type { BucketDefinition, UserPoolClientDefinition, UserPoolDefinition } from './resourceDefinitions.ts';
export { offlinePhysicalIds } from './offlinePhysicalIds.ts';
