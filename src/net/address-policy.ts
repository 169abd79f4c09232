// Which IP addresses a URL fetch may connect to: public unicast only (OWASP SSRF prevention).
import ipaddr from 'ipaddr.js';

/** The verdict on one address; `range` names why a blocked one is blocked (for logs and errors). */
export type AddressVerdict = { allowed: true } | { allowed: false; range: string };

/** IPv6 ranges that carry an IPv4 address, and where in the 16 bytes it sits. */
const EMBEDDED_V4: Readonly<Record<string, { from: number; label: string }>> = {
  ipv4Mapped: { from: 12, label: 'IPv4-mapped' }, // ::ffff:a.b.c.d
  rfc6145: { from: 12, label: 'IPv4-translated' }, // ::ffff:0:a.b.c.d
  '6to4': { from: 2, label: '6to4' }, // 2002:AABB:CCDD::/48
};

const NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');

/**
 * Classifies an address (as `dns.lookup` or a URL's host gives it) with ipaddr.js's range tables.
 * Only ranges ipaddr.js calls `unicast` are allowed: loopback, 0.0.0.0/8, RFC 1918, CGNAT
 * 100.64/10, link-local 169.254/16 (cloud metadata), multicast, broadcast, reserved and test
 * ranges, `::`, `::1`, fc00::/7, fe80::/10, Teredo, NAT64 local-use and the rest are blocked.
 * IPv6 forms that embed an IPv4 address (mapped, translated, IPv4-compatible, NAT64
 * 64:ff9b::/96, 6to4) get the verdict of the address they embed. Anything unparsable is blocked.
 *
 * @example classifyAddress('::ffff:7f00:1') // { allowed: false, range: 'IPv4-mapped loopback' }
 */
export function classifyAddress(text: string): AddressVerdict {
  if (!ipaddr.isValid(text)) return { allowed: false, range: 'not an IP address' };
  const address = ipaddr.parse(text);
  if (address.kind() === 'ipv4') return classifyV4(address as ipaddr.IPv4);
  return classifyV6(address as ipaddr.IPv6);
}

function classifyV4(address: ipaddr.IPv4): AddressVerdict {
  const range = address.range();
  return range === 'unicast' ? { allowed: true } : { allowed: false, range };
}

function classifyV6(address: ipaddr.IPv6): AddressVerdict {
  const range = address.range();
  const bytes = address.toByteArray();
  const embeddedAt = (from: number, label: string): AddressVerdict => {
    const inner = classifyV4(new ipaddr.IPv4(bytes.slice(from, from + 4)));
    return inner.allowed ? inner : { allowed: false, range: `${label} ${inner.range}` };
  };
  const embedded = EMBEDDED_V4[range];
  if (embedded) return embeddedAt(embedded.from, embedded.label);
  if (range === 'rfc6052') {
    // 64:ff9b::/96 is the well-known NAT64 prefix; 64:ff9b:1::/48 is for local use (RFC 8215).
    return address.match(NAT64)
      ? embeddedAt(12, 'NAT64')
      : { allowed: false, range: 'NAT64 local-use' };
  }
  // ipaddr.js has no range for the deprecated IPv4-compatible ::a.b.c.d (`::` and `::1` have theirs).
  if (range === 'unicast' && address.match(IPV4_COMPATIBLE))
    return embeddedAt(12, 'IPv4-compatible');
  return range === 'unicast' ? { allowed: true } : { allowed: false, range };
}
