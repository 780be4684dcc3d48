import { createHmac } from 'node:crypto';
import {
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { checkCsrf, csrfToken } from '../../../functions/shared/http/csrf';
import { signFormToken, verifyFormToken } from '../../../functions/shared/rules/form-token';
import { createSignedLink, verifySignedLink } from '../../../functions/shared/signed-link';
import {
  type StoredSigningKeys,
  signingKeyCacheMs,
  signingKeyReader,
  signingKeysAt,
  storedSigningKeys,
} from '../../../functions/shared/signing-key';

/**
 * The keys that sign links, form tokens and CSRF tokens: one set per purpose, a key id in every
 * token, the previous key still accepted, and the tokens signed before key ids existed too.
 */

const plainSecret = 'the-secret-as-first-deployed-0123456789';
const now = new Date('2026-05-01T10:00:00Z');
const inAWeek = new Date('2026-05-08T10:00:00Z');
const claims = {
  purpose: 'quote-acceptance',
  subject: 'Q1',
  expiresAt: inAWeek,
  locale: 'en' as const,
};
const nonce = 'n0nce-of-the-form_123456';
const session = (cookie: string) => ({ headers: { cookie: `desk_session=${cookie}` } });

const hmac = (key: string, text: string) =>
  createHmac('sha256', key).update(text).digest('base64url');

/** Tokens exactly as the desk signed them before key ids: the whole secret was the key. */
const before = {
  link() {
    const payload = { i: 'old-link', p: claims.purpose, s: 'Q1', e: inAWeek.getTime(), l: 'en' };
    const body = `v1.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${body}.${hmac(plainSecret, body)}`;
  },
  form() {
    const body = `v1.${nonce}.${now.getTime()}`;
    return `${body}.${hmac(plainSecret, body)}`;
  },
  csrf: (cookie: string) => hmac(plainSecret, `csrf:${cookie}`),
};

const ring = (keys: Partial<StoredSigningKeys>): StoredSigningKeys => ({
  links: [{ id: 'l1', key: 'links-key-one-0123456789' }],
  forms: [{ id: 'f1', key: 'forms-key-one-0123456789' }],
  csrf: [{ id: 'c1', key: 'csrf-key-one-01234567890' }],
  ...keys,
});

describe('a key per purpose', () => {
  const keys = signingKeysAt(storedSigningKeys(plainSecret), now);

  it('gives links, form tokens and CSRF tokens different keys, even from one plain secret', () => {
    const [links, forms, csrf] = [keys.links, keys.forms, keys.csrf].map((k) =>
      k.signing.key.toString('hex'),
    );
    expect(new Set([links, forms, csrf, Buffer.from(plainSecret).toString('hex')]).size).toBe(4);
  });

  it('so a signature made for one purpose is refused for another', () => {
    // The same text signed with the forms' key does not pass as a link.
    const { token } = createSignedLink(claims, keys);
    const [version, keyId, payload] = token.split('.');
    const body = `${version}.${keyId}.${payload}`;
    const withFormsKey = `${body}.${createHmac('sha256', keys.forms.signing.key).update(body).digest('base64url')}`;
    expect(verifySignedLink(withFormsKey, keys, now).status).toBe('tampered');
    expect(verifySignedLink(token, keys, now).status).toBe('valid');

    const cookie = 'a.session.token';
    const csrf = csrfToken(cookie, keys);
    const [id] = csrf.split('.');
    const withLinksKey = `${id}.${createHmac('sha256', keys.links.signing.key).update(`csrf:${cookie}`).digest('base64url')}`;
    expect(() => checkCsrf(session(cookie), { csrf: withLinksKey }, keys)).toThrow();
    expect(() => checkCsrf(session(cookie), { csrf }, keys)).not.toThrow();
  });

  it('puts the key id in every token', () => {
    expect(createSignedLink(claims, keys).token).toMatch(/^v2\.0\./);
    expect(signFormToken(keys, nonce, now)).toMatch(/^v2\.0\./);
    expect(csrfToken('cookie', keys)).toMatch(/^0\./);
  });
});

describe('tokens signed before key ids existed', () => {
  const keys = signingKeysAt(storedSigningKeys(plainSecret), now);

  it('stay valid until they expire', () => {
    expect(verifySignedLink(before.link(), keys, now)).toMatchObject({
      status: 'valid',
      link: { linkId: 'old-link', subject: 'Q1' },
    });
    expect(verifySignedLink(before.link(), keys, inAWeek).status).toBe('expired');
    expect(verifyFormToken(keys, before.form(), now)).toMatchObject({ valid: true, nonce });
    expect(verifyFormToken(keys, before.form(), inAWeek)).toMatchObject({ reason: 'expired' });
    const cookie = 'a.session.token';
    expect(() => checkCsrf(session(cookie), { csrf: before.csrf(cookie) }, keys)).not.toThrow();
  });

  it('stay valid after the secret became a key ring that keeps the old string', () => {
    const rotated = signingKeysAt(
      ring({
        links: [
          { id: 'l1', key: 'links-key-one-0123456789' },
          { id: 'legacy', key: plainSecret },
        ],
      }),
      now,
    );
    expect(verifySignedLink(before.link(), rotated, now).status).toBe('valid');
    // Forms kept no legacy key: their old tokens are refused, not mistaken.
    expect(verifyFormToken(rotated, before.form(), now)).toMatchObject({ valid: false });
  });

  it('cannot borrow the legacy key under a key id', () => {
    const [, payload, signature] = before.link().split('.');
    expect(verifySignedLink(`v2.legacy.${payload}.${signature}`, keys, now).status).toBe(
      'tampered',
    );
  });
});

describe('rotation', () => {
  const soon = new Date(now.getTime() + 10 * 60_000);
  const stored = ring({
    links: [
      { id: 'l1', key: 'links-key-one-0123456789' },
      { id: 'l2', key: 'links-key-two-0123456789', from: soon.toISOString() },
    ],
  });

  it('signs with a new key only from its start, so every function knows it first', () => {
    expect(createSignedLink(claims, signingKeysAt(stored, now)).token).toMatch(/^v2\.l1\./);
    expect(createSignedLink(claims, signingKeysAt(stored, soon)).token).toMatch(/^v2\.l2\./);
  });

  it('keeps accepting what the previous key signed, until those links expire', () => {
    const { token } = createSignedLink(claims, signingKeysAt(stored, now));
    expect(verifySignedLink(token, signingKeysAt(stored, soon), soon).status).toBe('valid');
    expect(verifySignedLink(token, signingKeysAt(stored, inAWeek), inAWeek).status).toBe('expired');
  });

  it('refuses a token once its key is gone from the ring, or whose key id is unknown', () => {
    const { token } = createSignedLink(claims, signingKeysAt(stored, now));
    const dropped = signingKeysAt(ring({ links: [stored.links[1] as never] }), soon);
    expect(verifySignedLink(token, dropped, soon).status).toBe('tampered');
    const unknown = token.replace(/^v2\.l1\./, 'v2.l9.');
    expect(verifySignedLink(unknown, signingKeysAt(stored, soon), soon).status).toBe('tampered');
  });
});

describe('the secret', () => {
  it.each([
    ['too short a plain key', 'short'],
    ['JSON that does not parse', '{"links": '],
    ['a purpose without keys', JSON.stringify({ links: [], forms: [], csrf: [] })],
    [
      'a key id that cannot travel in a token',
      JSON.stringify(ring({ links: [{ id: 'a.b', key: 'k'.repeat(20) }] })),
    ],
  ])('is refused when it is %s', (_name, secret) => {
    expect(() => storedSigningKeys(secret)).toThrow();
  });

  it('must have a key that already signs', () => {
    const later = ring({ csrf: [{ id: 'c1', key: 'c'.repeat(20), from: inAWeek.toISOString() }] });
    expect(() => signingKeysAt(later, now)).toThrow(/no key that signs/);
  });

  it('is read again after a few minutes, and a failed read keeps the keys read before', async () => {
    let clock = now;
    const answers: (string | Error)[] = [
      plainSecret,
      new Error('throttled'),
      JSON.stringify(ring({})),
    ];
    let reads = 0;
    const client = {
      async send(command: GetSecretValueCommand): Promise<Partial<GetSecretValueCommandOutput>> {
        expect(command).toBeInstanceOf(GetSecretValueCommand);
        const answer = answers[Math.min(reads++, answers.length - 1)];
        if (answer instanceof Error) throw answer;
        return { SecretString: answer };
      },
    } as unknown as SecretsManagerClient;
    const read = signingKeyReader('desk/signing-key', client, () => clock);

    expect((await read()).links.signing.id).toBe('0');
    expect((await read()).links.signing.id).toBe('0');
    expect(reads).toBe(1);
    clock = new Date(now.getTime() + signingKeyCacheMs);
    expect((await read()).links.signing.id).toBe('0');
    expect(reads).toBe(2);
    clock = new Date(clock.getTime() + 30_000);
    expect((await read()).links.signing.id).toBe('l1');
    expect(reads).toBe(3);
  });
});
