import { decodeEntities, postForm } from './office';
import type { StaffSession } from './staff-session';

/** Helpers for tests that draw up quotes through the back office, as staff do. */

/** The New quote form of a lead as served (prefilled from the lead), with `changes` filled in. */
export async function quoteFormFields(
  session: StaffSession,
  leadId: string,
  changes: Record<string, string> = {},
): Promise<Record<string, string>> {
  const response = await session.fetch(`/office/leads/${leadId}/quotes/new`, {
    headers: { accept: 'text/html' },
  });
  const page = await response.text();
  if (response.status !== 200) {
    throw new Error(`The New quote form answered ${response.status}: ${page.slice(0, 300)}`);
  }
  const fields: Record<string, string> = {};
  for (const m of page.matchAll(/<input [^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
    fields[decodeEntities(m[1] ?? '')] = decodeEntities(m[2] ?? '');
  }
  for (const m of page.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(m[2] ?? '');
    fields[m[1] ?? ''] = decodeEntities(selected?.[1] ?? '');
  }
  return {
    ...fields,
    address: 'Main Street 1\n10115 Berlin',
    unitPrice1: '120.00',
    taxRate1: '19',
    ...changes,
  };
}

/** Saves a quote for the lead as `session`; answers its id (from the redirect to its page). */
export async function drawQuote(
  session: StaffSession,
  leadId: string,
  changes: Record<string, string> = {},
): Promise<{ quoteId: string; form: Record<string, string> }> {
  const form = await quoteFormFields(session, leadId, changes);
  const response = await postForm(session, `/office/leads/${leadId}/quotes/new`, form);
  const match = /\/office\/quotes\/([0-9A-Z]{26})/.exec(response.headers.get('location') ?? '');
  if (response.status !== 303 || !match?.[1]) {
    throw new Error(`Saving the quote answered ${response.status}: ${await response.text()}`);
  }
  return { quoteId: match[1], form };
}
