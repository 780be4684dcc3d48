/**
 * Typed errors. HTTP handlers map the first group to clear answers (see `http/errors`); Lambda
 * functions called by Step Functions throw them, and their `name` is the error the workflow sees.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

/** Input that breaks a rule; each problem names its field. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

export class BadRequest extends Error {
  override name = 'BadRequest';
}

export class PayloadTooLarge extends Error {
  override name = 'PayloadTooLarge';
}

export class UnsupportedMediaType extends Error {
  override name = 'UnsupportedMediaType';
}

export class NotFound extends Error {
  override name = 'NotFound';
}

/** The caller may not do this (a missing or wrong CSRF token, a write their role lacks). */
export class Forbidden extends Error {
  override name = 'Forbidden';
}

/** Too many requests from one address; try again after `retryAfterSeconds`. */
export class TooManyRequests extends Error {
  override name = 'TooManyRequests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The same business key was used before for a different request. */
export class Conflict extends Error {
  override name = 'Conflict';
}

/** SES refused or failed to take a message; the outbox keeps it claimed for a retry. */
export class EmailNotSent extends Error {
  override name = 'EmailNotSent';
}

/** A record a workflow step needs does not exist: retrying cannot help. */
export class RecordMissing extends Error {
  override name = 'RecordMissing';
}

/** An email address no message can be sent to; retrying cannot help. */
export class InvalidRecipient extends Error {
  override name = 'InvalidRecipient';
}

/** A function was called with a payload it cannot act on; retrying cannot help. */
export class InvalidPayload extends Error {
  override name = 'InvalidPayload';
}
