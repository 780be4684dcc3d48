import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { BucketDeclaration, TableDeclaration } from '../manifest';
import { acknowledge } from './nag';

export interface DataProps {
  table: TableDeclaration;
  buckets: readonly BucketDeclaration[];
}

/**
 * Where the desk keeps what it knows: the single table, the documents bucket and the key that
 * signs links. All of it is retained when the stack is deleted: it is the company's data.
 */
export class Data extends Construct {
  readonly table: dynamodb.TableV2;
  readonly documentsBucket: s3.Bucket;
  readonly signingKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);

    const string = dynamodb.AttributeType.STRING;
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: props.table.partitionKey, type: string },
      sortKey: { name: props.table.sortKey, type: string },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: props.table.timeToLiveAttribute,
      globalSecondaryIndexes: props.table.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: string },
        sortKey: { name: index.sortKey, type: string },
        projectionType: dynamodb.ProjectionType.ALL,
      })),
    });

    const accessLogs = new s3.Bucket(this, 'AccessLogsBucket', {
      ...privateBucket,
      // Access logs are evidence for a while, not forever.
      lifecycleRules: [
        { expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) },
      ],
    });

    const documents = props.buckets.find((b) => b.name === 'documents');
    if (!documents) throw new Error('The manifest declares no documents bucket');
    this.documentsBucket = new s3.Bucket(this, 'DocumentsBucket', {
      ...privateBucket,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'documents/',
    });

    this.signingKey = new secretsmanager.Secret(this, 'SigningKey', {
      description: 'Signs the links the desk emails (form tokens, acceptance and payment links).',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.signingKey,
      'AwsSolutions-SMG4',
      'Rotated by an operator per purpose (`npm run signing-keys -- rotate`, README): a new key ' +
        'signs only once every function has read it and the one it replaces verifies until the ' +
        'links it signed expire; a scheduled rotation Lambda would add nothing but a new key.',
    );
  }
}

const privateBucket: s3.BucketProps = {
  encryption: s3.BucketEncryption.S3_MANAGED,
  versioned: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.RETAIN,
};
