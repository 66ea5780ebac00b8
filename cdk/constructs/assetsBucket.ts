import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AnyPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The key patterns of public assets: the seed's avatars, project images and resumes. */
export const PUBLIC_ASSET_PATTERNS = ['users/*/profile/*', 'users/*/projects/*', 'users/*/resume/*'];

export interface AssetsBucketProps {
  /** Undefined: CloudFormation generates a unique name (cdk/config/naming.ts). */
  bucketName?: string;
  /** Browser origins that may PUT presigned uploads. */
  corsOrigins: string[];
  /**
   * `bucket-policy`: anyone may GET PUBLIC_ASSET_PATTERNS straight from the bucket (the seed's way,
   * what the local S3 serves). `cloudfront`: the bucket blocks all public access; a distribution
   * with origin access control reads it (AssetsCdn).
   */
  publicAssets: 'bucket-policy' | 'cloudfront';
  /** Default RETAIN. */
  removalPolicy?: RemovalPolicy;
}

/**
 * The uploads bucket: versioned (old versions expire after 30 days), HTTPS only, CORS for
 * browser uploads, incomplete multipart uploads cleaned up, and public reads of the public
 * prefixes only — by bucket policy or through CloudFront.
 */
export class AssetsBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AssetsBucketProps) {
    super(scope, id);
    const publicPolicy = props.publicAssets === 'bucket-policy';
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      versioned: true,
      // Only a public bucket policy needs the policy half of Block Public Access lifted.
      blockPublicAccess: publicPolicy
        ? new BlockPublicAccess({
            blockPublicAcls: true,
            ignorePublicAcls: true,
            blockPublicPolicy: false,
            restrictPublicBuckets: false,
          })
        : BlockPublicAccess.BLOCK_ALL,
      // Adds the deny-unless-aws:SecureTransport statement.
      enforceSSL: true,
      cors: [
        {
          allowedOrigins: props.corsOrigins,
          allowedMethods: [HttpMethods.GET, HttpMethods.PUT, HttpMethods.POST, HttpMethods.HEAD],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'x-amz-server-side-encryption', 'x-amz-request-id', 'x-amz-id-2'],
          maxAge: 3000,
        },
      ],
      // A replaced avatar stays recoverable for a month, then its old version goes.
      lifecycleRules: [
        { id: 'ExpireOldVersions', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    if (publicPolicy) {
      this.bucket.addToResourcePolicy(
        new PolicyStatement({
          sid: 'PublicReadUserAssets',
          principals: [new AnyPrincipal()],
          actions: ['s3:GetObject'],
          resources: PUBLIC_ASSET_PATTERNS.map((pattern) => this.bucket.arnForObjects(pattern)),
        }),
      );
      Validations.of(this.bucket).acknowledge({
        id: 'AwsSolutions-S2',
        reason:
          'The seed serves avatars, project images and resumes publicly through the bucket policy (three users/* prefixes only); ACL-based public access stays blocked. Deployed stages use CloudFront instead.',
      });
    }
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would need a second bucket; uploads are presigned per user and reads are public assets. Enable CloudTrail S3 data events where an audit trail is required.',
    });
  }
}
