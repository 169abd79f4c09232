// SSRF bypass attempts through the URL policy, the address classifier and a stubbed resolver: no network.
import { describe, expect, it } from 'vitest';
import { RedactifyError } from '../../src/errors.js';
import { classifyAddress } from '../../src/net/address-policy.js';
import { resolveTarget, type ResolvedAddress } from '../../src/net/safe-fetch.js';
import {
  checkUrl,
  logOrigin,
  parseAllowHosts,
  parsePorts,
  type UrlPolicy,
} from '../../src/net/url-policy.js';

const POLICY: UrlPolicy = { allowHosts: [], allowedPorts: [80, 443] };

/** A resolver that answers from a table and fails like getaddrinfo for any other name. */
function stubResolver(answers: Record<string, readonly string[] | NodeJS.ErrnoException>) {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname);
    const answer = answers[hostname.replace(/\.$/, '')]; // DNS: a trailing dot names the same host
    if (answer instanceof Error) throw answer;
    if (!answer)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, calls };
}

/**
 * What happens to a URL: refused at submit (`URL_NOT_ALLOWED`), refused by the worker before it
 * connects (the `RedactifyError` code), or `ALLOWED` (the worker would connect). Connects nowhere.
 */
async function attempt(
  url: string,
  answers: Record<string, readonly string[] | NodeJS.ErrnoException> = {},
  policy: UrlPolicy = POLICY,
): Promise<string> {
  const { resolve, calls } = stubResolver(answers);
  let atFetch: string;
  try {
    await resolveTarget(url, { policy, resolve });
    atFetch = 'ALLOWED';
  } catch (err) {
    if (!(err instanceof RedactifyError)) throw err;
    atFetch = err.code;
  }
  if (checkUrl(url, policy).ok) return atFetch;
  // Refused at submit: the worker, checking again (as for every redirect), refuses it unresolved.
  expect([atFetch, calls]).toEqual(['URL_BLOCKED', []]);
  return 'URL_NOT_ALLOWED';
}

const PUBLIC = ['93.184.215.14'];
const longLabel = 'a'.repeat(64);
const longHost = `${Array.from({ length: 5 }, () => 'b'.repeat(60)).join('.')}.example`;

// [what is tried, URL, resolver answers, expected code]
const BYPASSES: ReadonlyArray<
  [string, string, Record<string, readonly string[] | NodeJS.ErrnoException>, string]
> = [
  ['decimal IPv4', 'http://2130706433/', {}, 'URL_NOT_ALLOWED'],
  ['octal IPv4', 'http://0177.0.0.1/', {}, 'URL_NOT_ALLOWED'],
  ['hex IPv4, short form', 'http://0x7f.1/', {}, 'URL_NOT_ALLOWED'],
  ['hex IPv4, one number', 'http://0x7f000001/', {}, 'URL_NOT_ALLOWED'],
  ['shortened 127.1', 'http://127.1/', {}, 'URL_NOT_ALLOWED'],
  ['percent-encoded IPv4', 'http://%31%32%37.0.0.1/', {}, 'URL_NOT_ALLOWED'],
  ['full-width digits', 'http://①②⑦.0.0.1/', {}, 'URL_NOT_ALLOWED'],
  ['IPv4-mapped IPv6, dotted', 'http://[::ffff:127.0.0.1]/', {}, 'URL_NOT_ALLOWED'],
  ['IPv4-mapped IPv6, hex', 'http://[::ffff:7f00:1]/', {}, 'URL_NOT_ALLOWED'],
  ['IPv4-mapped IPv6, long form', 'http://[0:0:0:0:0:ffff:a9fe:a9fe]/', {}, 'URL_NOT_ALLOWED'],
  ['IPv4-compatible IPv6', 'http://[::127.0.0.1]/', {}, 'URL_NOT_ALLOWED'],
  ['NAT64 of the metadata address', 'http://[64:ff9b::a9fe:a9fe]/', {}, 'URL_NOT_ALLOWED'],
  ['NAT64 local-use prefix', 'http://[64:ff9b:1::a00:1]/', {}, 'URL_NOT_ALLOWED'],
  ['6to4 of the metadata address', 'http://[2002:a9fe:a9fe::]/', {}, 'URL_NOT_ALLOWED'],
  ['Teredo', 'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', {}, 'URL_NOT_ALLOWED'],
  ['0.0.0.0', 'http://0.0.0.0/', {}, 'URL_NOT_ALLOWED'],
  ['bare 0', 'http://0/', {}, 'URL_NOT_ALLOWED'],
  ['IPv6 unspecified', 'http://[::]/', {}, 'URL_NOT_ALLOWED'],
  ['IPv6 loopback', 'http://[::1]/', {}, 'URL_NOT_ALLOWED'],
  ['cloud metadata', 'http://169.254.169.254/latest/meta-data/', {}, 'URL_NOT_ALLOWED'],
  [
    'metadata name resolving to 169.254.169.254',
    'http://metadata.google.internal/computeMetadata/v1/',
    { 'metadata.google.internal': ['169.254.169.254'] },
    'URL_BLOCKED',
  ],
  ['CGNAT', 'http://100.64.0.1/', {}, 'URL_NOT_ALLOWED'],
  ['RFC 1918 192.168/16', 'http://192.168.0.1/', {}, 'URL_NOT_ALLOWED'],
  ['RFC 1918 10/8', 'http://10.0.0.1/', {}, 'URL_NOT_ALLOWED'],
  ['RFC 1918 172.16/12', 'http://172.16.0.1/', {}, 'URL_NOT_ALLOWED'],
  ['TEST-NET reserved', 'http://192.0.2.1/', {}, 'URL_NOT_ALLOWED'],
  ['unique local IPv6', 'http://[fd00::1]/', {}, 'URL_NOT_ALLOWED'],
  ['link-local IPv6 with zone id', 'http://[fe80::1%25eth0]/', {}, 'URL_NOT_ALLOWED'],
  [
    'name resolving to link-local IPv6 with zone id',
    'http://link.test/',
    { 'link.test': ['fe80::1%eth0'] },
    'URL_BLOCKED',
  ],
  ['multicast', 'http://224.0.0.1/', {}, 'URL_NOT_ALLOWED'],
  ['broadcast', 'http://255.255.255.255/', {}, 'URL_NOT_ALLOWED'],
  ['userinfo before a loopback host', 'http://allowed.test@127.0.0.1/', {}, 'URL_NOT_ALLOWED'],
  [
    'userinfo that looks like host:port',
    'http://127.0.0.1:80@allowed.test/',
    {},
    'URL_NOT_ALLOWED',
  ],
  ['fragment hiding the real host', 'http://127.0.0.1#@allowed.test', {}, 'URL_NOT_ALLOWED'],
  ['encoded @ in the host', 'http://allowed.test%40127.0.0.1/', {}, 'URL_NOT_ALLOWED'],
  ['backslashes', 'http:\\\\127.0.0.1\\', {}, 'URL_NOT_ALLOWED'],
  ['credentials to a public host', 'https://user:pass@docs.example/', {}, 'URL_NOT_ALLOWED'],
  ['host longer than 253 characters', `http://${longHost}/`, {}, 'URL_NOT_ALLOWED'],
  ['label longer than 63 characters', `http://${longLabel}.example/`, {}, 'URL_NOT_ALLOWED'],
  [
    'URL longer than 4096 characters',
    `https://docs.example/${'p'.repeat(4100)}`,
    {},
    'URL_NOT_ALLOWED',
  ],
  ['localhost with a trailing dot', 'http://localhost./', {}, 'URL_NOT_ALLOWED'],
  ['uppercase LOCALHOST', 'http://LOCALHOST/', {}, 'URL_NOT_ALLOWED'],
  ['a .localhost name', 'http://app.localhost/', {}, 'URL_NOT_ALLOWED'],
  ['host with characters DNS has not', 'http://exa$mple.com/', {}, 'URL_NOT_ALLOWED'],
  [
    'uppercase host resolving to loopback',
    'http://INTERNAL.Example/',
    { 'internal.example': ['127.0.0.1'] },
    'URL_BLOCKED',
  ],
  [
    'IDN host resolving to loopback',
    'http://bücher.example/',
    { 'xn--bcher-kva.example': ['127.0.0.1'] },
    'URL_BLOCKED',
  ],
  [
    'wildcard DNS naming loopback',
    'http://127.0.0.1.nip.io/',
    { '127.0.0.1.nip.io': ['127.0.0.1'] },
    'URL_BLOCKED',
  ],
  ['file:', 'file:///etc/passwd', {}, 'URL_NOT_ALLOWED'],
  ['gopher:', 'gopher://docs.example:70/_GET', {}, 'URL_NOT_ALLOWED'],
  ['ftp:', 'ftp://docs.example/scan.tiff', {}, 'URL_NOT_ALLOWED'],
  ['data:', 'data:image/png;base64,iVBORw0KGgo=', {}, 'URL_NOT_ALLOWED'],
  ['port outside the list', 'http://docs.example:8080/', {}, 'URL_NOT_ALLOWED'],
  ['SSH port over https', 'https://docs.example:22/', {}, 'URL_NOT_ALLOWED'],
  [
    'DNS answer mixing public and loopback',
    'http://mixed.test/',
    { 'mixed.test': ['93.184.215.14', '127.0.0.1'] },
    'URL_BLOCKED',
  ],
  [
    'DNS answer mixing public and private IPv6',
    'http://mixed6.test/',
    { 'mixed6.test': ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', 'fd12::1'] },
    'URL_BLOCKED',
  ],
  [
    'DNS answer with IPv4-mapped private',
    'http://mapped.test/',
    { 'mapped.test': ['::ffff:10.0.0.1'] },
    'URL_BLOCKED',
  ],
  ['empty DNS answer', 'http://empty.test/', { 'empty.test': [] }, 'URL_UNRESOLVED'],
  ['name that does not exist', 'http://nxdomain.test/', {}, 'URL_UNRESOLVED'],
  [
    'resolver failing for now',
    'http://flaky.test/',
    { 'flaky.test': Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' }) },
    'URL_UNAVAILABLE',
  ],
];

describe('SSRF bypass attempts', () => {
  it('has at least 30 of them', () => {
    expect(BYPASSES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(BYPASSES)('%s: %s (DNS %j) → %s', async (_what, url, answers, expected) => {
    expect(await attempt(url, answers)).toBe(expected);
  });

  it('never quotes the URL in a reason', () => {
    for (const [, url] of BYPASSES) {
      const check = checkUrl(url, POLICY);
      if (!check.ok)
        expect(check.reason).not.toMatch(/127\.0\.0\.1|169\.254|allowed\.test|example|etc/i);
    }
  });
});

describe('what is allowed', () => {
  it('allows public hosts on default ports, resolving exactly once, lower-cased', async () => {
    const { resolve, calls } = stubResolver({ 'docs.example.com': PUBLIC });
    const target = await resolveTarget('https://DOCS.Example.COM:443/a.tiff?x=1#frag', {
      policy: POLICY,
      resolve,
    });
    expect(calls).toEqual(['docs.example.com']);
    expect(target).toMatchObject({
      port: 443,
      allowListed: false,
      addresses: [{ address: PUBLIC[0] }],
    });
    expect(target.url.href).toBe('https://docs.example.com/a.tiff?x=1');
  });

  it('allows literal public addresses, NAT64 and 6to4 of public ones, without resolving', async () => {
    for (const url of [
      'http://93.184.215.14/',
      'http://[64:ff9b::808:808]/',
      'http://[2002:808:808::1]/',
    ]) {
      const { resolve, calls } = stubResolver({});
      await expect(resolveTarget(url, { policy: POLICY, resolve })).resolves.toMatchObject({
        allowListed: false,
      });
      expect(calls).toEqual([]);
    }
  });

  it('lets FETCH_ALLOW_HOSTS reach a private address, exactly as listed', async () => {
    const policy: UrlPolicy = {
      allowHosts: parseAllowHosts('docs.hospital.internal, 10.1.2.3:8443, [::1]:9000'),
      allowedPorts: [443],
    };
    const answers = { 'docs.hospital.internal': ['10.20.30.40'] };
    expect(await attempt('https://docs.hospital.internal/scan.tiff', answers, policy)).toBe(
      'ALLOWED',
    );
    expect(await attempt('https://DOCS.hospital.internal./scan.tiff', answers, policy)).toBe(
      'ALLOWED',
    );
    // An entry without a port covers the allowed ports only.
    expect(await attempt('https://docs.hospital.internal:8443/', answers, policy)).toBe(
      'URL_NOT_ALLOWED',
    );
    expect(await attempt('https://10.1.2.3:8443/', {}, policy)).toBe('ALLOWED');
    expect(await attempt('https://10.1.2.3/', {}, policy)).toBe('URL_NOT_ALLOWED');
    expect(await attempt('http://[::1]:9000/', {}, policy)).toBe('ALLOWED');
    expect(await attempt('http://[::1]:9001/', {}, policy)).toBe('URL_NOT_ALLOWED');
    // Another spelling of an allowed address is another host.
    expect(await attempt('http://[::ffff:10.1.2.3]:8443/', {}, policy)).toBe('URL_NOT_ALLOWED');
    // A sibling name is not covered, even when it resolves to the same private address.
    expect(
      await attempt(
        'https://evil.hospital.internal/',
        { 'evil.hospital.internal': ['10.20.30.40'] },
        policy,
      ),
    ).toBe('URL_BLOCKED');
  });
});

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['0.1.2.3', 'unspecified'],
    ['10.255.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['169.254.0.1', 'linkLocal'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback'],
    ['::ffff:0:a9fe:a9fe', 'IPv4-translated linkLocal'],
    ['::7f00:1', 'IPv4-compatible loopback'],
    ['64:ff9b::a00:1', 'NAT64 private'],
    ['2002:c0a8:1::', '6to4 private'],
    ['2001:db8::1', 'reserved'],
    ['not-an-ip', 'not an IP address'],
  ])('blocks %s (%s)', (address, range) => {
    expect(classifyAddress(address)).toEqual({ allowed: false, range });
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:808:808', '64:ff9b::808:808'])(
    'allows public %s',
    (address) => {
      expect(classifyAddress(address)).toEqual({ allowed: true });
    },
  );
});

describe('configuration parsing', () => {
  it('reads allow-list entries and refuses anything but host[:port]', () => {
    expect(parseAllowHosts(' A.Example ,127.0.0.1:8080,[::1]:9000,')).toEqual([
      { host: 'a.example' },
      { host: '127.0.0.1', port: 8080 },
      { host: '::1', port: 9000 },
    ]);
    for (const bad of ['http://a', 'a/b', 'user@a', 'a:70000', '::1', 'a b', 'a?x']) {
      expect(() => parseAllowHosts(bad), bad).toThrow(/not a host/);
    }
  });

  it('reads port lists', () => {
    expect(parsePorts('80, 443,8443')).toEqual([80, 443, 8443]);
    for (const bad of ['0', '65536', 'http', '80a']) expect(() => parsePorts(bad)).toThrow();
  });

  it('logs scheme and host only', () => {
    expect(logOrigin('https://docs.example:8443/patients/123/scan.tiff?mrn=99#x')).toBe(
      'https://docs.example',
    );
    expect(logOrigin('not a url')).toBe('invalid-url');
  });
});
