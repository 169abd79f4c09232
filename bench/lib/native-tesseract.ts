// The bench's native references: Debian's Tesseract (`tesseract-ocr`, 5.x) reading the same page
// images, one single-threaded process per core (OMP_THREAD_LIMIT=1; multi-threaded is slower per
// page on 2 cores). Two readings, both with word boxes (TSV):
// - bare, with Debian's own model (tessdata_fast), as a user would run it: the reference;
// - through the `tesseract-native` engine, with the packaged model the pipeline reads with
//   (best_int), so that the model's share of the difference is visible on its own line.
// Used only when the binary is present.
import { spawn } from 'node:child_process';
import { NativeTesseractEngine, tesseractVersion } from '../../src/ocr/tesseract-native.js';
import type { OcrModel } from '../../src/ocr/tesseract-pool.js';
import { mapBounded } from '../../src/util/concurrency.js';

export interface NativeLoopResult {
  version: string;
  /** What it read with: `debian` (the package's tessdata_fast `eng`) or a packaged OcrModel. */
  model: 'debian' | OcrModel;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
}

type Page = { png: Buffer; width: number; height: number; dpi: number };

/** Reads every page once with each model, `processes` at a time, and times each loop. */
export async function nativeReferenceLoops(
  pages: readonly Page[],
  processes: number,
  model: OcrModel,
  binary = 'tesseract',
): Promise<NativeLoopResult[]> {
  const version = await tesseractVersion(binary);
  if (!version) return [];
  const bare = await timed(pages, processes, (page) => readBare(binary, page.png, page.dpi));
  const engine = await NativeTesseractEngine.start({ binary, model, timeoutMs: 600_000 });
  try {
    const same = await timed(pages, processes, (page) => engine.recognize(page));
    return [
      { version, model: 'debian', ...bare },
      { version, model, ...same },
    ];
  } finally {
    await engine.close();
  }
}

async function timed(
  pages: readonly Page[],
  processes: number,
  read: (page: Page) => Promise<unknown>,
): Promise<{ pages: number; seconds: number; pagesPerSecond: number }> {
  const started = performance.now();
  await mapBounded(pages, processes, read);
  const seconds = (performance.now() - started) / 1000;
  return { pages: pages.length, seconds, pagesPerSecond: pages.length / seconds };
}

function readBare(binary: string, png: Buffer, dpi: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['stdin', 'stdout', '--dpi', String(Math.round(dpi)), 'tsv'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => (bytes += d.length));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 && bytes > 0 ? resolve() : reject(new Error(`tesseract exited with ${code}`)),
    );
    child.stdin.end(png);
  });
}
