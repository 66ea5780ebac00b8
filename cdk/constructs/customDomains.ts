import { CfnOutput } from 'aws-cdk-lib';
import { ApiMapping, DomainName } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import { stageOf } from '../config/stageOf.ts';

export interface CustomDomainsProps {
  graphqlApi: GraphqlApi;
  httpApi: HttpApi;
  httpStage: HttpStage;
  assetsDistribution?: Distribution;
}

/**
 * The stage's optional custom domains (stages.ts `customDomains`). The GraphQL API and the assets
 * distribution take theirs where they are built; this maps the REST API's and outputs, for each,
 * the name its DNS record (CNAME or alias) must point at: DNS itself is left to whoever owns the zone.
 */
export class CustomDomains extends Construct {
  constructor(scope: Construct, id: string, props: CustomDomainsProps) {
    super(scope, id);
    const { graphql, rest, assets } = stageOf(this).customDomains;
    if (graphql) {
      new CfnOutput(this, 'GraphqlDomainTarget', {
        key: 'GraphqlDomainTarget',
        value: props.graphqlApi.appSyncDomainName,
        description: `Point ${graphql.domainName} here (CNAME)`,
      });
    }
    if (rest) {
      const domainName = new DomainName(this, 'RestDomain', {
        domainName: rest.domainName,
        certificate: Certificate.fromCertificateArn(this, 'RestCertificate', rest.certificateArn),
      });
      new ApiMapping(this, 'RestMapping', { api: props.httpApi, domainName, stage: props.httpStage });
      new CfnOutput(this, 'RestDomainTarget', {
        key: 'RestDomainTarget',
        value: domainName.regionalDomainName,
        description: `Point ${rest.domainName} here (CNAME or alias)`,
      });
    }
    if (assets && props.assetsDistribution) {
      new CfnOutput(this, 'AssetsDomainTarget', {
        key: 'AssetsDomainTarget',
        value: props.assetsDistribution.distributionDomainName,
        description: `Point ${assets.domainName} here (CNAME or alias)`,
      });
    }
  }
}
