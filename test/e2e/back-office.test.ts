import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repositoryRoot } from '../support/local-cloud-process';
import { assignLead, seeded, staffIdOf, submitLead, uniqueWord } from '../support/office';
import { signInAs } from '../support/staff-session';

/**
 * The back office in a real browser (Debian's Chromium, driven by playwright-core) against the
 * running local cloud: each seeded person signs in through the real sign-in page and sees their
 * dashboard; a supervisor assigns a lead, its agent opens it, a manager edits the directory, an
 * agent is refused, everyone signs out. Dashboards are saved to test-results/screenshots.
 */

const cloud = inject('localCloud');
const screenshots = join(repositoryRoot, 'test-results', 'screenshots');
let browser: Browser;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  // launch() gives every run a fresh, throw-away user-data dir of its own.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-gpu',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
});

const passwordOf = (email: string) => {
  const user = cloud.staffUsers.find((u) => u.email === email);
  if (!user) throw new Error(`${email} is not seeded`);
  return user.password;
};

/** A fresh browser context (no cookies), signed in through the sign-in page as a person would. */
async function signedIn(
  email: string,
  width = 1280,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${cloud.gatewayUrl}/auth/sign-in`);
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(passwordOf(email));
  await Promise.all([
    page.waitForURL(`${cloud.gatewayUrl}/office`),
    page.getByRole('button', { name: /sign in/i }).click(),
  ]);
  return { context, page };
}

async function navLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.toString().startsWith(cloud.signInUrl));
  const again = await page.goto(`${cloud.gatewayUrl}/office`);
  // Refused: 401 without any cookie, 403 when the new sign-in attempt's cookie reaches the
  // authorizer (the attempt cookie is for the whole site, as a `__Host-` cookie must be).
  expect([401, 403]).toContain(again?.status());
}

describe('the back office in a browser', () => {
  const word = uniqueWord();
  const company = `Browser ${word} Ltd`;

  let beasLead: string;

  beforeAll(async () => {
    // From a blocked domain: flagged, so it waits unassigned for a supervisor to assign.
    await submitLead(cloud, {
      name: 'Petra Browser',
      company,
      email: `petra.${word}@mailinator.com`,
    });
    // A lead of another agent's book, for Alex to be refused.
    beasLead = await submitLead(cloud, { name: 'Bruno Other', email: `bruno.${word}@example.org` });
    const manager = await signInAs(cloud, seeded.manager);
    expect(
      (await assignLead(manager, beasLead, await staffIdOf(manager, seeded.agentSouth))).status,
    ).toBe(303);
  });

  it('shows each role its own dashboard and navigation', async () => {
    const expected = [
      {
        email: seeded.agentNorth,
        role: 'agent',
        heading: 'Agent dashboard',
        nav: ['Dashboard', 'Leads', 'Contracts', 'My profile', 'Arrears'],
      },
      {
        email: seeded.supervisorNorth,
        role: 'supervisor',
        heading: 'Supervisor dashboard',
        nav: ['Dashboard', 'Leads', 'Contracts', 'Staff directory', 'Arrears'],
      },
      {
        email: seeded.manager,
        role: 'manager',
        heading: 'Manager dashboard',
        nav: [
          'Dashboard',
          'Leads',
          'Contracts',
          'Staff directory',
          'Arrears',
          'Outbox',
          'Settings',
        ],
      },
      {
        email: seeded.finance,
        role: 'finance',
        heading: 'Finance dashboard',
        nav: ['Dashboard', 'My profile', 'Arrears', 'Outbox'],
      },
    ];
    await Promise.all(
      expected.map(async (who) => {
        const { context, page } = await signedIn(who.email);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
          who.heading,
        );
        expect(await navLinks(page)).toEqual(who.nav);
        await page.screenshot({
          path: join(screenshots, `dashboard-${who.role}.png`),
          fullPage: true,
        });
        if (who.role === 'finance' || who.role === 'manager') {
          // The money overview: what is overdue, and the emails that need a person.
          await expect(
            page.getByRole('heading', { level: 2, name: 'Overdue' }).isVisible(),
          ).resolves.toBe(true);
          await expect(
            page.getByRole('heading', { level: 2, name: 'Emails that need a person' }).isVisible(),
          ).resolves.toBe(true);
        }
        if (who.role === 'supervisor') {
          // The same page on a phone: one column, nothing cut off.
          await page.setViewportSize({ width: 375, height: 800 });
          // A string: the test's TypeScript knows no DOM; the browser evaluates it.
          const overflow = await page.evaluate<number>(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          );
          expect(overflow).toBeLessThanOrEqual(0);
          await page.screenshot({
            path: join(screenshots, 'dashboard-supervisor-375.png'),
            fullPage: true,
          });
        }
        await signOut(page);
        await context.close();
      }),
    );
  });

  it('lets a supervisor assign a lead and its agent open it with its timeline', async () => {
    const supervisor = await signedIn(seeded.supervisorNorth);
    const { page } = supervisor;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Leads' })
      .click();
    await page.getByRole('searchbox', { name: 'Search' }).fill(word);
    await page.getByRole('button', { name: 'Show leads' }).click();
    await page.getByRole('link', { name: 'Petra Browser' }).click();
    await page.getByLabel('Agent').selectOption({ label: 'Alex Agent (team north)' });
    await page.getByRole('button', { name: 'Assign lead' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'Lead assigned to Alex Agent.',
    );
    await signOut(page);
    await supervisor.context.close();

    const agent = await signedIn(seeded.agentNorth);
    const dashboard = agent.page.getByRole('region', { name: 'First contacts due' });
    await dashboard.getByRole('link', { name: 'Petra Browser' }).click();
    const timeline = agent.page.getByRole('region', { name: 'Timeline' });
    await expect(timeline.textContent()).resolves.toMatch(
      /Lead received[\s\S]*Email "Thank you[\s\S]*Assigned to Alex Agent \(team north\)[\s\S]*Sam Supervisor/,
    );
    // Another agent's lead is answered like a missing one, inside the frame.
    const hidden = await agent.page.goto(`${cloud.gatewayUrl}/office/leads/${beasLead}`);
    expect(hidden?.status()).toBe(404);
    await expect(agent.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Not found',
    );
    // An agent may not edit the directory or the settings.
    for (const path of ['/office/staff/new', '/office/settings']) {
      const refused = await agent.page.goto(`${cloud.gatewayUrl}${path}`);
      expect(refused?.status()).toBe(403);
    }
    await agent.page.goto(`${cloud.gatewayUrl}/office`);
    await signOut(agent.page);
    await agent.context.close();
  });

  it('lets a manager edit the directory', async () => {
    const { context, page } = await signedIn(seeded.manager);
    await page.getByRole('link', { name: 'Staff directory' }).first().click();
    await page.getByRole('link', { name: 'Bea Agent' }).click();
    const capacity = page.getByLabel('Capacity');
    const next = String(Number(await capacity.inputValue()) + 1);
    await capacity.fill(next);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Changes saved.');
    await expect(page.getByLabel('Capacity').inputValue()).resolves.toBe(next);

    // A field left wrong is named next to the field, and nothing is saved.
    await page.getByLabel('Working day ends').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const field = page.getByLabel('Working day ends');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    await expect(
      page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).textContent(),
    ).resolves.toMatch(/HH:MM/);
    await signOut(page);
    await context.close();
  });
});
