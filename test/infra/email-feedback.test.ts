import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest';
import { buildDesk, constructAt, type DeskApp, logicalId, templateOf } from './desk-app';

/**
 * Bounces and complaints on AWS: one SES configuration set, its bounce and complaint events to an
 * encrypted SNS topic that only SES (for this configuration set) may publish to, the topic
 * subscribed by the functions declared `receivesEmailFeedback`, and every sending function
 * naming and allowed that configuration set, nothing wider.
 */

// biome-ignore lint/suspicious/noExplicitAny: a synthesized template is untyped JSON
type Json = any;
let desk: DeskApp;
let resources: Record<string, { Type: string; Properties: Json }>;

beforeAll(() => {
  desk = buildDesk({}, { nagChecks: false });
  resources = templateOf(desk).toJSON().Resources;
});

const idOf = (path: string) => logicalId(constructAt(desk.stack, path));
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const setId = () => idOf('EmailFeedback/ConfigurationSet');
const topicId = () => idOf('EmailFeedback/Topic');

describe('email feedback', () => {
  it('publishes bounces and complaints of the configuration set to an encrypted topic', () => {
    expect(ofType('AWS::SES::ConfigurationSet').map(([id]) => id)).toEqual([setId()]);
    const destinations = ofType('AWS::SES::ConfigurationSetEventDestination');
    expect(destinations).toHaveLength(1);
    const destination = destinations[0]?.[1].Properties;
    expect(destination.ConfigurationSetName).toEqual({ Ref: setId() });
    expect(destination.EventDestination).toMatchObject({
      Enabled: true,
      MatchingEventTypes: expect.arrayContaining(['bounce', 'complaint']),
      SnsDestination: { TopicARN: { Ref: topicId() } },
    });
    expect(destination.EventDestination.MatchingEventTypes).toHaveLength(2);
    const topic = resources[topicId()]?.Properties;
    expect(topic.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [idOf('EmailFeedback/TopicKey'), 'Arn'] });
    expect(resources[idOf('EmailFeedback/TopicKey')]?.Properties.EnableKeyRotation).toBe(true);
  });

  it('lets only SES publish to the topic, for this configuration set, over TLS', () => {
    const policies = ofType('AWS::SNS::TopicPolicy');
    expect(policies).toHaveLength(1);
    const statements: Json[] = policies[0]?.[1].Properties.PolicyDocument.Statement;
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 'sns:Publish',
      Principal: { Service: 'ses.amazonaws.com' },
      Resource: { Ref: topicId() },
    });
    expect(JSON.stringify(allows[0].Condition)).toContain('configuration-set/');
    const denies = statements.filter((s) => s.Effect === 'Deny');
    expect(denies.map((s) => s.Condition)).toEqual([{ Bool: { 'aws:SecureTransport': 'false' } }]);
  });

  it('subscribes exactly the feedback functions, and SNS may invoke only those', () => {
    const receivers = manifest.functions.filter((f) => f.receivesEmailFeedback);
    expect(receivers.map((f) => f.name)).toEqual(['record-email-feedback']);
    const fnArn = { 'Fn::GetAtt': [idOf('Functions/record-email-feedback/Function'), 'Arn'] };
    const subscriptions = ofType('AWS::SNS::Subscription').map(([, r]) => r.Properties);
    expect(subscriptions).toEqual([
      { Protocol: 'lambda', TopicArn: { Ref: topicId() }, Endpoint: fnArn },
    ]);
    const invokes = ofType('AWS::Lambda::Permission')
      .map(([, r]) => r.Properties)
      .filter((p) => p.Principal === 'sns.amazonaws.com');
    expect(invokes).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: fnArn,
        Principal: 'sns.amazonaws.com',
        SourceArn: { Ref: topicId() },
      },
    ]);
  });

  it('has every sending function name the configuration set and send with it only', () => {
    for (const fn of manifest.functions.filter((f) => f.uses.some((u) => u.resource === 'email'))) {
      const id = idOf(`Functions/${fn.name}/Function`);
      const variables = resources[id]?.Properties.Environment.Variables;
      expect(variables.EMAIL_CONFIGURATION_SET, fn.name).toEqual({ Ref: setId() });
      const roleId = idOf(`Functions/${fn.name}/Role`);
      const sending = ((resources[roleId]?.Properties.Policies ?? []) as Json[])
        .flatMap((p) => p.PolicyDocument.Statement as Json[])
        .filter((s) => JSON.stringify(s.Action).includes('ses:'));
      expect(sending, fn.name).toHaveLength(1);
      const resourcesOf = JSON.stringify(sending[0].Resource);
      expect(resourcesOf).toContain(':identity/');
      expect(resourcesOf).toContain(`:configuration-set/",{"Ref":"${setId()}"}`);
      expect(resourcesOf).not.toContain('"*"');
    }
  });
});
