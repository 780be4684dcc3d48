import { createServer } from 'node:net';
import { freePort } from '@customer-desk/local-stepfunctions/dynamodb-local';
import { type LocalOptions, type ServiceName, serviceNames } from './options';

export const host = '127.0.0.1';

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/**
 * The port of every service: free ones picked by the system (`--ports auto`), or the requested
 * ones, each checked first so a clash is reported by name instead of failing half-way through.
 */
export async function choosePorts(
  ports: LocalOptions['ports'],
): Promise<Record<ServiceName, number>> {
  const chosen = {} as Record<ServiceName, number>;
  if (ports === 'auto') {
    const taken = new Set<number>();
    for (const name of serviceNames) {
      let port = await freePort();
      while (taken.has(port)) port = await freePort();
      taken.add(port);
      chosen[name] = port;
    }
    return chosen;
  }
  for (const name of serviceNames) {
    const port = ports[name];
    if (!(await isFree(port))) {
      throw new PortInUseError(
        `Port ${port} (${name}) is already in use. Stop what uses it, choose another with ` +
          `--${name}-port <n>, or let the local cloud pick free ports with --ports auto.`,
      );
    }
    chosen[name] = port;
  }
  return chosen;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    // Checked on every interface: a service bound to another address still holds the port.
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
