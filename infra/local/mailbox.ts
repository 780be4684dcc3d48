import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import * as sesLocal from 'aws-ses-v2-local';
import { type Email, getStoreReadonly } from 'aws-ses-v2-local/dist/store.js';

export interface Mailbox {
  /** The SES API (v1 and v2); its `/` is the mailbox page and `GET /store` lists what was sent. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The SES endpoint (`aws-ses-v2-local`). Its store lives in memory, so every stored email is also
 * appended to `mailbox.jsonl` in the data folder and loaded back at start: the mailbox, like a
 * real one, survives a restart.
 */
export async function startMailbox(
  host: string,
  port: number,
  dataDir: string,
  /** Told of each email SES accepts (not of those loaded back at start). */
  onEmail: (email: Email) => void = () => undefined,
): Promise<Mailbox> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'mailbox.jsonl');
  persistEmails(file, onEmail);

  // The package is CommonJS with an `exports.default`; ESM sees it one level down.
  const serve = (
    typeof sesLocal.default === 'function'
      ? sesLocal.default
      : (sesLocal.default as unknown as { default: typeof sesLocal.default }).default
  ) as (config: { host: string; port: number }) => Promise<Server>;
  const server = await serve({ host, port });
  return {
    url: `http://${host}:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function persistEmails(file: string, onEmail: (email: Email) => void): void {
  const store = getStoreReadonly() as { emails: Email[] };
  const saved = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Email)
    : [];

  const track = (emails: Email[]): Email[] => {
    // Written synchronously: once SES has answered, the email is on disk even if we are killed.
    emails.push = (...added: Email[]) => {
      if (added.length > 0)
        appendFileSync(file, added.map((e) => `${JSON.stringify(e)}\n`).join(''));
      const length = Array.prototype.push.apply(emails, added);
      for (const email of added) onEmail(email);
      return length;
    };
    return emails;
  };

  let emails = track([...saved]);
  // `POST /clear-store` replaces the array: empty the file with it.
  Object.defineProperty(store, 'emails', {
    configurable: true,
    enumerable: true,
    get: () => emails,
    set: (replacement: Email[]) => {
      writeFileSync(file, replacement.map((e) => `${JSON.stringify(e)}\n`).join(''));
      emails = track([...replacement]);
    },
  });
}
