import { describe, expect, it } from 'vitest';
import { isEmail, isHttpUrl, isIsoDate, isPhone } from '../../../resolvers/lib/text.ts';

describe('URL check', () => {
  it.each(['https://example.com', 'http://example.com/a?b=c#d', 'https://sub.example.co.uk:8443/path'])(
    'accepts %s',
    (url) => {
      expect(isHttpUrl(url, 2048)).toBe(true);
    },
  );

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,hi',
    'ftp://example.com',
    '//example.com',
    '/relative',
    'https://',
    'https:// example.com',
    'https://user@evil.com',
    'https://.com',
    'example.com',
  ])('refuses %s', (url) => {
    expect(isHttpUrl(url, 2048)).toBe(false);
  });

  it('refuses URLs over the length bound', () => {
    expect(isHttpUrl(`https://example.com/${'a'.repeat(100)}`, 50)).toBe(false);
  });
});

describe('contact checks', () => {
  it('accepts ordinary emails and refuses malformed ones', () => {
    expect(isEmail('ada@example.com', 254)).toBe(true);
    expect(isEmail('ada@example', 254)).toBe(false);
    expect(isEmail('a@b@example.com', 254)).toBe(false);
    expect(isEmail('ada lovelace@example.com', 254)).toBe(false);
  });

  it('accepts international and local phone formats, refuses letters and short numbers', () => {
    expect(isPhone('+1 555 764 4377', 32)).toBe(true);
    expect(isPhone('(555) 764-4377', 32)).toBe(true);
    expect(isPhone('555-CALL-NOW', 32)).toBe(false);
    expect(isPhone('12345', 32)).toBe(false);
  });

  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-1-01')).toBe(false);
  });
});
