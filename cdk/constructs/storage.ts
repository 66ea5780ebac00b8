import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { PhysicalNames } from '../config/naming.ts';
import { stageOf } from '../config/stageOf.ts';
import { AssetsBucket, PUBLIC_ASSET_PATTERNS } from './assetsBucket.ts';
import { AssetsCdn } from './assetsCdn.ts';
import { DataTable } from './dataTable.ts';

export interface StorageProps {
  names: PhysicalNames;
}

/**
 * The data: the seed's three tables (keys and indexes unchanged, so existing data keeps working;
 * docs/architecture.md §3) and the assets bucket, with the public URL assets are read from.
 */
export class Storage extends Construct {
  readonly users: Table;
  readonly profiles: Table;
  readonly links: Table;
  readonly assets: Bucket;
  /** Where public assets are read (no trailing slash): the bucket's own URL, or the CDN's. */
  readonly assetsBaseUrl: string;
  readonly cdn?: AssetsCdn;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const stage = stageOf(this);
    const { names } = props;
    const kept = { removalPolicy: stage.removalPolicy, deletionProtection: stage.deletionProtection };
    this.users = new DataTable(this, 'Users', {
      tableName: names.usersTable,
      partitionKey: 'user_id',
      indexes: { 'email-index': 'email' },
      ...kept,
    }).table;
    this.profiles = new DataTable(this, 'Profiles', {
      tableName: names.profilesTable,
      partitionKey: 'username',
      indexes: { 'user_id-index': 'user_id' },
      stream: true,
      ...kept,
    }).table;
    this.links = new DataTable(this, 'Links', {
      tableName: names.linksTable,
      partitionKey: 'user_id',
      sortKey: 'link_id',
      stream: true,
      ...kept,
    }).table;
    this.assets = new AssetsBucket(this, 'Assets', {
      bucketName: names.assetsBucket,
      corsOrigins: stage.uploadCorsOrigins,
      publicAssets: stage.publicAssets,
      removalPolicy: stage.removalPolicy,
    }).bucket;

    if (stage.publicAssets === 'cloudfront') {
      this.cdn = new AssetsCdn(this, 'AssetsCdn', {
        bucket: this.assets,
        publicPatterns: PUBLIC_ASSET_PATTERNS,
        customDomain: stage.customDomains.assets,
      });
      this.assetsBaseUrl = this.cdn.baseUrl;
    } else {
      // The seed's public URL form (seed "S3 Bucket"); the local stack maps it to its S3 endpoint.
      this.assetsBaseUrl = `https://${this.assets.bucketName}.s3.amazonaws.com`;
    }
  }
}
