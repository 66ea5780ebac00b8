import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface DataTableProps {
  /** Undefined: CloudFormation generates a unique name (cdk/config/naming.ts). */
  tableName?: string;
  partitionKey: string;
  sortKey?: string;
  /** Index name → its (string) partition key; every index projects ALL, as the seed's do. */
  indexes?: Record<string, string>;
  /** Streams feed the real-time publisher (docs/architecture.md §4, "Privacy of real-time updates"). */
  stream?: boolean;
  /** Default RETAIN: existing users' data outlives any stack change. */
  removalPolicy?: RemovalPolicy;
  deletionProtection?: boolean;
}

/** A DynamoDB table with ProLynk's defaults: string keys, on-demand, point-in-time recovery, retained on delete unless told otherwise. */
export class DataTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: props.partitionKey, type: AttributeType.STRING },
      sortKey: props.sortKey ? { name: props.sortKey, type: AttributeType.STRING } : undefined,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: props.stream ? StreamViewType.NEW_AND_OLD_IMAGES : undefined,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      deletionProtection: props.deletionProtection,
    });
    for (const [indexName, partitionKey] of Object.entries(props.indexes ?? {})) {
      this.table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: partitionKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
