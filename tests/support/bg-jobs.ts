// Helpers for remove-background jobs through the real API: test images, submission, /v1/results.
import sharp from 'sharp';
import type { ServedApi } from './pipeline.js';

/** A job as /v1/results and /v1/jobs/:id show it. */
export interface JobBody {
  id: string;
  status: string;
  progress: { stage: string } | null;
  result: {
    pages: number;
    outputType: string;
    operation?: string;
    engine?: string;
  } | null;
  error: { code: string; message: string } | null;
}

export interface ResultsBody {
  results: JobBody[];
  summary: Record<string, number>;
}

/** A subject on white: a red disc `width`×`height` centred on a white image (PNG unless `jpeg`). */
export async function subjectOnWhite(width: number, height: number, jpeg = false): Promise<Buffer> {
  const r = Math.floor(Math.min(width, height) / 3);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#ffffff"/>
    <circle cx="${width / 2}" cy="${height / 2}" r="${r}" fill="#c02020"/></svg>`;
  const image = sharp(Buffer.from(svg)).flatten({ background: '#ffffff' });
  return jpeg ? image.jpeg({ quality: 95 }).toBuffer() : image.png().toBuffer();
}

/** Two pages in one TIFF: refused by remove-background (one PNG out). */
export async function twoPageTiff(): Promise<Buffer> {
  return sharp(Buffer.alloc(32 * 64 * 3, 200), {
    raw: { width: 32, height: 64, channels: 3, pageHeight: 32 },
  })
    .tiff({ compression: 'lzw' })
    .toBuffer();
}

/** A client of one served API with one key. */
export function bgClient(api: ServedApi, apiKey: string) {
  const authed = (path: string, init: RequestInit = {}) =>
    fetch(`${api.base}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'x-api-key': apiKey },
    });
  return {
    authed,
    /** POST /v1/jobs multipart with `options`. */
    async upload(files: Array<{ name: string; bytes: Buffer }>, options: object) {
      const form = new FormData();
      for (const f of files) form.append('files', new Blob([new Uint8Array(f.bytes)]), f.name);
      form.append('options', JSON.stringify(options));
      const response = await authed('/v1/jobs', { method: 'POST', body: form });
      return { status: response.status, body: (await response.json()) as SubmitBody };
    },
    /** POST /v1/jobs JSON `{urls, options}`. */
    async submitUrls(urls: string[], options: object) {
      const response = await authed('/v1/jobs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ urls, options }),
      });
      return { status: response.status, body: (await response.json()) as SubmitBody };
    },
    async results(ids: readonly string[]): Promise<ResultsBody> {
      return (await (await authed(`/v1/results?ids=${ids.join(',')}`)).json()) as ResultsBody;
    },
    /** Polls /v1/results (at most `tries` times, 250 ms apart) until `done` holds. */
    async resultsUntil(
      ids: readonly string[],
      done: (body: ResultsBody) => boolean,
      tries = 480,
    ): Promise<ResultsBody> {
      for (let i = 0; i < tries; i++) {
        const body = await this.results(ids);
        if (done(body)) return body;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error('the jobs did not reach the expected state in time');
    },
  };
}

export interface SubmitBody {
  batchId: string;
  jobs: Array<{ id: string; filename: string }>;
  error?: { code: string; message: string };
}

/** Every pixel of a PNG as RGBA, with its size; fails unless the PNG has an alpha channel. */
export async function rgbaPixels(png: Buffer) {
  const meta = await sharp(png).metadata();
  if (meta.format !== 'png' || !meta.hasAlpha) throw new Error('not a PNG with alpha');
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

export const settled = (ids: readonly string[]) => (body: ResultsBody) =>
  (body.summary.completed ?? 0) + (body.summary.failed ?? 0) === ids.length;
