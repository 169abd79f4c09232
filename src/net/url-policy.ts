// Which URLs may be fetched, judged from the URL alone and then from the addresses its host resolved to.
import ipaddr from 'ipaddr.js';
import { classifyAddress } from './address-policy.js';

/** A `FETCH_ALLOW_HOSTS` entry: a host trusted to be private, on one port or on the allowed ports. */
export interface AllowedHost {
  /** Lower-case, punycode, without a trailing dot; IPv6 without brackets. */
  host: string;
  port?: number;
}

/** What the operator allows: see `FETCH_ALLOW_HOSTS` and `FETCH_ALLOWED_PORTS` in `.env.example`. */
export interface UrlPolicy {
  allowHosts: readonly AllowedHost[];
  allowedPorts: readonly number[];
}

/** A URL that passed `checkUrl`: where to connect, and whether the operator trusts the host. */
export interface FetchTarget {
  /** The URL to request, without its fragment (never sent to a server). */
  url: URL;
  /** The host as `dns.lookup` takes it (trailing dot kept); IPv6 without brackets. */
  hostname: string;
  port: number;
  /** The host's IP when the URL names one, so nothing is resolved. */
  literalIp?: string;
  /** Matched a `FETCH_ALLOW_HOSTS` entry: its addresses are not range-checked. */
  allowListed: boolean;
}

export type UrlCheck = { ok: true; target: FetchTarget } | { ok: false; reason: string };
export type AddressCheck = { ok: true } | { ok: false; reason: string };

/** Longer URLs are refused: no document server needs them, and they are a classic parser-abuse vector. */
export const MAX_URL_LENGTH = 4096;
const MAX_HOST_LENGTH = 253;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const DEFAULT_PORT: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/**
 * Judges a URL without touching the network: http or https only, no credentials, a port from the
 * allowed list (or the one an allow-list entry names), a well-formed host name, no `localhost`,
 * and no IP literal in a blocked range unless allow-listed. Reasons never quote the URL.
 *
 * @example checkUrl('http://2130706433/', policy) // { ok: false, reason: '… blocked range (loopback)' }
 */
export function checkUrl(raw: string | URL, policy: UrlPolicy): UrlCheck {
  if (typeof raw === 'string' && raw.length > MAX_URL_LENGTH) {
    return refuse(`it is longer than ${MAX_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    // The WHATWG parser canonicalises hosts: 2130706433, 0177.0.0.1 and 0x7f.1 all become 127.0.0.1.
    url = new URL(raw);
  } catch {
    return refuse('it is not a valid URL');
  }
  const defaultPort = DEFAULT_PORT[url.protocol];
  if (defaultPort === undefined) return refuse('only http and https URLs are allowed');
  if (url.username || url.password) return refuse('URLs with credentials are not allowed');
  const port = url.port ? Number(url.port) : defaultPort;
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const host = hostname.replace(/\.$/, '');
  const entry = policy.allowHosts.find(
    (a) =>
      a.host === host &&
      (a.port === undefined ? policy.allowedPorts.includes(port) : a.port === port),
  );
  if (!entry && !policy.allowedPorts.includes(port)) return refuse(`port ${port} is not allowed`);
  url.hash = '';

  const literalIp =
    ipaddr.IPv6.isValid(hostname) || ipaddr.IPv4.isValidFourPartDecimal(hostname)
      ? hostname
      : undefined;
  if (literalIp) {
    const verdict = classifyAddress(literalIp);
    if (!verdict.allowed && !entry)
      return refuse(`the address is in a blocked range (${verdict.range})`);
    return { ok: true, target: { url, hostname, port, literalIp, allowListed: Boolean(entry) } };
  }
  const reason = hostNameProblem(host);
  if (reason) return refuse(reason);
  if (!entry && (host === 'localhost' || host.endsWith('.localhost'))) {
    return refuse('localhost names are not allowed'); // RFC 6761: they always mean this machine
  }
  return { ok: true, target: { url, hostname, port, allowListed: Boolean(entry) } };
}

/** Why a (canonical, lower-case, punycode) DNS name is not one, or undefined when it is. */
function hostNameProblem(host: string): string | undefined {
  if (host.length === 0 || host.length > MAX_HOST_LENGTH) return 'the host name is not valid';
  const labels = host.split('.');
  if (!labels.every((label) => LABEL.test(label))) return 'the host name is not valid';
  // A last label of digits only would be an IPv4 address the URL parser did not accept as one.
  if (/^\d+$/.test(labels.at(-1) ?? '')) return 'the host name is not valid';
  return undefined;
}

/**
 * Judges the addresses a host resolved to: every one must be allowed, so an answer mixing a
 * public and a private address is refused (the client could connect to either). Allow-listed
 * targets skip the range check.
 */
export function checkAddresses(target: FetchTarget, addresses: readonly string[]): AddressCheck {
  if (addresses.length === 0) return refuse('the host name resolved to no address');
  if (target.allowListed) return { ok: true };
  for (const address of addresses) {
    const verdict = classifyAddress(address);
    if (!verdict.allowed) {
      return refuse(`the host name resolves to an address in a blocked range (${verdict.range})`);
    }
  }
  return { ok: true };
}

/**
 * Parses `FETCH_ALLOW_HOSTS`: comma-separated exact `host[:port]` entries (`[v6]:port` for IPv6).
 * Throws a message naming the bad entry; it is the operator's configuration, not a submitted URL.
 */
export function parseAllowHosts(value: string): AllowedHost[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(\[[^\]/@?#\s]+\]|[^:[\]/@?#\s]+)(?::(\d{1,5}))?$/.exec(entry);
      let url: URL | undefined;
      try {
        url = match ? new URL(`http://${match[1]}/`) : undefined;
      } catch {
        url = undefined;
      }
      const port = match?.[2] === undefined ? undefined : Number(match[2]);
      if (!url || (port !== undefined && (port < 1 || port > 65535))) {
        throw new Error(`"${entry}" is not a host or host:port`);
      }
      const host = (
        url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
      ).replace(/\.$/, '');
      return port === undefined ? { host } : { host, port };
    });
}

/** Parses `FETCH_ALLOWED_PORTS`: comma-separated port numbers. */
export function parsePorts(value: string): number[] {
  return value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const port = /^\d{1,5}$/.test(p) ? Number(p) : NaN;
      if (!(port >= 1 && port <= 65535)) throw new Error(`"${p}" is not a port number`);
      return port;
    });
}

/**
 * What logs may say about a URL: its scheme and host, never its path or query, which can carry
 * identifiers.
 *
 * @example logOrigin('https://docs.example/p/123?mrn=9') // 'https://docs.example'
 */
export function logOrigin(url: string | URL): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}`;
  } catch {
    return 'invalid-url';
  }
}
