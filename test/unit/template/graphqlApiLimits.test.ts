// QueryDepthLimit and ResolverCountLimit come from the AWS::AppSync::GraphQLApi resource, as
// AppSync reads them (docs/appsync-facts.md §5.1); absent, the engine applies AppSync's defaults.
import { describe, expect, it } from 'vitest';
import { createLocalReferenceResolver, extractGraphqlApis } from '../../../local/template/index.ts';
import type { CfnTemplate } from '../../../local/template/index.ts';

function templateWith(limits: Record<string, number>): CfnTemplate {
  return {
    Resources: {
      Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { Name: 'api', AuthenticationType: 'API_KEY', ...limits } },
      Schema: {
        Type: 'AWS::AppSync::GraphQLSchema',
        Properties: { ApiId: { 'Fn::GetAtt': ['Api', 'ApiId'] }, Definition: 'type Query { a: String }' },
      },
    },
  } as CfnTemplate;
}

describe('the GraphQL API’s execution limits', () => {
  it('reads QueryDepthLimit and ResolverCountLimit from the template', () => {
    const template = templateWith({ QueryDepthLimit: 4, ResolverCountLimit: 10 });
    const [api] = extractGraphqlApis(template, createLocalReferenceResolver(template));

    expect(api.limits).toEqual({ queryDepth: 4, resolverCount: 10 });
  });

  it('leaves them unset when the template sets none', () => {
    const template = templateWith({});
    const [api] = extractGraphqlApis(template, createLocalReferenceResolver(template));

    expect(api.limits).toEqual({ queryDepth: undefined, resolverCount: undefined });
  });
});
