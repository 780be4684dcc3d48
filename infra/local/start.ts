/**
 * `npm start`: the whole desk on this machine. One process tree; Ctrl-C stops all of it.
 * Prints `DESK_LOCAL_READY <endpoints as JSON>` when ready, for tests and scripts.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { banner } from './banner';
import { javaAdvice, javaMajorVersion, minimumJava } from './java';
import { type LocalCloud, startLocalCloud } from './local-cloud';
import { OptionsError, parseOptions, usage } from './options';
import { choosePorts, PortInUseError } from './ports';
import { hideNodeVersionWarning } from './quiet-warnings';

// Lambda runs in UTC; so do the handlers here (the time zone is process-wide).
process.env.TZ = 'UTC';
hideNodeVersionWarning();

const repositoryRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const log = (line: string) => console.log(line);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2), repositoryRoot);
  } catch (error) {
    if (error instanceof OptionsError) fail(`${error.message}\n\n${usage}`);
    throw error;
  }
  if (options === 'help') {
    console.log(usage);
    return;
  }

  const java = javaMajorVersion();
  if (java === undefined || java < minimumJava) fail(javaAdvice(java));

  let ports: Awaited<ReturnType<typeof choosePorts>>;
  try {
    ports = await choosePorts(options.ports);
  } catch (error) {
    if (error instanceof PortInUseError) fail(error.message);
    throw error;
  }

  let cloud: LocalCloud | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1); // A second Ctrl-C: leave at once.
    stopping = true;
    log(`\n${signal}: stopping the local cloud…`);
    await cloud?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  cloud = await startLocalCloud({
    repositoryRoot,
    dataDir: options.dataDir,
    ports,
    settings: options.settings,
    clockOffsetMs: options.clockOffsetMs,
    heldSchedules: options.heldSchedules,
    demoCompany: options.demoCompany,
    log,
  });
  if (stopping) return;
  log(banner(cloud.endpoints, options.settings.companyTimeZone));
  log(`DESK_LOCAL_READY ${JSON.stringify(cloud.endpoints)}`);
}

main().catch((error) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  fail(`The local cloud could not start.\n${message}`);
});
