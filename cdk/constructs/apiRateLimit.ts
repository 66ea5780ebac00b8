import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiRateLimitProps {
  /** The web ACL's name (unique per stage, account and region). */
  name: string;
  /** The regional resource it protects (the AppSync API). */
  resourceArn: string;
  /** Requests one IP may make with an API key in any 5 minutes before WAF blocks it (at least 10). */
  requestsPerFiveMinutes: number;
}

/**
 * A per-IP AWS WAF rate rule on the API's public reads: requests carrying an API key (anonymous
 * callers). Signed-in callers and the REST shim's IAM-signed reads — which all come from Lambda's
 * few addresses — are not counted; the HTTP API, which WAF cannot front, throttles its public routes itself.
 */
export class ApiRateLimit extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiRateLimitProps) {
    super(scope, id);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: props.name,
      description: 'Per-IP rate limit on public API-key reads',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      rules: [
        {
          name: 'PublicReadsPerIp',
          priority: 0,
          action: { block: {} },
          visibilityConfig: visibility(`${props.name}-public-reads`),
          statement: {
            rateBasedStatement: {
              limit: props.requestsPerFiveMinutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                sizeConstraintStatement: {
                  fieldToMatch: { singleHeader: { Name: 'x-api-key' } },
                  comparisonOperator: 'GT',
                  size: 0,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
        },
      ],
    });
    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.resourceArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
