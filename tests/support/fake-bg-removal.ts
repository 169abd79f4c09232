// A fake of a remove.bg-style API on 127.0.0.1, for the remote engine's tests: POST multipart
// `image_file` with `X-Api-Key` → a PNG with alpha, where near-white pixels become transparent.
// Answers can be scripted (429 with Retry-After, 5xx, 401, …), and images of one width held.
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { parseMultipart } from '../../src/api/multipart.js';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js';

export const FAKE_BG_PATH = '/v1.0/removebg';

/** A scripted answer, used once, in order, before the fake goes back to cutting images out. */
export interface ScriptedAnswer {
  status: number;
  retryAfter?: string;
}

/** What the fake saw of one request. */
export interface SeenUpload {
  apiKey: string | undefined;
  /** The part's file name (the engine must never send the user's). */
  filename: string;
  fields: Record<string, string>;
  width: number;
  height: number;
  at: number;
}

export interface FakeBgRemoval {
  /** The endpoint, as BG_REMOVAL_URL. */
  url: string;
  apiKey: string;
  uploads: SeenUpload[];
  /** Answers for the next requests (a queue). */
  script(...answers: ScriptedAnswer[]): void;
  /** Holds every image `width` pixels wide until `release()`. */
  holdWidth(width: number): void;
  release(): void;
  close(): Promise<void>;
}

/** Pixels at or above this in R, G and B are background: alpha 0; others alpha 255. */
export const WHITE_THRESHOLD = 240;

/** The fake's cut-out: the image, opaque except near-white pixels. */
export async function fakeCutout(image: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(image)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rgba = Buffer.alloc(info.width * info.height * 4);
  for (let i = 0; i < info.width * info.height; i++) {
    const [r, g, b] = [data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!];
    rgba.set([r, g, b], i * 4);
    rgba[i * 4 + 3] =
      r >= WHITE_THRESHOLD && g >= WHITE_THRESHOLD && b >= WHITE_THRESHOLD ? 0 : 255;
  }
  return sharp(rgba, { raw: { width: info.width, height: info.height, channels: 4 } })
    .png()
    .toBuffer();
}

export async function startFakeBgRemoval(apiKey = 'fake-bg-key'): Promise<FakeBgRemoval> {
  const uploads: SeenUpload[] = [];
  const answers: ScriptedAnswer[] = [];
  let heldWidth: number | undefined;
  let releaseHeld: () => void = () => undefined;
  let held = new Promise<void>((resolve) => (releaseHeld = resolve));
  const server: LoopbackServer = await startLoopbackServer('127.0.0.1', (req, res) => {
    const answer = async () => {
      if (req.method !== 'POST' || req.url !== FAKE_BG_PATH) {
        res.writeHead(404).end();
        return;
      }
      const body = await parseMultipart(
        req.headers['content-type'] ?? '',
        Readable.toWeb(req) as ReadableStream<Uint8Array>,
        { parts: 10, fieldBytes: 1024, fileBytes: 50 * 1024 * 1024 },
      );
      const file = body.files.find((f) => f.field === 'image_file');
      const key = req.headers['x-api-key'];
      if (!file) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ title: 'No image_file' }] }));
        return;
      }
      const meta = await sharp(file.bytes).metadata();
      uploads.push({
        apiKey: typeof key === 'string' ? key : undefined,
        filename: file.filename,
        fields: Object.fromEntries(body.fields),
        width: meta.width,
        height: meta.height,
        at: Date.now(),
      });
      if (key === undefined) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[]}');
        return;
      }
      if (key !== apiKey) {
        res.writeHead(403, { 'content-type': 'application/json' }).end('{"errors":[]}');
        return;
      }
      const scripted = answers.shift();
      if (scripted) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (scripted.retryAfter !== undefined) headers['retry-after'] = scripted.retryAfter;
        res.writeHead(scripted.status, headers).end('{"errors":[{"title":"scripted"}]}');
        return;
      }
      if (meta.width === heldWidth) await held;
      const png = await fakeCutout(file.bytes);
      res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    };
    answer().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return {
    url: `${server.origin}${FAKE_BG_PATH}`,
    apiKey,
    uploads,
    script: (...more) => answers.push(...more),
    holdWidth(width) {
      heldWidth = width;
      held = new Promise<void>((resolve) => (releaseHeld = resolve));
    },
    release: () => releaseHeld(),
    close: () => {
      releaseHeld();
      return server.close();
    },
  };
}
