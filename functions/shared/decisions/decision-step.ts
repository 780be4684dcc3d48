import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SignedLink } from '../signed-link';
import { cancellationCodes, isConditionFailed, type Table } from '../store/table';
import { usedLinkKey, usedLinkPut } from '../store/used-links';

/**
 * One decision step, the mechanism behind every place a workflow waits for a person (a quote's
 * special terms and the customer's answer, a flagged lead's review, a contract's documents, its
 * two approvals and the customer's signature). Pages and wording differ per decision; this does
 * not. Why one module: three copies of it had drifted (one did not treat `InvalidToken` as "too
 * late"), and this is the only code that calls `SendTaskSuccess`.
 *
 * The waiting step is one item at a key the concern chooses (`pk` its record, `sk` the step):
 * - the workflow's `waitForTaskToken` Lambda keeps its token with `wait` (a retried step or the
 *   step entered again after an escalation replaces the token; a decision taken meanwhile is
 *   handed to the new token at once);
 * - a person's answer (signed link or back office) is claimed with one conditional write (with
 *   the link's single use), so of two answers exactly one wins and the other is told "already
 *   decided"; the concern's `apply` records what the next steps read; then the workflow hears it;
 * - Step Functions refusing the token (`InvalidToken`, `TaskTimedOut`, `TaskDoesNotExist`: the
 *   step timed out or the execution ended) means "too late": the claim, the link's use and
 *   `apply` are taken back, the person is told so, and nothing changes;
 * - a claim whose hand-over was cut short (a crash) is handed over again by the next answer or
 *   the next `wait`, never lost.
 *
 * Items written before this module are read as they are: contract steps (`STEP#…`) have this
 * shape; a lead review (`REVIEW`) kept the token of its decision as `decisionToken`.
 */

export interface StepKey {
  pk: string;
  sk: string;
}

export interface StaffRef {
  staffId: string;
  name: string;
}

export interface DecisionStep<D = unknown> {
  /** The token the workflow waits on (kept after the decision until the workflow heard it). */
  taskToken?: string;
  requestedAt?: string;
  deadline?: string;
  escalatedAt?: string;
  /** What was decided, in the concern's words (`approve`, `signed`, a review's decision). */
  decision?: D;
  decidedAt?: string;
  by?: StaffRef;
  /** What the workflow is resumed with. */
  output?: unknown;
  /** When the workflow heard the decision. */
  deliveredAt?: string;
  [field: string]: unknown;
}

/** Where a step stands for an answer arriving now. */
export type StepState =
  /** The workflow waits on a token: the first answer decides. */
  | 'waiting'
  /** Decided, and the workflow heard it (or the decision is being handed over right now). */
  | 'decided'
  /** Decided, but the hand-over was cut short a while ago: hand it over again. */
  | 'unheard'
  /** Nobody waits: never asked, or (for a step that ends at its escalation) escalated. */
  | 'not-waiting';

export type DecisionOutcome =
  /** The first answer: recorded, and the workflow took it. */
  | 'decided'
  /** Someone answered before: nothing changed. */
  | 'already-decided'
  /** The workflow no longer waits (timed out, escalated, ended): nothing changed. */
  | 'too-late'
  /** No step waits for an answer. */
  | 'not-waiting'
  /** The signed link was used before. */
  | 'link-used';

/** What a concern does around an answer; each is safe to run twice. */
export interface DecisionEffects {
  /** Before the workflow hears it: what its next steps read (the quote's status, an approval). */
  apply?: () => Promise<unknown>;
  /** The workflow refused it as too late: `apply` taken back. */
  revert?: () => Promise<unknown>;
  /** After the workflow heard it: what only people read (a timeline entry). */
  note?: () => Promise<unknown>;
}

export interface Answer<D> {
  decision: D;
  by?: StaffRef;
  /** What the workflow is resumed with. */
  output: unknown;
}

export interface DecideOptions<D> {
  /** A link answer: its single use is marked with the claim (and released if too late). */
  link?: SignedLink;
  /** The step ends when it is escalated (the workflow moved on): answers are then too late. */
  endsAtEscalation?: boolean;
  /** The token of a step kept before this module, on the concern's own record. */
  legacyToken?: string;
  /** The concern's effects of a decision (also of one found unheard). */
  effects?: (step: DecisionStep<D>) => DecisionEffects;
}

/** A decision left unheard this long was cut short: the next look hands it over again. */
export const handOverGraceMs = 60_000;

/** Step Functions' answers for a token nobody waits on any more. */
const goneErrors = new Set(['InvalidToken', 'TaskTimedOut', 'TaskDoesNotExist']);

/** True when SendTaskSuccess failed because the step no longer waits on the token. */
export function isTooLate(error: unknown): boolean {
  return error instanceof Error && goneErrors.has(error.name);
}

/** Where `step` stands at `now`. */
export function stepState(
  step: DecisionStep | undefined,
  now: Date,
  options: { endsAtEscalation?: boolean } = {},
): StepState {
  if (!step) return 'not-waiting';
  if (step.decision !== undefined) {
    const stale = now.getTime() - Date.parse(step.decidedAt ?? '') > handOverGraceMs;
    const unheard = !step.deliveredAt && step.taskToken && step.output !== undefined && stale;
    return unheard ? 'unheard' : 'decided';
  }
  if (!step.taskToken) return 'not-waiting';
  if (options.endsAtEscalation && step.escalatedAt) return 'not-waiting';
  return 'waiting';
}

/** Hands an answer to the waiting workflow: `too-late` when the token is gone. */
export interface TaskCallback {
  succeed(taskToken: string, output: unknown): Promise<'delivered' | 'too-late'>;
}

/** No endpoint here: the SDK reads AWS_ENDPOINT_URL_SFN. */
export function taskCallback(client = new SFNClient({})): TaskCallback {
  return {
    async succeed(taskToken, output) {
      try {
        await client.send(
          new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }),
        );
        return 'delivered';
      } catch (error) {
        if (isTooLate(error)) return 'too-late';
        throw error;
      }
    },
  };
}

/** A write the concern adds to a step's transaction (a timeline entry). */
export type StepWrite = Record<string, unknown>;

export interface DecisionSteps {
  /** The table the steps live in, for the writes a concern adds. */
  table: Table;
  get<D>(key: StepKey): Promise<DecisionStep<D> | undefined>;
  /**
   * Keeps the workflow's token. The first request writes the step (with `fields` and `writes`);
   * a rerun replaces the token of an undecided step. Decided already: the decision is handed to
   * the new token (with `output` if given, else the stored one) and `decided-already` answered.
   */
  wait<D>(
    key: StepKey,
    request: {
      taskToken: string;
      requestedAt: string;
      deadline?: string;
      fields?: Record<string, unknown>;
      writes?: StepWrite[];
      output?: (step: DecisionStep<D>) => unknown;
    },
  ): Promise<{ status: 'requested' | 'token-replaced' | 'decided-already'; step: DecisionStep<D> }>;
  /** A person's answer: claims the step, applies it, hands it to the workflow. */
  decide<D>(
    key: StepKey,
    answer: Answer<D>,
    now: Date,
    options?: DecideOptions<D>,
  ): Promise<DecisionOutcome>;
  /** Hands over a decision cut short, if there is one; the step as it stands after. */
  repair<D>(
    key: StepKey,
    now: Date,
    options?: Pick<DecideOptions<D>, 'effects'>,
  ): Promise<DecisionStep<D> | undefined>;
  /** Hands a decision recorded before this module (on the concern's record) to a new token. */
  handOver(
    key: StepKey,
    taskToken: string,
    output: unknown,
    now: Date,
  ): Promise<'delivered' | 'too-late'>;
  /** Notes the escalation once (with `writes`); false if noted before. */
  noteEscalation(key: StepKey, at: Date, writes?: StepWrite[]): Promise<boolean>;
}

/** Reads a step, as this module writes it or as older code did. */
function toStep<D>(item: Record<string, unknown>): DecisionStep<D> {
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    decisionToken,
    decisionDeliveredAt,
    ...step
  } = item as DecisionStep<D> & { decisionToken?: string; decisionDeliveredAt?: string };
  // A lead review decided before this module: the token moved to `decisionToken` until heard.
  if (!step.taskToken && typeof decisionToken === 'string') step.taskToken = decisionToken;
  if (!step.deliveredAt && typeof decisionDeliveredAt === 'string') {
    step.deliveredAt = decisionDeliveredAt;
  }
  return step;
}

export function decisionSteps(
  table: Table,
  callback: TaskCallback = taskCallback(),
): DecisionSteps {
  async function get<D>(key: StepKey) {
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
    );
    return Item ? toStep<D>(Item) : undefined;
  }

  /** Tells the workflow; notes it heard it (the token, of no more use, goes). */
  async function handOver(key: StepKey, taskToken: string, output: unknown, now: Date) {
    const delivered = await callback.succeed(taskToken, output);
    if (delivered !== 'delivered') return delivered;
    try {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: key,
          UpdateExpression:
            'SET deliveredAt = if_not_exists(deliveredAt, :at) REMOVE taskToken, decisionToken',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': now.toISOString() },
        }),
      );
    } catch (error) {
      // A decision kept on the concern's record before this module has no step item.
      if (!isConditionFailed(error)) throw error;
    }
    return delivered;
  }

  /** Takes a claim back (the workflow refused it): the step waits again, the link works again. */
  async function release(key: StepKey, decidedAt: string, link?: SignedLink) {
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table.name,
              Key: key,
              UpdateExpression: 'REMOVE decision, decidedAt, #by, #output',
              ConditionExpression: 'decidedAt = :at',
              ExpressionAttributeNames: { '#by': 'by', '#output': 'output' },
              ExpressionAttributeValues: { ':at': decidedAt },
            },
          },
          ...(link ? [{ Delete: { TableName: table.name, Key: usedLinkKey(link.linkId) } }] : []),
        ],
      }),
    );
  }

  async function repair<D>(
    key: StepKey,
    now: Date,
    options: Pick<DecideOptions<D>, 'effects'> = {},
  ): Promise<DecisionStep<D> | undefined> {
    const step = await get<D>(key);
    if (stepState(step, now) !== 'unheard' || !step?.taskToken) return step;
    const effects = options.effects?.(step);
    await effects?.apply?.();
    const delivered = await handOver(key, step.taskToken, step.output, now);
    if (delivered !== 'delivered') return step;
    await effects?.note?.();
    return { ...step, deliveredAt: now.toISOString() };
  }

  return {
    table,
    get,
    repair,
    handOver,

    async wait(key, request) {
      const { taskToken, requestedAt, deadline, fields, writes = [], output } = request;
      const item = {
        ...key,
        entity: 'decision-step',
        ...fields,
        taskToken,
        requestedAt,
        ...(deadline ? { deadline } : {}),
      };
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: item,
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              ...writes,
            ] as never,
          }),
        );
        return { status: 'requested', step: toStep(item) };
      } catch (error) {
        if (cancellationCodes(error)?.[0] !== 'ConditionalCheckFailed') throw error;
      }
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: key,
            UpdateExpression: 'SET taskToken = :token',
            ConditionExpression: 'attribute_not_exists(decision)',
            ExpressionAttributeValues: { ':token': request.taskToken },
          }),
        );
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        // Decided while no token waited (or while this step was retried): hand it to this one.
        const step = (await get(key)) as DecisionStep<never>;
        const now = new Date(requestedAt);
        await handOver(key, request.taskToken, output ? output(step) : step.output, now);
        return { status: 'decided-already', step };
      }
      return { status: 'token-replaced', step: (await get(key)) as DecisionStep<never> };
    },

    async decide<D>(
      key: StepKey,
      answer: Answer<D>,
      now: Date,
      options: DecideOptions<D> = {},
    ): Promise<DecisionOutcome> {
      // A retried step may swap the token between our read and our write: read again, twice.
      for (let attempt = 0; attempt < 3; attempt++) {
        const stored = await get<D>(key);
        const step: DecisionStep<D> | undefined =
          stored ?? (options.legacyToken ? { taskToken: options.legacyToken } : undefined);
        const state = stepState(step, now, options);
        if (state === 'unheard') {
          await repair(key, now, options);
          return 'already-decided';
        }
        if (state === 'decided') return 'already-decided';
        if (state === 'not-waiting' || !step?.taskToken) return 'not-waiting';
        const decidedAt = now.toISOString();
        const claimed = await claim(key, !!stored, step.taskToken, answer, decidedAt, options);
        if (claimed === 'changed') continue;
        if (claimed === 'link-used') return 'link-used';
        const effects = options.effects?.({ ...step, ...answer, decidedAt });
        await effects?.apply?.();
        const delivered = await handOver(key, step.taskToken, answer.output, now);
        if (delivered === 'delivered') {
          await effects?.note?.();
          return 'decided';
        }
        await effects?.revert?.();
        await release(key, decidedAt, options.link);
        return 'too-late';
      }
      return 'already-decided';
    },

    async noteEscalation(key, at, writes = []) {
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table.name,
                  Key: key,
                  UpdateExpression: 'SET escalatedAt = :at',
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(escalatedAt)',
                  ExpressionAttributeValues: { ':at': at.toISOString() },
                },
              },
              ...writes,
            ] as never,
          }),
        );
        return true;
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
        throw error;
      }
    },
  };

  /** The conditional write that makes this answer the decision; `changed`: read again. */
  async function claim<D>(
    key: StepKey,
    exists: boolean,
    taskToken: string,
    answer: Answer<D>,
    decidedAt: string,
    options: DecideOptions<D>,
  ): Promise<'claimed' | 'changed' | 'link-used'> {
    const values = {
      ':token': taskToken,
      ':decision': answer.decision,
      ':at': decidedAt,
      ':output': answer.output,
      ...(answer.by ? { ':by': answer.by } : {}),
    };
    const set = `SET taskToken = :token, decision = :decision, decidedAt = :at, #output = :output${answer.by ? ', #by = :by' : ''}`;
    const names = { '#output': 'output', ...(answer.by ? { '#by': 'by' } : {}) };
    const step = exists
      ? {
          Update: {
            TableName: table.name,
            Key: key,
            UpdateExpression: set,
            ConditionExpression: `taskToken = :token AND attribute_not_exists(decision)${options.endsAtEscalation ? ' AND attribute_not_exists(escalatedAt)' : ''}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        }
      : {
          // A step kept on the concern's record before this module: its first answer writes it.
          Put: {
            TableName: table.name,
            Item: {
              ...key,
              entity: 'decision-step',
              taskToken,
              decision: answer.decision,
              decidedAt,
              output: answer.output,
              ...(answer.by ? { by: answer.by } : {}),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
    const link = options.link;
    const items = [
      step,
      ...(link
        ? [
            {
              Put: usedLinkPut(table.name, link.linkId, {
                purpose: link.purpose,
                subject: link.subject,
                usedAt: new Date(decidedAt),
                linkExpiresAt: link.expiresAt,
              }),
            },
          ]
        : []),
    ];
    try {
      await table.client.send(new TransactWriteCommand({ TransactItems: items as never }));
      return 'claimed';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes[0] === 'ConditionalCheckFailed' || codes.includes('TransactionConflict')) {
        return 'changed';
      }
      if (codes[1] === 'ConditionalCheckFailed') return 'link-used';
      throw error;
    }
  }
}
