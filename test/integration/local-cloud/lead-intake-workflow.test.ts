import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  realClock,
  type StepFunctionsService,
  startStepFunctionsService,
} from '@customer-desk/local-stepfunctions';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localClientConfig } from '../../../infra/local/aws-clients';
import { sfnClient, waitForExecution } from '../../support/local-cloud-clients';

/**
 * The desk's lead-intake workflow, as written, on a Step Functions service of its own (on the
 * shared cloud's DynamoDB, in a table of its own) whose Lambda answers are made up here.
 */
const cloud = inject('localCloud');
const functionArn = (name: string) =>
  `arn:aws:lambda:${cloud.region}:000000000000:function:${name}`;
const calls: { functionArn: string; payload: unknown }[] = [];
const answers: Record<string, unknown> = {
  QualifyLeadFunctionArn: { needsSupervisorReview: false },
  AssignLeadFunctionArn: { ownerId: 'agent-1' },
  SendLeadAcknowledgementFunctionArn: { outcome: 'sent' },
  TellLeadAgentFunctionArn: { outcome: 'sent' },
  RequestLeadReviewFunctionArn: { outcome: 'sent' },
  EscalateLeadReviewFunctionArn: { managersTold: 1 },
  RejectLeadFunctionArn: { rejectedNow: true },
};
const tableName = `sfn-test-${randomUUID()}`;
const dynamodb = new DynamoDBClient(localClientConfig(cloud.dynamodbEndpoint));
let service: StepFunctionsService;

beforeAll(async () => {
  service = await startStepFunctionsService({
    dynamodb,
    tableName,
    region: cloud.region,
    accountId: '000000000000',
    clock: realClock,
    invokeLambda: async (arn, payload) => {
      calls.push({ functionArn: arn, payload });
      const name = arn.split(':').at(-1) as string;
      return { kind: 'returned', payload: answers[name] };
    },
    port: 0,
    pollIntervalMs: 20,
  });
});
afterAll(async () => {
  await service?.stop();
  // Leave the shared DynamoDB Local as it was.
  await dynamodb.send(new DeleteTableCommand({ TableName: tableName })).catch(() => {});
  dynamodb.destroy();
});

describe('the local Step Functions service', () => {
  it('runs the project’s lead-intake workflow as written', async () => {
    // Each `${XxxFunctionArn}` of the definition becomes a made-up function.
    let text = readFileSync('workflows/lead-intake.asl.json', 'utf8');
    for (const placeholder of Object.keys(answers)) {
      text = text.replaceAll(`\${${placeholder}}`, functionArn(placeholder));
    }
    expect(text).not.toMatch(/\$\{\w+\}/);
    const sfn = sfnClient({ ...cloud, sfnEndpoint: service.url });
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'lead-intake',
        definition: text,
        roleArn: 'arn:aws:iam::000000000000:role/test',
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        input: JSON.stringify({ leadId: '01J0LEAD' }),
        name: '01J0LEAD',
      }),
    );
    sfn.destroy();
    const done = await waitForExecution(
      { ...cloud, sfnEndpoint: service.url },
      executionArn as string,
    );
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toMatchObject({
      leadId: '01J0LEAD',
      ownerId: 'agent-1',
      acknowledgement: 'sent',
    });
    const review = [
      'RequestLeadReviewFunctionArn',
      'EscalateLeadReviewFunctionArn',
      'RejectLeadFunctionArn',
    ];
    for (const placeholder of Object.keys(answers)) {
      // A lead not flagged never meets the supervisor review's steps.
      const expected = review.includes(placeholder) ? [] : [{ leadId: '01J0LEAD' }];
      const made = calls.filter((call) => call.functionArn === functionArn(placeholder));
      expect(made.map((call) => call.payload)).toEqual(expected);
    }
  });
});
