/** How the service calls Lambda: the embedder decides where a function ARN runs. */
export type LambdaOutcome =
  | { kind: 'returned'; payload: unknown }
  | { kind: 'failed'; errorType: string; errorMessage: string; trace?: string[] };

export type LambdaInvoker = (functionArn: string, payload: unknown) => Promise<LambdaOutcome>;

/**
 * Calls functions through a Lambda endpoint's Invoke API (`POST /2015-03-31/functions/{name}/invocations`),
 * such as a local Lambda emulator's. Requests are not signed: meant for local endpoints only.
 */
export function lambdaEndpointInvoker(endpoint: string): LambdaInvoker {
  return async (functionArn, payload) => {
    const url = new URL(
      `/2015-03-31/functions/${encodeURIComponent(functionArn)}/invocations`,
      endpoint,
    );
    const response = await fetch(url, { method: 'POST', body: JSON.stringify(payload) });
    const body = await response.text();
    // A non-2xx status is a fault of the Lambda service itself (Lambda.ServiceException).
    if (!response.ok) throw new Error(`Lambda answered ${response.status}: ${body}`);
    const result = body === '' ? null : JSON.parse(body);
    if (response.headers.has('x-amz-function-error')) {
      return {
        kind: 'failed',
        errorType: String(result?.errorType ?? 'Unhandled'),
        errorMessage: String(result?.errorMessage ?? ''),
        trace: Array.isArray(result?.trace) ? result.trace.map(String) : undefined,
      };
    }
    return { kind: 'returned', payload: result };
  };
}
