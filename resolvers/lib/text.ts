// Format checks for user-supplied text, shared by resolvers and Lambda functions. No regex
// literals (APPSYNC_JS rejects them), so each check walks characters.

const DIGITS = '0123456789';
const WHITESPACE = ' \t\n\r\f\v';

/** True when the string has no whitespace or control characters anywhere. */
function hasNoSpaces(s: string): boolean {
  return s.split('').every((c) => WHITESPACE.indexOf(c) < 0 && c >= ' ');
}

/**
 * True for an absolute http(s) URL with a host. Anything else (javascript:, data:, relative
 * paths, protocol-relative) is refused, so a stored link can never run script in a browser.
 */
export function isHttpUrl(value: string, maxLength: number): boolean {
  if (value.length > maxLength || !hasNoSpaces(value)) {
    return false;
  }
  const lower = value.toLowerCase();
  const rest = lower.startsWith('https://') ? value.slice(8) : lower.startsWith('http://') ? value.slice(7) : null;
  if (rest === null) {
    return false;
  }
  const host = rest.split('/')[0].split('?')[0].split('#')[0];
  const hostname = host.split('@').length > 1 ? '' : host.split(':')[0];
  return hostname.length > 0 && !hostname.startsWith('.') && !hostname.endsWith('.');
}

/** True for a plausible email address: one @, a local part, and a dotted domain. */
export function isEmail(value: string, maxLength: number): boolean {
  if (value.length > maxLength || !hasNoSpaces(value)) {
    return false;
  }
  const parts = value.split('@');
  if (parts.length !== 2 || parts[0].length === 0) {
    return false;
  }
  const labels = parts[1].split('.');
  return labels.length >= 2 && labels.every((l) => l.length > 0);
}

/** True for a phone number: an optional leading +, digits, spaces, dashes, dots, brackets; 7–15 digits. */
export function isPhone(value: string, maxLength: number): boolean {
  if (value.length === 0 || value.length > maxLength) {
    return false;
  }
  const body = value.startsWith('+') ? value.slice(1) : value;
  const allowed = body.split('').every((c) => DIGITS.indexOf(c) >= 0 || ' -.()'.indexOf(c) >= 0);
  const digits = body.split('').filter((c) => DIGITS.indexOf(c) >= 0).length;
  return allowed && digits >= 7 && digits <= 15;
}

/** The number a run of decimal digits spells (Number() is not on APPSYNC_JS's supported list). */
function digitsValue(digits: string): number {
  return digits.split('').reduce((acc, c) => acc * 10 + DIGITS.indexOf(c), 0);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value.charAt(4) !== '-' || value.charAt(7) !== '-') {
    return false;
  }
  const digitsOnly = value.split('').every((c, i) => i === 4 || i === 7 || DIGITS.indexOf(c) >= 0);
  if (!digitsOnly) {
    return false;
  }
  const year = digitsValue(value.slice(0, 4));
  const month = digitsValue(value.slice(5, 7));
  const day = digitsValue(value.slice(8, 10));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= monthDays[month - 1];
}

/** True for an identifier a client may choose: 1..max of letters, digits, "-" and "_". */
export function isSafeId(value: string, max: number): boolean {
  const ok = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';
  return value.length > 0 && value.length <= max && value.split('').every((c) => ok.indexOf(c) >= 0);
}
