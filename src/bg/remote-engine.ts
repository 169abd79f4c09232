// The remote engine: a remove.bg-style HTTP API (multipart `image_file` in, PNG with alpha out).
import { setTimeout as sleep } from 'node:timers/promises';
import { RedactifyError } from '../errors.js';
import type { BackgroundRemover } from './engine.js';
import { judgeAnswer, type ThrottlePolicy } from './remote-answer.js';

export interface RemoteEngineOptions extends ThrottlePolicy {
  /** The API's endpoint, e.g. `https://api.remove.bg/v1.0/removebg` (BG_REMOVAL_URL). */
  url: string;
  /** Sent as `X-Api-Key` (BG_REMOVAL_KEY). */
  apiKey: string;
  /** One request, upload to last byte of the answer. */
  timeoutMs: number;
}

/**
 * Posts each image to the API and returns its PNG. Throttling (429) is waited out here, as long
 * as the answer's Retry-After says (bounded by the policy); everything else is judged by
 * `judgeAnswer` and thrown as a `RedactifyError`, so Temporal retries what may pass. The image
 * goes as `image.png`, never under the file's own name.
 */
export class RemoteBackgroundRemover implements BackgroundRemover {
  readonly name = 'remote' as const;

  constructor(private readonly options: RemoteEngineOptions) {}

  async removeBackground(image: Buffer): Promise<Buffer> {
    for (let waits = 0; ;) {
      const response = await this.post(image);
      const verdict = judgeAnswer(
        response.status,
        response.headers.get('retry-after'),
        waits,
        this.options,
        Date.now(),
      );
      if (verdict.kind === 'ok') {
        try {
          return Buffer.from(await response.arrayBuffer());
        } catch {
          throw unavailable('The background-removal API broke off its answer');
        }
      }
      await response.body?.cancel();
      if (verdict.kind === 'fail') {
        throw new RedactifyError(verdict.code, verdict.message, { retryable: verdict.retryable });
      }
      waits++;
      await sleep(verdict.ms);
    }
  }

  private async post(image: Buffer): Promise<Response> {
    const form = new FormData();
    form.append(
      'image_file',
      new Blob([new Uint8Array(image)], { type: 'image/png' }),
      'image.png',
    );
    form.append('size', 'auto');
    form.append('format', 'png');
    try {
      return await fetch(this.options.url, {
        method: 'POST',
        headers: { 'X-Api-Key': this.options.apiKey, Accept: 'image/png' },
        body: form,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      throw unavailable(
        timedOut
          ? `The background-removal API did not answer within ${this.options.timeoutMs} ms`
          : 'The background-removal API could not be reached',
      );
    }
  }

  async warmUp(): Promise<void> {}

  async close(): Promise<void> {}
}

const unavailable = (message: string) =>
  new RedactifyError('BG_REMOVAL_UNAVAILABLE', message, { retryable: true });
