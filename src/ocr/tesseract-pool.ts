// A fixed pool of tesseract.js workers, hand-written over tesseract.js's `createScheduler`, which
// neither times a page out nor replaces a worker: here a worker is recycled before WASM memory
// grows and replaced when a page exceeds its time.
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { OcrTimeoutError, type OcrEngine, type OcrRequest } from './engine.js';
import { toOcrPage } from './tesseract-result.js';
import type { OcrPage } from './types.js';

export interface TesseractPoolOptions {
  /** Number of workers; each runs on its own thread. */
  size: number;
  model: OcrModel;
  /** A worker is replaced after this many pages: WASM memory never shrinks. */
  recycleAfterPages: number;
  /** A page taking longer fails with `OcrTimeoutError`, and its worker is replaced. */
  timeoutMs: number;
  /** Tesseract page segmentation mode; 3 (automatic) unless set. */
  psm?: PSM;
}

const require = createRequire(import.meta.url);
const LANG_DIRS = { best_int: '4.0.0_best_int', standard: '4.0.0' } as const;
export type OcrModel = keyof typeof LANG_DIRS;

/** The directory of the packaged English model (`eng.traineddata.gz`), for either engine. */
export function modelDirectory(model: OcrModel): string {
  const dataPackage = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
  return path.join(dataPackage, LANG_DIRS[model]);
}

interface Slot {
  worker: Promise<Worker>;
  pages: number;
}

/** A caller waiting for a free worker. */
interface Waiter {
  resolve: (slot: Slot) => void;
  reject: (err: Error) => void;
}

/** The pool. `recognize` waits for a free worker; callers bound their own concurrency too. */
export class TesseractPool implements OcrEngine {
  private readonly idle: Slot[] = [];
  private readonly waiting: Waiter[] = [];
  private readonly langPath: string;
  private closed = false;
  private reading = 0;

  constructor(private readonly options: TesseractPoolOptions) {
    this.langPath = modelDirectory(options.model);
    for (let i = 0; i < options.size; i++) this.idle.push(this.newSlot());
  }

  /** Workers in the pool. */
  get size(): number {
    return this.options.size;
  }

  /** Workers reading a page right now (the `redactify_ocr_slots_busy` gauge). */
  get busy(): number {
    return this.reading;
  }

  async recognize({ png, width, height, dpi, psm }: OcrRequest): Promise<OcrPage> {
    const slot = await this.acquire();
    this.reading++;
    let healthy = true;
    try {
      const worker = await slot.worker;
      const job = (async () => {
        await worker.setParameters({
          user_defined_dpi: String(Math.round(dpi)),
          tessedit_pageseg_mode: psm ?? this.options.psm ?? PSM.AUTO,
        });
        // Timed out meanwhile: the worker is being terminated, and tesseract.js would post to it
        // after that and reject where nobody listens (CI saw it as an unhandled rejection).
        if (!healthy) throw new OcrTimeoutError('OCR timed out before the page was sent');
        return worker.recognize(png, {}, { blocks: true, text: false });
      })();
      const result = await withTimeout(job, this.options.timeoutMs);
      slot.pages++;
      return toOcrPage(result.data.blocks, { width, height, dpi });
    } catch (err) {
      healthy = false;
      throw err;
    } finally {
      this.reading--;
      this.release(slot, healthy);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('OCR pool is closed'));
    const slots = this.idle.splice(0);
    await Promise.allSettled(slots.map(async (s) => (await s.worker).terminate()));
  }

  private newSlot(): Slot {
    const worker = createWorker('eng', OEM.LSTM_ONLY, {
      langPath: this.langPath,
      gzip: true,
      cacheMethod: 'none',
    });
    // A failed start surfaces on first use; this handler only stops an unhandled rejection.
    worker.catch(() => undefined);
    return { worker, pages: 0 };
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new Error('OCR pool is closed'));
    const slot = this.idle.pop();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Returns a slot, replacing its worker when it failed, timed out or reached its page quota. */
  private release(slot: Slot, healthy: boolean): void {
    const retire = this.closed || !healthy || slot.pages >= this.options.recycleAfterPages;
    if (retire) void slot.worker.then((w) => w.terminate()).catch(() => undefined);
    if (this.closed) return;
    const next = retire ? this.newSlot() : slot;
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(next);
    else this.idle.push(next);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => undefined); // a late failure after the timeout is already reported
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OcrTimeoutError(`OCR exceeded ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
