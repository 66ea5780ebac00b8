import { Aws, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  PriceClass,
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import type { IOrigin, IOriginAccessControl, OriginBindConfig, OriginBindOptions } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { CustomDomain } from '../config/stages.ts';

export interface AssetsCdnProps {
  bucket: IBucket;
  /** The only keys the distribution may read (AssetsBucket PUBLIC_ASSET_PATTERNS). */
  publicPatterns: string[];
  customDomain?: CustomDomain;
}

/**
 * Public asset reads that work under S3 Block Public Access: CloudFront reads the private bucket
 * with origin access control, allowed by the bucket policy to GET the public prefixes only.
 * `baseUrl` is what the API derives asset URLs from (ASSETS_BASE_URL).
 */
export class AssetsCdn extends Construct {
  readonly distribution: Distribution;
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: AssetsCdnProps) {
    super(scope, id);
    const originAccessControl = new S3OriginAccessControl(this, 'OriginAccess', {
      description: 'ProLynk public assets: signed reads of the private bucket',
    });
    const domain = props.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'ProLynk public assets (avatars, project images, resumes)',
      defaultBehavior: {
        origin: new PublicPrefixesOrigin(props.bucket, originAccessControl, props.publicPatterns),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(domain
        ? {
            domainNames: [domain.domainName],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
          }
        : {}),
    });
    this.baseUrl = `https://${domain?.domainName ?? this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Public profile assets are meant to be readable from anywhere; no geo restriction applies.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'Static, public, cacheable files behind a CloudFront cache; a WAF web ACL for CloudFront would have to live in us-east-1.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason: 'Access logs would need a logging bucket with ACLs enabled; CloudFront metrics cover request volume.',
    });
    if (!domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate allows TLSv1 for old viewers; configure a custom domain (stage customDomains.assets) to enforce TLS 1.2.',
      });
    }
  }
}

// CDK's own OAC origin grants GetObject on the whole bucket; this one grants the public prefixes
// only, so a key outside them is a 403 through the CDN as well.
class PublicPrefixesOrigin implements IOrigin {
  constructor(
    private readonly bucket: IBucket,
    private readonly originAccessControl: IOriginAccessControl,
    private readonly patterns: string[],
  ) {}

  bind(scope: Construct, options: OriginBindOptions): OriginBindConfig {
    const base = S3BucketOrigin.withBucketDefaults(this.bucket).bind(scope, options);
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudFrontReadsPublicAssets',
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: this.patterns.map((pattern) => this.bucket.arnForObjects(pattern)),
        conditions: {
          StringEquals: {
            'AWS:SourceArn': `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/${options.distributionId}`,
          },
        },
      }),
    );
    return {
      ...base,
      originProperty: {
        ...(base.originProperty as NonNullable<OriginBindConfig['originProperty']>),
        originAccessControlId: this.originAccessControl.originAccessControlId,
      },
    };
  }
}
