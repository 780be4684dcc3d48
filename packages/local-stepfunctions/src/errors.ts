/**
 * An error answered over the Step Functions API: HTTP 400 with `{"__type": code, "message"}`,
 * the codes AWS uses, so SDK clients throw the same exception classes as against AWS.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * An error raised while running a state (`States.TaskFailed`, a Lambda's errorType, …): what
 * Retry and Catch match on, and what an execution fails with when nothing catches it. An empty
 * error or cause is one AWS leaves out (a timeout has no cause; SendTaskFailure may give neither).
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    readonly causeText: string,
    /** The field whose evaluation failed (`Items`, `Output/error`), for EvaluationFailed. */
    readonly location?: string,
  ) {
    super(`${error}: ${causeText}`);
    this.name = error;
  }

  /** `$states.errorOutput`: what AWS leaves out is null there. */
  output(): { Error: string | null; Cause: string | null } {
    return { Error: this.error || null, Cause: this.causeText || null };
  }
}
