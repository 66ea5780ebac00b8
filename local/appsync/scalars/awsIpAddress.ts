import { isIPv4, isIPv6 } from 'node:net';

// AppSync accepts IPv4 dotted quads and IPv6 without brackets, each with an optional CIDR suffix
// ("127.0.0.1/8"); the Amplify simulator wrongly rejects CIDR (docs/appsync-facts.md §7).
const PREFIX = /^(?:0|[1-9]\d{0,2})$/;

/** Whether a string is a valid AWSIPAddress: IPv4 or IPv6, optionally with a /prefix length. */
export function isAwsIpAddress(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  const prefix = slash === -1 ? undefined : value.slice(slash + 1);
  // Zone ids ("fe80::1%eth0") are not addresses a client can send; node accepts them, we do not.
  if (address.includes('%')) return false;
  const maxPrefix = isIPv4(address) ? 32 : isIPv6(address) ? 128 : -1;
  if (maxPrefix < 0) return false;
  return prefix === undefined || (PREFIX.test(prefix) && Number(prefix) <= maxPrefix);
}
