import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type DeploySettings, parseDeploySettings } from '../deploy-settings';
import { manifest } from '../manifest';

/** Every endpoint the local cloud serves, each on its own port. */
export const serviceNames = [
  'gateway',
  'console',
  'dynamodb',
  'ses',
  'sfn',
  's3',
  'secrets',
  'signin',
  'events',
] as const;
export type ServiceName = (typeof serviceNames)[number];

/** Fixed ports when none are asked for: easy to remember, easy to bookmark. */
export const defaultPorts: Record<ServiceName, number> = {
  gateway: 3000,
  console: 3001,
  dynamodb: 8000,
  ses: 8005,
  sfn: 8083,
  s3: 4568,
  secrets: 8084,
  signin: 8086,
  events: 8087,
};

export interface LocalOptions {
  /** `auto`: free ports chosen at start; otherwise each service's port (flag or default). */
  ports: 'auto' | Record<ServiceName, number>;
  dataDir: string;
  settings: DeploySettings;
  clockOffsetMs: number;
  /** Schedules that fire only when run from the console, never by the clock. */
  heldSchedules: string[];
  /** A fresh desk's settings get a demo company's details (off: invoices wait for real ones). */
  demoCompany: boolean;
}

export class OptionsError extends Error {
  override name = 'OptionsError';
}

export const usage = `Usage: npm start -- [options]

  --data-dir <dir>        where the local cloud keeps its data (default .desk-local)
  --ports auto            choose free ports for every service
  --gateway-port <n>      HTTP API (default ${defaultPorts.gateway})
  --console-port <n>      local console (default ${defaultPorts.console})
  --dynamodb-port <n>     DynamoDB Local (default ${defaultPorts.dynamodb})
  --ses-port <n>          SES endpoint and mailbox (default ${defaultPorts.ses})
  --sfn-port <n>          Step Functions endpoint (default ${defaultPorts.sfn})
  --s3-port <n>           S3 endpoint (default ${defaultPorts.s3})
  --secrets-port <n>      Secrets Manager endpoint (default ${defaultPorts.secrets})
  --signin-port <n>       staff sign-in pages and token issuer (default ${defaultPorts.signin})
  --events-port <n>       EventBridge endpoint (PutEvents) (default ${defaultPorts.events})
  --sender <email>        sender address (default from cdk.json)
  --time-zone <zone>      company time zone, IANA (default from cdk.json)
  --locale <code>         default locale (default from cdk.json)
  --clock-offset <time>   start the clock ahead of real time: 90m, 36h, 14d or milliseconds
  --public-base-url <url> where emailed links lead (default the gateway's URL)
  --hold-schedules <a,b>  these schedules fire only when run from the console (tests that move
                          the clock without the daily jobs reaching everyone's data)
  --no-demo-company       a fresh desk starts without the demo company's details (invoices
                          wait until a manager fills in the company's own on the settings page)
`;

export function parseOptions(argv: string[], repositoryRoot: string): LocalOptions | 'help' {
  const portFlags = Object.fromEntries(
    serviceNames.map((name) => [`${name}-port`, { type: 'string' as const }]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        ...portFlags,
        ports: { type: 'string' },
        'data-dir': { type: 'string' },
        sender: { type: 'string' },
        'time-zone': { type: 'string' },
        locale: { type: 'string' },
        'clock-offset': { type: 'string' },
        'public-base-url': { type: 'string' },
        'hold-schedules': { type: 'string' },
        'no-demo-company': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new OptionsError((error as Error).message);
  }
  if (values.help) return 'help';

  let ports: LocalOptions['ports'];
  if (values.ports !== undefined) {
    if (values.ports !== 'auto') throw new OptionsError('--ports takes only the value auto');
    ports = 'auto';
  } else {
    ports = { ...defaultPorts };
    for (const name of serviceNames) {
      const raw = values[`${name}-port`];
      if (typeof raw === 'string') ports[name] = parsePort(raw, `--${name}-port`);
    }
  }

  const context = readCdkContext(repositoryRoot);
  let settings: DeploySettings;
  try {
    settings = parseDeploySettings({
      senderAddress: values.sender ?? context.senderAddress,
      companyTimeZone: values['time-zone'] ?? context.companyTimeZone,
      defaultLocale: values.locale ?? context.defaultLocale,
      // Not from cdk.json: that one is the deployed desk's; locally links lead to the gateway.
      publicBaseUrl: values['public-base-url'],
    });
  } catch (error) {
    throw new OptionsError((error as Error).message);
  }

  const offset = values['clock-offset'];
  return {
    ports,
    dataDir: resolve(
      repositoryRoot,
      typeof values['data-dir'] === 'string' ? values['data-dir'] : '.desk-local',
    ),
    settings,
    clockOffsetMs: typeof offset === 'string' ? parseDuration(offset) : 0,
    heldSchedules: heldSchedules(values['hold-schedules']),
    demoCompany: values['no-demo-company'] !== true,
  };
}

function heldSchedules(raw: string | boolean | undefined): string[] {
  if (typeof raw !== 'string') return [];
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const known = new Set(manifest.schedules.map((s) => s.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new OptionsError(
      `--hold-schedules: no schedule named ${unknown.join(', ')}; the schedules are ${[...known].join(', ')}`,
    );
  }
  return names;
}

function parsePort(raw: string, flag: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new OptionsError(`${flag} must be a port number from 1 to 65535, not "${raw}"`);
  }
  return port;
}

/** `90m`, `36h`, `14d` or plain milliseconds. */
export function parseDuration(raw: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(raw.trim());
  if (!match) {
    throw new OptionsError(`--clock-offset must look like 90m, 36h, 14d or 5000, not "${raw}"`);
  }
  const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 'ms'] ?? 1;
  return Number(match[1]) * unitMs;
}

function readCdkContext(repositoryRoot: string): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(resolve(repositoryRoot, 'cdk.json'), 'utf8'));
  return cdkJson.context ?? {};
}
