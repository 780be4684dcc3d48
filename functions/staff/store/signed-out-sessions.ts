import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../shared/store/table';

/**
 * Sessions ended by signing out. A session is the sign-in's id token, valid until it expires
 * wherever it was copied to; signing out records its id here and the staff authorizer refuses it
 * from then on. The id is the token's `origin_jti` (Cognito: one per sign-in, shared by the tokens
 * it issued), else its `jti`.
 *
 * | access pattern                 | keys                                                    |
 * |--------------------------------|---------------------------------------------------------|
 * | was this session signed out?   | pk = `SIGNED-OUT#<session id>`, sk = `SIGNED-OUT`       |
 *
 * The item expires with the token (table TTL `expiresAt`, epoch seconds): an expired token is
 * refused by its own check, so the record is no longer needed.
 */

export interface SignedOutSessionStore {
  /** Records the sign-out; again for the same session changes nothing. */
  recordSignOut(session: {
    sessionId: string;
    staffSubject: string;
    signedOutAt: Date;
    tokenExpiresAt: number;
  }): Promise<void>;
  isSignedOut(sessionId: string): Promise<boolean>;
}

const key = (sessionId: string) => ({ pk: `SIGNED-OUT#${sessionId}`, sk: 'SIGNED-OUT' });

export function signedOutSessionStore(table: Table): SignedOutSessionStore {
  return {
    async recordSignOut(session) {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: {
            ...key(session.sessionId),
            entity: 'signed-out-session',
            staffSubject: session.staffSubject,
            signedOutAt: session.signedOutAt.toISOString(),
            expiresAt: session.tokenExpiresAt,
          },
        }),
      );
    },
    async isSignedOut(sessionId) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: key(sessionId), ConsistentRead: true }),
      );
      return Item !== undefined;
    },
  };
}
