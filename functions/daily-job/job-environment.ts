import type { InvoiceDocuments } from '../invoicing/invoice-documents';
import type { Outbox } from '../messages/outbox';
import type { EventPublisher } from '../shared/events';
import type { DailyJob } from '../shared/jobs/runner';
import type { Table } from '../shared/store/table';
import type { BusinessRules } from '../staff/settings/business-rules';
import { loadBusinessRules } from '../staff/settings/settings';
import type { SettingsStore } from '../staff/settings/settings-store';

/** What every job is built from: the same on AWS, on the local cloud and in the CLI. */
export interface JobEnvironment {
  table: Table;
  settings: SettingsStore;
  outbox: Outbox;
  sender: string;
  zone: string;
  /** The documents bucket (PDFs of invoices and statements); present where the function has it. */
  documents?: InvoiceDocuments;
  /** The desk's event bus (suspension, lapse, renewal...); present where the function has it. */
  events?: EventPublisher;
}

export interface JobDefinition {
  /** The name `npm run job -- <name>` takes. */
  name: string;
  description: string;
  build(env: JobEnvironment): DailyJob<unknown>;
}

/** What a job cannot run without, named when its function was not given it. */
export function required<T>(value: T | undefined, what: 'documents' | 'events', job: string): T {
  if (value === undefined) {
    throw new Error(`The ${job} job needs the ${what} resource: declare it in the job's function`);
  }
  return value;
}

/**
 * The business rules for a date, read once per date: the rules a date's items were chosen by
 * serve the actions on them, and a settings change applies from the next date.
 */
export function rulesPerDate(settings: SettingsStore): (date: string) => Promise<BusinessRules> {
  let ruling: { date: string; rules: Promise<BusinessRules> } | undefined;
  return (date) => {
    if (ruling?.date !== date) {
      const rules = loadBusinessRules(settings).then((loaded) => loaded.rules);
      const read = { date, rules };
      ruling = read;
      // A failed read is not kept: the next item reads again.
      rules.catch(() => {
        if (ruling === read) ruling = undefined;
      });
    }
    return ruling.rules;
  };
}

/** How many times a failed item is tried in all (`jobs.attemptsPerItem`), read now. */
export async function attemptsPerItem(settings: SettingsStore): Promise<number> {
  return (await loadBusinessRules(settings)).rules.jobs.attemptsPerItem;
}
