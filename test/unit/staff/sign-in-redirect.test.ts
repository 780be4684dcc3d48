import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAttempt, encodeAttempt, safeNextPath } from '../../../functions/staff/sign-in/flow';

/** Where the browser goes after signing in: a path of the desk, or the dashboard. */

/** Anything, and mostly things that start like a path: `/` then any characters. */
const pathLike = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }).map((rest) => `/${rest}`),
  fc
    .array(fc.constantFrom('/', '\\', '\t', '\n', '%09', '%2F', 'evil.example', ':', 'x'), {
      maxLength: 8,
    })
    .map((parts) => `/${parts.join('')}`),
);

describe('the page after sign-in', () => {
  it('is the path asked for when it is a path of the desk', () => {
    expect(safeNextPath('/office/leads?status=new&owner=me')).toBe(
      '/office/leads?status=new&owner=me',
    );
    expect(safeNextPath('/office/contracts/01J0#timeline')).toBe('/office/contracts/01J0#timeline');
  });

  it('is the dashboard when nothing was asked for', () => {
    expect(safeNextPath(undefined)).toBe('/office');
    expect(safeNextPath('')).toBe('/office');
  });

  it.each([
    ['a tab the browser drops (/%09/evil.example/x)', '/\t/evil.example/x'],
    ['a newline (/%0A/x)', '/\n/x'],
    ['a carriage return', '/\r/evil.example'],
    ['a NUL', '/office\u0000'],
    ['a protocol-relative address', '//evil.example/x'],
    ['a backslash the browser reads as a slash', '/\\evil.example'],
    ['an address with a scheme', 'https://evil.example/'],
    ['a scheme without slashes', 'javascript:alert(1)'],
    ['a relative path', 'office'],
    ['an encoded protocol-relative address', '/%2F/evil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['an encoded tab', '/%09/evil.example'],
    ['an encoding that does not decode', '/office/%E0%A4%A'],
  ])('is the dashboard for %s', (_name, next) => {
    expect(safeNextPath(next)).toBe('/office');
  });

  it('never leaves the site and never puts a control character in the Location header', () => {
    fc.assert(
      fc.property(pathLike, (next) => {
        const path = safeNextPath(next);
        expect(new URL(path, 'https://desk.example').origin).toBe('https://desk.example');
        expect(path.startsWith('/')).toBe(true);
        expect(path.startsWith('//')).toBe(false);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
        expect(path).not.toMatch(/[\u0000-\u001f\u007f\\]/);
      }),
    );
  });

  it('is checked again when the sign-in cookie comes back', () => {
    const forged = encodeAttempt({ state: 's', verifier: 'v', next: '/\t/evil.example/x' });
    expect(decodeAttempt(forged)?.next).toBe('/office');
  });
});
