// /codec/decode and /codec/encode: admin keys only, CORS for the Temporal UI, protobuf JSON in/out.
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/access/keys.js';
import { ENCRYPTED_ENCODING, EncryptionCodec } from '../../src/crypto/payload-codec.js';
import {
  buildUnitApp,
  UNIT_CODEC_UI_TOKEN,
  UNIT_KEY_RING,
  type UnitApp,
} from '../support/unit-app.js';

const UI = 'http://127.0.0.1:8233';
const adminKey = mintApiKey().apiKey;
let unit: UnitApp;
let userKey: string;

beforeAll(async () => {
  unit = await buildUnitApp({ adminKeys: [adminKey] });
  userKey = await unit.register('codec-user@example.org');
});
afterAll(() => unit.close());

const b64 = (s: string) => Buffer.from(s).toString('base64');
const fromB64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8');

interface JsonPayloads {
  payloads: Array<{ metadata?: Record<string, string>; data?: string }>;
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return unit.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
    body: JSON.stringify(body),
  });
}

/** A payload sealed as the workers seal it, in the UI's protobuf JSON. */
async function sealedJson(value: unknown): Promise<JsonPayloads> {
  const [sealed] = await new EncryptionCodec(UNIT_KEY_RING).encode([
    defaultPayloadConverter.toPayload(value),
  ]);
  return {
    payloads: [
      {
        metadata: Object.fromEntries(
          Object.entries(sealed?.metadata ?? {}).map(([k, v]) => [
            k,
            Buffer.from(v).toString('base64'),
          ]),
        ),
        data: Buffer.from(sealed?.data ?? []).toString('base64'),
      },
    ],
  };
}

describe('POST /codec/decode', () => {
  it('decrypts payloads for an admin key', async () => {
    const response = await post('/codec/decode', await sealedJson({ boxes: 3 }), {
      'x-api-key': adminKey,
      origin: UI,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(UI);
    const body = (await response.json()) as JsonPayloads;
    expect(fromB64(body.payloads[0]?.metadata?.encoding)).toBe('json/plain');
    expect(JSON.parse(fromB64(body.payloads[0]?.data))).toEqual({ boxes: 3 });
  });

  it('answers 401 without a key and 403 for a user key', async () => {
    const sealed = await sealedJson({ boxes: 3 });
    const anonymous = await post('/codec/decode', sealed);
    expect(anonymous.status).toBe(401);
    const user = await post('/codec/decode', sealed, { authorization: `Bearer ${userKey}` });
    expect(user.status).toBe(403);
    expect(((await user.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('answers 400 for a payload that does not verify, without echoing it', async () => {
    const sealed = await sealedJson({ boxes: 3 });
    const payload = sealed.payloads[0];
    const data = Buffer.from(payload?.data ?? '', 'base64');
    data[15] = (data[15] ?? 0) ^ 0xff;
    const response = await post(
      '/codec/decode',
      { payloads: [{ ...payload, data: data.toString('base64') }] },
      { 'x-api-key': adminKey },
    );
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('VALIDATION_FAILED');
    expect(text).not.toContain(data.toString('base64'));
  });

  it('passes payloads that are not encrypted through', async () => {
    const plain = { payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('1') }] };
    const response = await post('/codec/decode', plain, { 'x-api-key': adminKey });
    expect(await response.json()).toEqual(plain);
  });

  it('refuses a body that is not Payloads JSON', async () => {
    const response = await post(
      '/codec/decode',
      { payloads: [{ data: 'not base64!' }] },
      { 'x-api-key': adminKey },
    );
    expect(response.status).toBe(400);
  });
});

describe('POST /codec/ui/{token}/decode (the Web UI, which sends no key)', () => {
  it('decrypts with the right token, from the UI origin', async () => {
    const response = await post(`/codec/ui/${UNIT_CODEC_UI_TOKEN}/decode`, await sealedJson(7), {
      origin: UI,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(UI);
    const body = (await response.json()) as JsonPayloads;
    expect(fromB64(body.payloads[0]?.data)).toBe('7');
  });

  it('answers 401 for a wrong or truncated token, and has no encode', async () => {
    const sealed = await sealedJson(7);
    for (const token of ['wrong', UNIT_CODEC_UI_TOKEN.slice(0, -1), `${UNIT_CODEC_UI_TOKEN}x`]) {
      expect((await post(`/codec/ui/${token}/decode`, sealed)).status).toBe(401);
    }
    expect((await post(`/codec/ui/${UNIT_CODEC_UI_TOKEN}/encode`, sealed)).status).toBe(404);
  });
});

describe('POST /codec/encode', () => {
  it('encrypts what /codec/decode gives back', async () => {
    const plain = {
      payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('{"n":1}') }],
    };
    const encoded = await post('/codec/encode', plain, { 'x-api-key': adminKey });
    expect(encoded.status).toBe(200);
    const sealed = (await encoded.json()) as JsonPayloads;
    expect(fromB64(sealed.payloads[0]?.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(fromB64(sealed.payloads[0]?.data)).not.toContain('"n"');
    const decoded = await post('/codec/decode', sealed, { 'x-api-key': adminKey });
    expect(await decoded.json()).toEqual(plain);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    unit.app.request('/codec/decode', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace,authorization',
      },
    });

  it('lets the Temporal UI origin send its preflight without a key', async () => {
    const response = await preflight(UI);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(UI);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'x-namespace',
    );
  });

  it('gives other origins no CORS grant', async () => {
    const response = await preflight('http://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
