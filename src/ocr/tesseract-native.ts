// `OCR_ENGINE=tesseract-native`: Debian's `tesseract` 5.x (package tesseract-ocr) reading each page
// in its own single-threaded process, with the same packaged model as tesseract.js (OCR_MODEL),
// so that the two engines differ in code, not in what they were trained on.
//
// One process per page, not a long-lived one: the CLI has no request loop, and starting it costs
// about 0.1 s against several seconds of reading (bench/lib/native-tesseract.ts measures the loop).
// Concurrency is the OCR task queue's: one process per OCR slot at most.
import { execFile, spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import { PSM } from 'tesseract.js';
import {
  OcrEngineUnavailableError,
  OcrTimeoutError,
  type OcrEngine,
  type OcrRequest,
} from './engine.js';
import { modelDirectory, type OcrModel } from './tesseract-pool.js';
import { fromTesseractTsv } from './tesseract-tsv.js';
import type { OcrPage } from './types.js';

export interface NativeTesseractOptions {
  /** The `tesseract` binary (TESSERACT_BIN). */
  binary: string;
  model: OcrModel;
  /** A page taking longer is killed and fails with `OcrTimeoutError`. */
  timeoutMs: number;
  /** Page segmentation mode; 3 (automatic) unless set. */
  psm?: PSM;
  /** Where the model is unpacked, in a private directory of its own; the system temp dir unless set. */
  cacheDir?: string;
}

export class NativeTesseractEngine implements OcrEngine {
  private constructor(
    private readonly options: NativeTesseractOptions,
    private readonly tessdataDir: string,
    /** The binary's first version line, e.g. `tesseract 5.3.0`. */
    readonly version: string,
  ) {}

  /** Checks the binary answers and unpacks the model once; fails at worker start, not per page. */
  static async start(options: NativeTesseractOptions): Promise<NativeTesseractEngine> {
    const version = await tesseractVersion(options.binary);
    if (!version) {
      throw new OcrEngineUnavailableError(`TESSERACT_BIN=${options.binary} does not run`);
    }
    const tessdataDir = await unpackModel(options.model, options.cacheDir ?? tmpdir());
    return new NativeTesseractEngine(options, tessdataDir, version);
  }

  recognize({ png, width, height, dpi, psm }: OcrRequest): Promise<OcrPage> {
    const args = [
      'stdin',
      'stdout',
      '--tessdata-dir',
      this.tessdataDir,
      '-l',
      'eng',
      '--oem',
      '1',
      '--psm',
      String(psm ?? this.options.psm ?? PSM.AUTO),
      '--dpi',
      String(Math.round(dpi)),
      // The `tsv` config file lives in the system tessdata, not beside our model: set it directly.
      '-c',
      'tessedit_create_tsv=1',
    ];
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.binary, args, {
        env: { PATH: process.env.PATH, OMP_THREAD_LIMIT: '1' },
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      const chunks: Buffer[] = [];
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, this.options.timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A child that exits before reading all of stdin makes the pipe fail; its exit code tells why.
      child.stdin.on('error', () => undefined);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(new OcrEngineUnavailableError(`tesseract could not start (${err.name})`));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (timedOut)
          return reject(new OcrTimeoutError(`OCR exceeded ${this.options.timeoutMs} ms`));
        if (code !== 0) return reject(new Error(`tesseract exited with ${code ?? signal}`));
        try {
          resolve(fromTesseractTsv(Buffer.concat(chunks).toString('utf8'), { width, height, dpi }));
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
      child.stdin.end(png);
    });
  }

  /** Deletes the unpacked model. */
  close(): Promise<void> {
    return rm(this.tessdataDir, { recursive: true, force: true });
  }
}

/** The binary's first version line, or undefined when it does not run. */
export async function tesseractVersion(binary: string): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await promisify(execFile)(binary, ['--version'], {
      timeout: 10_000,
    });
    return `${stdout}${stderr}`.split('\n')[0]?.trim();
  } catch {
    return undefined;
  }
}

/**
 * Gunzips the packaged `eng.traineddata.gz` into a fresh private directory (mkdtemp, mode 0700):
 * a shared temp dir must not let another account plant the model this worker reads with.
 */
async function unpackModel(model: OcrModel, parent: string): Promise<string> {
  const dir = await mkdtemp(path.join(parent, 'redactify-tessdata-'));
  await pipeline(
    createReadStream(path.join(modelDirectory(model), 'eng.traineddata.gz')),
    createGunzip(),
    createWriteStream(path.join(dir, 'eng.traineddata')),
  );
  return dir;
}
