import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { cloudNow, uniqueAddress, waitForEmailsTo } from '../../support/local-cloud-clients';

/**
 * An operator rotates the lead form's key on the running local cloud (`npm run signing-keys`):
 * forms served afterwards name the new key, and a form served before still goes through.
 */

const cloud = inject('localCloud');
const run = promisify(execFile);

async function formToken(): Promise<string> {
  const html = await (await fetch(`${cloud.gatewayUrl}/forms/lead`)).text();
  return /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

const keyIdOf = (token: string) => /^v2\.([A-Za-z0-9_-]+)\./.exec(token)?.[1];

describe('rotating the key of the lead form', () => {
  it('signs new forms with the new key and still takes a form served before', async () => {
    const before = await formToken();
    expect(keyIdOf(before)).toBeDefined();

    const { stdout } = await run('npx', ['tsx', 'infra/cli/signing-keys.ts', 'rotate', 'forms'], {
      env: { ...process.env, DESK_LOCAL_READY: JSON.stringify(cloud) },
      timeout: 60_000,
    });
    const added = /^forms: new key (\S+) signs from (\S+);/m.exec(stdout);
    expect(added, stdout).not.toBeNull();
    expect(stdout).toMatch(/the key it replaces verifies for 2 more days/);
    expect(stdout).not.toMatch(/key":/);

    // Until its start the old key still signs; then (the local clock moved on) the new one.
    expect(keyIdOf(await formToken())).toBe(keyIdOf(before));
    const wait = Date.parse(added?.[2] ?? '') - (await cloudNow(cloud)).getTime() + 1000;
    const moved = await fetch(`${cloud.consoleUrl}/clock/advance`, {
      method: 'POST',
      body: JSON.stringify({ milliseconds: wait }),
    });
    expect(moved.status).toBe(200);
    expect(keyIdOf(await formToken())).toBe(added?.[1]);

    // The form served before the rotation is still a form of the desk.
    const email = uniqueAddress('rotation');
    const posted = await fetch(`${cloud.gatewayUrl}/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Rotation Tester',
        email,
        country: 'DE',
        language: 'en',
        interest: 'advertising',
        formToken: before,
        formLang: 'en',
        website: '',
      }),
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toMatch(/received=1$/);
    await waitForEmailsTo(cloud, email);
  });
});
