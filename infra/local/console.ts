import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Clock } from './clock';
import type { PublishedEvent } from './events';
import type { ServedRoute } from './gateway';
import type { Scheduler } from './scheduler';

export interface ConsoleLink {
  label: string;
  url: string;
}

export interface ConsoleOptions {
  host: string;
  port: number;
  routes: ServedRoute[];
  scheduler: Scheduler;
  clock: Clock;
  /** What the desk published on its event bus, oldest first. */
  events: () => PublishedEvent[];
  /** Called after the clock moved, so waits and schedules that fell due run now. */
  onClockAdvanced: () => void;
  links: () => ConsoleLink[];
}

export interface LocalConsole {
  url: string;
  stop(): Promise<void>;
}

/** The local-only console: every useful URL, the routes, the schedules and the clock. */
export async function startConsole(options: ConsoleOptions): Promise<LocalConsole> {
  const server = createServer((request, response) => {
    serve(request, response).catch((error) => {
      send(response, 500, { message: (error as Error).message });
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/') return page(response, options);
    if (method === 'GET' && path === '/routes') return send(response, 200, options.routes);
    if (method === 'GET' && path === '/schedules')
      return send(response, 200, options.scheduler.list());
    if (method === 'GET' && path === '/events') return send(response, 200, options.events());
    if (method === 'GET' && path === '/clock')
      return send(response, 200, clockState(options.clock));
    if (method === 'POST' && path === '/clock/advance') {
      const body = await readJson(request);
      const milliseconds = (body as { milliseconds?: unknown } | undefined)?.milliseconds;
      if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || milliseconds < 0) {
        return send(response, 400, {
          errors: [
            { field: 'milliseconds', message: 'milliseconds must be a number of 0 or more' },
          ],
        });
      }
      options.clock.advance(milliseconds);
      options.onClockAdvanced();
      return send(response, 200, clockState(options.clock));
    }
    const run = /^\/schedules\/([^/]+)\/run$/.exec(path);
    if (method === 'POST' && run) {
      const name = decodeURIComponent(run[1] as string);
      if (!options.scheduler.list().some((s) => s.name === name)) {
        return send(response, 404, { message: `No schedule named ${name}` });
      }
      const outcome = await options.scheduler.run(name);
      return send(response, 200, outcome);
    }
    return send(response, 404, { message: 'Not Found' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    url: `http://${options.host}:${options.port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const clockState = (clock: Clock) => ({ now: clock.now().toISOString(), offsetMs: clock.offset() });

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response
    .writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify(body, null, 2));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(response: ServerResponse, options: ConsoleOptions): void {
  const links = options
    .links()
    .map(
      (l) =>
        `<li>${escapeHtml(l.label)}: <a href="${escapeHtml(l.url)}">${escapeHtml(l.url)}</a></li>`,
    )
    .join('\n');
  const routes = options.routes
    .map(
      (r) =>
        `<tr><td><code>${escapeHtml(r.routeKey)}</code></td><td>${escapeHtml(r.access)}</td></tr>`,
    )
    .join('\n');
  const schedules = options.scheduler
    .list()
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.name)}</td><td><code>${escapeHtml(s.expression)}</code></td>` +
        `<td>${escapeHtml(s.timeZone)}</td><td>${escapeHtml(s.target)}</td>` +
        `<td>${escapeHtml(s.nextFireTime ?? 'never')}</td></tr>`,
    )
    .join('\n');
  const clock = clockState(options.clock);
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Customer desk — local cloud</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>
</head>
<body>
<h1>Customer desk — local cloud</h1>
<h2>Links</h2>
<ul>
${links}
</ul>
<h2>Clock</h2>
<p>Local time: <time>${escapeHtml(clock.now)}</time> (ahead of real time by ${clock.offsetMs} ms).
Move it with <code>curl -X POST -d '{"milliseconds":86400000}' ${escapeHtml(`http://${options.host}:${options.port}/clock/advance`)}</code>.</p>
<h2>Routes</h2>
<table><thead><tr><th>Route</th><th>Access</th></tr></thead><tbody>
${routes}
</tbody></table>
<h2>Schedules</h2>
<table><thead><tr><th>Name</th><th>Expression</th><th>Time zone</th><th>Target</th><th>Next fire</th></tr></thead><tbody>
${schedules}
</tbody></table>
<p>JSON: <a href="/routes">/routes</a>, <a href="/schedules">/schedules</a>, <a href="/clock">/clock</a>,
<a href="/events">/events</a> (what the desk published on its event bus).
Run a schedule now: <code>POST /schedules/{name}/run</code>.</p>
</body>
</html>`;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}
