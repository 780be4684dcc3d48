import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, type Table } from '../../shared/store/table';
import type { ApprovalLevel, StaffRef } from '../rules/contract';
import { contractRecordPk } from './contracts';

/**
 * The steps of a contract's workflow that wait for a person (documents, the two approvals, the
 * customer's signature): each keeps the task token the workflow waits on, until the step is
 * decided. Deciding is a conditional write on the token, so of two decisions (a link and the back
 * office, a double click) exactly one goes through; the other is told it was decided already.
 *
 * | access pattern                  | keys                                                       |
 * |---------------------------------|------------------------------------------------------------|
 * | a waiting step of a round       | pk = `CONTRACT#<contractId>`, sk = `STEP#<round>#<step>`   |
 */

export type WaitingStep = 'documents' | ApprovalLevel | 'signature';

export interface StepRecord {
  contractId: string;
  round: number;
  step: WaitingStep;
  taskToken: string;
  requestedAt: string;
  /** Approvals only: when the step times out and is escalated. */
  deadline?: string;
  escalatedAt?: string;
  decidedAt?: string;
  /** When the workflow heard the decision (or could no longer take it). */
  deliveredAt?: string;
  decision?: 'approve' | 'reject' | 'complete' | 'signed';
  by?: StaffRef;
}

const stepKey = (contractId: string, round: number, step: WaitingStep) => ({
  pk: contractRecordPk(contractId),
  sk: `STEP#${String(round).padStart(3, '0')}#${step}`,
});

export interface ContractStepStore {
  /**
   * Keeps the token of a waiting step. A rerun (a retried step, or the step entered again after
   * an escalation) replaces the token of an undecided step and keeps its first request time.
   */
  await(
    record: Pick<StepRecord, 'contractId' | 'round' | 'step' | 'taskToken' | 'requestedAt'> & {
      deadline?: string;
    },
  ): Promise<'requested' | 'token-replaced' | 'decided-already'>;
  get(contractId: string, round: number, step: WaitingStep): Promise<StepRecord | undefined>;
  /**
   * Marks the step decided if it is still waiting; the token to resume the workflow with. A
   * decision recorded but never delivered (a crash in between) is handed out again when the same
   * decision comes again, so it is never lost.
   */
  decide(
    contractId: string,
    round: number,
    step: WaitingStep,
    decision: NonNullable<StepRecord['decision']>,
    at: Date,
    by?: StaffRef,
  ): Promise<
    { status: 'decided'; taskToken: string } | { status: 'decided-already' | 'not-waiting' }
  >;
  /** The workflow has the decision (or can no longer take it). */
  markDelivered(contractId: string, round: number, step: WaitingStep, at: Date): Promise<void>;
  /** Notes the escalation once; false if noted before. */
  noteEscalation(contractId: string, round: number, step: WaitingStep, at: Date): Promise<boolean>;
}

export function contractStepStore(table: Table): ContractStepStore {
  async function get(contractId: string, round: number, step: WaitingStep) {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.name,
        Key: stepKey(contractId, round, step),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _entity, ...record } = Item;
    return record as StepRecord;
  }

  return {
    get,

    async await(record) {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...stepKey(record.contractId, record.round, record.step),
              entity: 'contract-step',
              ...record,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return 'requested';
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: stepKey(record.contractId, record.round, record.step),
            UpdateExpression: 'SET taskToken = :token',
            ConditionExpression: 'attribute_not_exists(decidedAt)',
            ExpressionAttributeValues: { ':token': record.taskToken },
          }),
        );
        return 'token-replaced';
      } catch (error) {
        if (isConditionFailed(error)) return 'decided-already';
        throw error;
      }
    },

    async decide(contractId, round, step, decision, at, by) {
      try {
        const { Attributes } = await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: stepKey(contractId, round, step),
            UpdateExpression: by
              ? 'SET decidedAt = :at, decision = :decision, #by = :by'
              : 'SET decidedAt = :at, decision = :decision',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(decidedAt)',
            ...(by ? { ExpressionAttributeNames: { '#by': 'by' } } : {}),
            ExpressionAttributeValues: {
              ':at': at.toISOString(),
              ':decision': decision,
              ...(by ? { ':by': by } : {}),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { status: 'decided', taskToken: String(Attributes?.taskToken) };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      const current = await get(contractId, round, step);
      if (!current) return { status: 'not-waiting' };
      if (!current.deliveredAt && current.decision === decision) {
        return { status: 'decided', taskToken: current.taskToken };
      }
      return { status: 'decided-already' };
    },

    async markDelivered(contractId, round, step, at) {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: stepKey(contractId, round, step),
          UpdateExpression: 'SET deliveredAt = if_not_exists(deliveredAt, :at)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
    },

    async noteEscalation(contractId, round, step, at) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: stepKey(contractId, round, step),
            UpdateExpression: 'SET escalatedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(escalatedAt)',
            ExpressionAttributeValues: { ':at': at.toISOString() },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },
  };
}
