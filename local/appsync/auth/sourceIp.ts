import { headerValue } from './requestHeaders.ts';
import type { RequestHeaders } from './requestHeaders.ts';

/** ctx.identity.sourceIp: the x-forwarded-for addresses, then the TCP peer (docs/appsync-facts.md §4). */
export function sourceIpList(headers: RequestHeaders, peer: string): string[] {
  const forwarded = (headerValue(headers, 'x-forwarded-for') ?? '')
    .split(',')
    .map((ip) => ip.trim())
    .filter(Boolean);
  // Node reports IPv4 peers on dual-stack sockets as "::ffff:1.2.3.4"; AppSync shows plain IPv4,
  // and the mapped form is not a valid AWSIPAddress (aws-amplify/amplify-cli#8359).
  const plainPeer = peer.startsWith('::ffff:') && peer.includes('.') ? peer.slice(7) : peer;
  return plainPeer ? [...forwarded, plainPeer] : forwarded;
}
