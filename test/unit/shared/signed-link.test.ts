import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type LinkProblem,
  signedLinkPageText,
  signedLinkProblemPage,
} from '../../../functions/shared/http/signed-link-pages';
import { locales } from '../../../functions/shared/locales';
import { createSignedLink, verifySignedLink } from '../../../functions/shared/signed-link';

const key = 'a-signing-key-of-enough-length';
const now = new Date('2026-05-01T10:00:00Z');
const claims = {
  purpose: 'quote-acceptance',
  subject: 'QUOTE#01JABC',
  expiresAt: new Date('2026-05-08T10:00:00Z'),
  locale: 'ko' as const,
};

describe('signed links', () => {
  it('carry purpose, subject, expiry and language, and verify with the key', () => {
    const { token, linkId } = createSignedLink(claims, key);
    expect(token).toMatch(/^v2\.[A-Za-z0-9_-]{1,16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const check = verifySignedLink(token, key, now, 'quote-acceptance');
    expect(check).toEqual({ status: 'valid', link: { ...claims, linkId } });
  });

  it('are unique per link', () => {
    expect(createSignedLink(claims, key).linkId).not.toBe(createSignedLink(claims, key).linkId);
  });

  it('expire at their expiry time', () => {
    const { token } = createSignedLink(claims, key);
    expect(verifySignedLink(token, key, new Date('2026-05-08T09:59:59Z')).status).toBe('valid');
    const late = verifySignedLink(token, key, new Date('2026-05-08T10:00:00Z'));
    expect(late.status).toBe('expired');
  });

  it('refuse another key, another purpose and any altered character', () => {
    const { token } = createSignedLink(claims, key);
    expect(verifySignedLink(token, 'another-key-of-enough-length', now)).toEqual({
      status: 'tampered',
      locale: 'ko',
    });
    expect(verifySignedLink(token, key, now, 'contract-signature').status).toBe('tampered');
    expect(verifySignedLink(token.slice(0, -5), key, now)).toEqual({
      status: 'tampered',
      locale: 'ko',
    });
    expect(verifySignedLink('', key, now)).toEqual({ status: 'tampered' });
    expect(verifySignedLink('v1.e30.abc', key, now)).toEqual({ status: 'tampered' });
    fc.assert(
      fc.property(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
        (at, c) => {
          fc.pre(token[at] !== c && token[at] !== '.');
          const altered = token.slice(0, at) + c + token.slice(at + 1);
          expect(verifySignedLink(altered, key, now).status).toBe('tampered');
        },
      ),
    );
  });

  it('cannot be re-dated: a longer expiry breaks the signature', () => {
    const { token } = createSignedLink(claims, key);
    const [v, keyId, payload, signature] = token.split('.');
    const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    decoded.e += 365 * 24 * 3600 * 1000;
    const forged = `${v}.${keyId}.${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
    expect(verifySignedLink(forged, key, new Date('2026-06-01T00:00:00Z')).status).toBe('tampered');
  });

  it('refuse bad claims when made', () => {
    expect(() => createSignedLink({ ...claims, purpose: 'Quote Acceptance' }, key)).toThrow(
      RangeError,
    );
    expect(() => createSignedLink({ ...claims, subject: '' }, key)).toThrow(RangeError);
    expect(() => createSignedLink({ ...claims, expiresAt: new Date('x') }, key)).toThrow(
      RangeError,
    );
  });
});

describe('signed link pages', () => {
  const problems: LinkProblem[] = ['tampered', 'expired', 'already-used'];

  it('exist for every problem in every language, each text filled in and translated', () => {
    for (const locale of locales) {
      const text = signedLinkPageText[locale];
      expect(text, locale).toBeDefined();
      expect(text.whatNext.trim(), `${locale} whatNext`).not.toBe('');
      for (const problem of problems) {
        expect(text.problems[problem]?.title?.trim(), `${locale} ${problem} title`).toBeTruthy();
        expect(text.problems[problem]?.body?.trim(), `${locale} ${problem} body`).toBeTruthy();
        if (locale !== 'en') {
          // A text left in English is a missing translation.
          expect(text.problems[problem].title).not.toBe(
            signedLinkPageText.en.problems[problem].title,
          );
          expect(text.problems[problem].body).not.toBe(
            signedLinkPageText.en.problems[problem].body,
          );
        }
      }
    }
  });

  it('answer in the link’s language with a status that says what happened', () => {
    const expired = signedLinkProblemPage('expired', 'el');
    expect(expired.statusCode).toBe(410);
    expect(expired.headers?.['Content-Language']).toBe('el');
    expect(expired.body).toContain('<html lang="el">');
    expect(expired.body).toContain('Ο σύνδεσμος έχει λήξει');
    expect(signedLinkProblemPage('tampered', 'zh').statusCode).toBe(400);
    const used = signedLinkProblemPage('already-used', 'ko');
    expect(used.statusCode).toBe(409);
    expect(used.body).toContain('이미 사용된 링크입니다');
  });
});
