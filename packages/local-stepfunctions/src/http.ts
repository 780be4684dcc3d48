import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Operation } from './api/operations';
import { ApiError } from './errors';

const maxBodyBytes = 1024 * 1024;
const jsonType = 'application/x-amz-json-1.0';

/**
 * The Step Functions JSON protocol: `POST /` with `X-Amz-Target: AWSStepFunctions.<Operation>`,
 * JSON in and out, errors as HTTP 400 `{"__type": code, "message"}`. Requests are not signed-checked:
 * the endpoint only listens on loopback.
 */
export async function startHttpServer(options: {
  host: string;
  port: number;
  operations: Record<string, Operation>;
  log: (line: string) => void;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      options.log(`Step Functions API: ${(error as Error).stack ?? error}`);
      if (!response.headersSent)
        send(response, 500, { __type: 'ServiceException', message: 'Internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: { operations: Record<string, Operation>; log: (line: string) => void },
): Promise<void> {
  const body = await readBody(request);
  const target = String(request.headers['x-amz-target'] ?? '');
  const name = target.startsWith('AWSStepFunctions.')
    ? target.slice('AWSStepFunctions.'.length)
    : '';
  const operation = Object.hasOwn(options.operations, name) ? options.operations[name] : undefined;
  if (request.method !== 'POST' || !operation) {
    send(response, 400, {
      __type: 'UnknownOperationException',
      message: `Unknown operation '${target}'`,
    });
    return;
  }
  if (body === undefined) {
    send(response, 413, { __type: 'ValidationException', message: 'Request body too large' });
    return;
  }
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch {
    send(response, 400, { __type: 'SerializationException', message: 'Request body is not JSON' });
    return;
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    send(response, 400, {
      __type: 'SerializationException',
      message: 'Request body must be an object',
    });
    return;
  }
  try {
    send(response, 200, await operation(input as Record<string, unknown>));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    send(response, 400, { __type: error.code, message: error.message });
  }
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? {});
  response.writeHead(status, {
    'Content-Type': jsonType,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(text);
}
