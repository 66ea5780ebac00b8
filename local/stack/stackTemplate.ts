// Phase 0 of the local stack: the synthesized template and what can be read from it before any
// service runs (buckets, the user pool); the resources whose IDs the services assign come later.
import type {
  BucketDefinition,
  CfnTemplate,
  CloudAssembly,
  ReferenceResolver,
  UserPoolDefinition,
} from '../template/index.ts';
import { extractFederation } from '../oauth/federationDefinition.ts';
import type { FederationDefinition } from '../oauth/federationDefinition.ts';
import {
  createLocalReferenceResolver,
  extractBuckets,
  extractUserPools,
  loadCloudAssembly,
} from '../template/index.ts';

/** The template and what the services are started from. */
export interface StackTemplate {
  assembly: CloudAssembly;
  template: CfnTemplate;
  /** References that need no running service (table and bucket names, …). */
  staticRefs: ReferenceResolver;
  buckets: BucketDefinition[];
  /** The one Cognito user pool the local stack serves. */
  pool: UserPoolDefinition;
  /** The pool's domain and identity providers (managed login, local/oauth/), when the template has a domain. */
  federation: FederationDefinition | null;
}

/** Reads cdk.out; fails unless the template has exactly one user pool. */
export function readStackTemplate(cdkOutDir: string): StackTemplate {
  const assembly = loadCloudAssembly(cdkOutDir);
  const template = assembly.template;
  const staticRefs = createLocalReferenceResolver(template);
  const pools = extractUserPools(template, staticRefs);
  if (pools.length !== 1)
    throw new Error(`The local stack serves exactly one Cognito user pool; the template has ${pools.length}.`);
  const [pool] = pools;
  return {
    assembly,
    template,
    staticRefs,
    buckets: extractBuckets(template, staticRefs),
    pool,
    federation: extractFederation(template, staticRefs, pool.logicalId),
  };
}
