import { describe, expect, it } from 'vitest';
import { publicUrl } from '../../../functions/shared/public-url';

describe('publicUrl', () => {
  it('puts the desk base URL in front of a path, with one slash between', () => {
    expect(publicUrl('/leads/review/x', 'https://desk.example.com')).toBe(
      'https://desk.example.com/leads/review/x',
    );
    expect(publicUrl('/leads/review/x', 'https://abc.execute-api.eu-west-1.amazonaws.com/')).toBe(
      'https://abc.execute-api.eu-west-1.amazonaws.com/leads/review/x',
    );
    expect(publicUrl('office', 'http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/office');
  });

  it('keeps a base path (a desk behind a proxy prefix)', () => {
    expect(publicUrl('/office', 'https://example.com/desk/')).toBe(
      'https://example.com/desk/office',
    );
  });

  it('returns the path itself when no base URL is set', () => {
    expect(publicUrl('/office', '')).toBe('/office');
  });
});
