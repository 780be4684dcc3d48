import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';

/** One event as EventBridge would hand it to a rule's target. */
export interface PublishedEvent {
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  'event-bus': string;
  detail: unknown;
}

export interface EventsEndpoint {
  url: string;
  /** Everything published, oldest first (kept in `events.jsonl` across restarts). */
  published(): PublishedEvent[];
  stop(): Promise<void>;
}

interface PutEventsEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Time?: unknown;
}

/**
 * A small EventBridge endpoint: `PutEvents` (JSON 1.1, `X-Amz-Target: AWSEvents.PutEvents`) onto
 * the declared buses. Each accepted event is appended to `events.jsonl` in the data folder before
 * the answer, so what was published survives a restart; the console lists it at `GET /events`.
 */
export async function startEventsEndpoint(
  host: string,
  port: number,
  dataDir: string,
  buses: readonly string[],
  now: () => Date,
): Promise<EventsEndpoint> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'events.jsonl');
  const events: PublishedEvent[] = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as PublishedEvent)
    : [];

  function putEvents(body: { Entries?: unknown }): { status: number; body: unknown } {
    const entries = body.Entries;
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > 10) {
      return validation('Entries must hold between 1 and 10 events');
    }
    const answers = (entries as PutEventsEntry[]).map((entry) => {
      const bus = typeof entry.EventBusName === 'string' ? busName(entry.EventBusName) : 'default';
      if (!buses.includes(bus)) {
        return {
          ErrorCode: 'ResourceNotFoundException',
          ErrorMessage: `Event bus ${bus} does not exist.`,
        };
      }
      if (typeof entry.Source !== 'string' || typeof entry.DetailType !== 'string') {
        return {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: 'Source and DetailType are required.',
        };
      }
      let detail: unknown;
      try {
        detail = JSON.parse(typeof entry.Detail === 'string' ? entry.Detail : '');
      } catch {
        return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
      }
      const event: PublishedEvent = {
        id: randomUUID(),
        source: entry.Source,
        'detail-type': entry.DetailType,
        time: eventTime(entry.Time, now),
        'event-bus': bus,
        detail,
      };
      // Written synchronously: once answered, the event is on disk even if we are killed.
      appendFileSync(file, `${JSON.stringify(event)}\n`);
      events.push(event);
      return { EventId: event.id };
    });
    const failed = answers.filter((a) => 'ErrorCode' in a).length;
    return { status: 200, body: { FailedEntryCount: failed, Entries: answers } };
  }

  const server = createServer((request, response) => {
    handle(request)
      .then((result) => answer(response, result.status, result.body))
      .catch((error) => {
        answer(response, 500, { __type: 'InternalException', message: (error as Error).message });
      });
  });

  async function handle(request: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const target = request.headers['x-amz-target'];
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return validation('The request body is not JSON');
    }
    if (request.method === 'POST' && target === 'AWSEvents.PutEvents') {
      return putEvents(body as { Entries?: unknown });
    }
    return {
      status: 400,
      body: { __type: 'UnknownOperationException', message: `Unsupported operation ${target}` },
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host}:${port}`,
    published: () => [...events],
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A bus is named by name or by ARN (`arn:aws:events:…:event-bus/<name>`). */
const busName = (value: string) => value.slice(value.lastIndexOf('/') + 1);

function eventTime(value: unknown, now: () => Date): string {
  // The SDK sends Time as epoch seconds.
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  return now().toISOString();
}

const validation = (message: string) => ({
  status: 400,
  body: { __type: 'ValidationException', message },
});

function answer(response: ServerResponse, status: number, body: unknown): void {
  response
    .writeHead(status, { 'content-type': 'application/x-amz-json-1.1' })
    .end(JSON.stringify(body));
}
