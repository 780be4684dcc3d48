import { describe, expect, inject, it } from 'vitest';
import { seeded } from '../../support/office';
import { signInAs } from '../../support/staff-session';

/** The desk's own address sends people where they can go: sign-in, or the back office. */

const cloud = inject('localCloud');

describe('GET /', () => {
  it('sends a signed-out browser to the staff sign-in', async () => {
    const response = await fetch(`${cloud.gatewayUrl}/`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/auth/sign-in');
  });

  it('sends a signed-in browser to the back office, which opens', async () => {
    const session = await signInAs(cloud, seeded.agentNorth);
    const response = await session.fetch('/', { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/office');
    const office = await session.fetch('/office', { headers: { accept: 'text/html' } });
    expect(office.status).toBe(200);
  });
});
