// safeFetch against servers this file starts on 127.0.0.1 and ::1: pinning, redirects, caps, errors.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedactifyError } from '../../src/errors.js';
import {
  safeFetch,
  type ResolvedAddress,
  type SafeFetchOptions,
} from '../../src/net/safe-fetch.js';
import { parseAllowHosts } from '../../src/net/url-policy.js';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.js';

// A self-signed certificate for docs.test, valid until 2126:
// openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 \
//   -keyout docs.test.key -out docs.test.crt -subj /CN=docs.test -addext subjectAltName=DNS:docs.test
const TLS_DIR = new URL('../fixtures/tls/', import.meta.url);
const tls = {
  key: readFileSync(new URL('docs.test.key', TLS_DIR), 'utf8'),
  cert: readFileSync(new URL('docs.test.crt', TLS_DIR), 'utf8'),
};

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 7)]);
const MAX_BYTES = 64 * 1024;

function route(
  res: ServerResponse,
  path: string,
  self: () => LoopbackServer,
  trap: () => LoopbackServer,
) {
  const [, name, arg] = /^\/([a-z-]+)\/?([^?]*)/.exec(path) ?? [];
  switch (name) {
    case 'doc':
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      return;
    case 'hops': {
      // /hops/N redirects N more times (relative Locations), then serves the document.
      const n = Number(arg);
      if (n === 0) res.writeHead(200).end(PNG);
      else res.writeHead(302, { location: `/hops/${n - 1}` }).end();
      return;
    }
    case 'to':
      res.writeHead(307, { location: decodeURIComponent(arg ?? '') }).end();
      return;
    case 'trap':
      res.writeHead(301, { location: `http://127.0.0.1:${trap().port}/stolen` }).end();
      return;
    case 'missing':
      res.writeHead(404).end('not here');
      return;
    case 'busy':
      res.writeHead(503).end();
      return;
    case 'big-declared':
      res.writeHead(200, { 'content-length': String(MAX_BYTES + 1) }).end();
      return;
    case 'big-chunked': {
      res.writeHead(200);
      for (let sent = 0; sent <= MAX_BYTES; sent += 16 * 1024)
        res.write(Buffer.alloc(16 * 1024, 1));
      res.end();
      return;
    }
    case 'gzip':
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(PNG);
      return;
    case 'silent':
      return; // never answers: the client's total timeout ends it
    case 'dribble': {
      res.writeHead(200);
      res.write(PNG.subarray(0, 8)); // then nothing more
      return;
    }
    case 'reset':
      res.socket?.destroy();
      return;
    default:
      res.writeHead(500).end(`no route ${self().port}`);
  }
}

let v4: LoopbackServer;
let v6: LoopbackServer;
let secure: LoopbackServer;
let trap: LoopbackServer;

beforeAll(async () => {
  trap = await startLoopbackServer('127.0.0.1', (_req, res) => res.writeHead(200).end(PNG));
  v4 = await startLoopbackServer('127.0.0.1', (req, res) =>
    route(
      res,
      req.url ?? '',
      () => v4,
      () => trap,
    ),
  );
  v6 = await startLoopbackServer('::1', (req, res) =>
    route(
      res,
      req.url ?? '',
      () => v6,
      () => trap,
    ),
  );
  secure = await startLoopbackServer(
    '127.0.0.1',
    (req, res) =>
      route(
        res,
        req.url ?? '',
        () => secure,
        () => trap,
      ),
    tls,
  );
});
afterAll(async () => {
  for (const server of [v4, v6, secure, trap]) await server.close();
});

/** Options allowing this file's servers (not the trap); names resolve through `answers` only. */
function options(
  answers: Record<string, string[]> = {},
  overrides: Partial<SafeFetchOptions> = {},
): SafeFetchOptions & { resolved: string[] } {
  const resolved: string[] = [];
  return {
    policy: {
      allowHosts: parseAllowHosts(
        [
          v4.hostPort,
          v6.hostPort,
          secure.hostPort,
          `docs.test:${v4.port}`,
          `docs.test:${secure.port}`,
        ].join(','),
      ),
      allowedPorts: [80, 443, trap.port],
    },
    connectTimeoutMs: 2_000,
    totalTimeoutMs: 5_000,
    maxRedirects: 5,
    maxBytes: MAX_BYTES,
    resolve: async (hostname): Promise<ResolvedAddress[]> => {
      resolved.push(hostname);
      const answer = answers[hostname];
      if (!answer) throw Object.assign(new Error('no such name'), { code: 'ENOTFOUND' });
      return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
    resolved,
    ...overrides,
  };
}

async function download(url: string, opts: SafeFetchOptions = options()) {
  return safeFetch(url, opts, async ({ body, redirects }) => {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return { bytes: Buffer.concat(chunks), redirects };
  });
}

async function failure(url: string, opts: SafeFetchOptions = options()): Promise<RedactifyError> {
  const err = await download(url, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RedactifyError);
  const ours = err as RedactifyError;
  expect(ours.message).not.toContain('127.0.0.1');
  expect(ours.message).not.toContain('docs.test');
  return ours;
}

describe('safeFetch on loopback servers', () => {
  it('downloads from allow-listed 127.0.0.1 and ::1, asking for no compression', async () => {
    for (const server of [v4, v6]) {
      const before = server.requests.length;
      const { bytes, redirects } = await download(`${server.origin}/doc/a.png?token=abc`);
      expect([bytes.equals(PNG), redirects]).toEqual([true, 0]);
      expect(server.requests.slice(before)).toEqual([
        {
          path: '/doc/a.png?token=abc',
          host: server.hostPort,
          acceptEncoding: 'identity',
          servername: undefined,
        },
      ]);
    }
  });

  it('resolves a name once and connects to the address it checked, with the right Host', async () => {
    const opts = options({ 'docs.test': ['127.0.0.1'] });
    const before = v4.requests.length;
    const { bytes } = await download(`http://docs.test:${v4.port}/doc/b.png`, opts);
    expect(bytes.equals(PNG)).toBe(true);
    expect(opts.resolved).toEqual(['docs.test']);
    expect(v4.requests.slice(before).map((r) => r.host)).toEqual([`docs.test:${v4.port}`]);
  });

  it('keeps SNI and certificate checks for the name over https while connecting to the pinned address', async () => {
    const opts = options({ 'docs.test': ['127.0.0.1'] }, { extraCa: [tls.cert] });
    const before = secure.requests.length;
    const { bytes } = await download(`https://docs.test:${secure.port}/doc/c.png`, opts);
    expect(bytes.equals(PNG)).toBe(true);
    expect(secure.requests.slice(before)).toMatchObject([
      { servername: 'docs.test', host: `docs.test:${secure.port}` },
    ]);
    // The same server by its IP: the certificate does not name it.
    expect((await failure(`${secure.origin}/doc/c.png`, opts)).code).toBe('URL_TLS_ERROR');
    // Without the test CA the self-signed certificate is refused, permanently.
    const untrusted = await failure(
      `https://docs.test:${secure.port}/doc/c.png`,
      options({ 'docs.test': ['127.0.0.1'] }),
    );
    expect([untrusted.code, untrusted.retryable]).toEqual(['URL_TLS_ERROR', false]);
  });

  it('follows up to 5 redirects across hosts and refuses a 6th', async () => {
    const crossHost = `${v4.origin}/to/${encodeURIComponent(`${v6.origin}/hops/3`)}`;
    expect((await download(crossHost)).redirects).toBe(4);
    expect((await download(`${v4.origin}/hops/5`)).redirects).toBe(5);
    const before = v4.requests.length;
    expect((await failure(`${v4.origin}/hops/6`)).code).toBe('URL_TOO_MANY_REDIRECTS');
    expect(v4.requests.length - before).toBe(6);
  });

  it('checks every hop: redirects to the trap, by IP, by name, by another spelling, or to file: are blocked', async () => {
    const answers = { 'trap.test': ['127.0.0.1'], 'mixed.test': ['93.184.215.14', '127.0.0.1'] };
    const targets = [
      `http://127.0.0.1:${trap.port}/stolen`,
      `http://trap.test:${trap.port}/stolen`,
      `http://mixed.test:${trap.port}/stolen`,
      `http://[::ffff:127.0.0.1]:${trap.port}/stolen`,
      `http://0x7f.1:${trap.port}/stolen`,
      `http://localhost:${trap.port}/stolen`,
      'file:///etc/passwd',
    ];
    expect((await failure(`${v4.origin}/trap`, options(answers))).code).toBe('URL_BLOCKED');
    for (const target of targets) {
      const err = await failure(`${v4.origin}/to/${encodeURIComponent(target)}`, options(answers));
      expect(err.code, target).toBe('URL_BLOCKED');
      expect(err.retryable).toBe(false);
    }
    expect(trap.requests).toEqual([]);
  });

  it('maps HTTP errors: 404 permanent, 503 retryable', async () => {
    const missing = await failure(`${v4.origin}/missing`);
    expect([missing.code, missing.retryable, missing.message]).toEqual([
      'URL_HTTP_ERROR',
      false,
      'The server answered HTTP 404',
    ]);
    const busy = await failure(`${v4.origin}/busy`);
    expect([busy.code, busy.retryable]).toEqual(['URL_UNAVAILABLE', true]);
  });

  it('caps the body whether its length is declared or streamed', async () => {
    expect((await failure(`${v4.origin}/big-declared`)).code).toBe('URL_TOO_LARGE');
    expect((await failure(`${v4.origin}/big-chunked`)).code).toBe('URL_TOO_LARGE');
  });

  it('refuses a compressed body it did not ask for', async () => {
    const err = await failure(`${v4.origin}/gzip`);
    expect([err.code, err.message]).toEqual([
      'URL_HTTP_ERROR',
      'The server sent a compressed body although none was asked for',
    ]);
  });

  it('times out a server that never answers, or stops mid-body, as retryable URL_TIMEOUT', async () => {
    const quick = options({}, { totalTimeoutMs: 500 });
    for (const path of ['/silent', '/dribble']) {
      const started = performance.now();
      const err = await failure(`${v4.origin}${path}`, quick);
      expect([err.code, err.retryable]).toEqual(['URL_TIMEOUT', true]);
      expect(performance.now() - started).toBeLessThan(4_000);
    }
  });

  it('reports a reset connection as retryable URL_UNAVAILABLE', async () => {
    const err = await failure(`${v4.origin}/reset`);
    expect([err.code, err.retryable]).toEqual(['URL_UNAVAILABLE', true]);
  });
});
