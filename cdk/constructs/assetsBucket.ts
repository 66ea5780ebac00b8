import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AnyPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface AssetsBucketProps {
  /** Undefined: CloudFormation generates a unique name (cdk/config/naming.ts). */
  bucketName?: string;
  /** Browser origins that may PUT presigned uploads. */
  corsOrigins: string[];
  /** Default RETAIN. */
  removalPolicy?: RemovalPolicy;
  /** Key patterns anyone may GET (the seed's public avatars, project images and resumes). */
  publicReadPatterns: string[];
}

/** The uploads bucket: versioned, HTTPS only, CORS for browser uploads, public read on the listed prefixes only. */
export class AssetsBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AssetsBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      versioned: true,
      // The seed serves public files through a bucket policy, so only ACL-based public access stays blocked.
      blockPublicAccess: new BlockPublicAccess({
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
      }),
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
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'PublicReadUserAssets',
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: props.publicReadPatterns.map((pattern) => this.bucket.arnForObjects(pattern)),
      }),
    );
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would need a second bucket; uploads are presigned per user and reads are public assets. Enable CloudTrail S3 data events where an audit trail is required.',
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S2',
      reason:
        'The seed serves avatars, project images and resumes publicly through the bucket policy (three users/* prefixes only); ACL-based public access stays blocked.',
    });
  }
}
