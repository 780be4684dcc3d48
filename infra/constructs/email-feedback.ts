import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/**
 * Bounces and complaints: every email is sent with this SES configuration set, whose event
 * destination publishes bounce and complaint events to an encrypted SNS topic; the functions
 * declared `receivesEmailFeedback` are subscribed to it (locally, the SES endpoint's mailbox
 * simulator invokes them with the same SNS event).
 */
export class EmailFeedback extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
    });
    // A customer managed key: SES cannot publish to a topic under the AWS managed SNS key.
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts SES bounce and complaint notifications for the customer desk',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // As AWS documents for a service publishing to an encrypted topic: SES itself may use the key
    // (in a key policy `*` is this key); what it may publish to is limited by the topic policy.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Customer desk: SES bounces and complaints',
      masterKey: key,
      enforceSSL: true,
    });
    // CDK adds the topic policy letting SES publish for this configuration set only.
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(this.topic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
  }

  /** The configuration set's ARN: sending with it needs `ses:SendEmail` on it too. */
  get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  subscribe(fn: lambda.IFunction): void {
    this.topic.addSubscription(new subscriptions.LambdaSubscription(fn));
  }
}
