import { isIP } from 'node:net';

/** Fastify's `trustProxy`, in the forms BRIGADE_TRUST_PROXY takes. */
export type TrustProxy = boolean | string[];

/** Names proxy-addr (Fastify's resolver) knows for the private and loopback ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * BRIGADE_TRUST_PROXY: whose X-Forwarded-For to believe. The header is whatever the client sent unless
 * a proxy we run overwrote it, so by default (unset, `false`) it is ignored and the client is the
 * connection's peer. Behind a load balancer set the balancer's addresses or ranges (`10.0.0.0/8,
 * 192.168.1.5`, or `loopback`, `linklocal`, `uniquelocal`), so rate limits and logs see each client
 * rather than one proxy; `true` trusts any peer, for a server no client can reach but through the
 * proxy. A number of hops is not offered: it cannot tell a proxy from a client that sends the header
 * itself (Fastify 5 refuses it for that reason).
 */
export function parseTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (bad.length > 0) {
    problems.push(
      `BRIGADE_TRUST_PROXY must be true, false, or comma-separated IP addresses and CIDR ranges (not: ${bad.join(', ')})`,
    );
    return false;
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}
