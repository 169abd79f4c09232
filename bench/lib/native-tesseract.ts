// The bench's second reference: Debian's native Tesseract (`tesseract-ocr`, 5.x) reading the same
// page images, one single-threaded process per core (OMP_THREAD_LIMIT=1; multi-threaded is slower
// per page on 2 cores), with Debian's own model (tessdata_fast), as a user would run it bare.
// Used only when the binary is present.
import { spawn } from 'node:child_process';
import { tesseractVersion } from '../../src/ocr/tesseract-native.js';
import { mapBounded } from '../../src/util/concurrency.js';

export interface NativeLoopResult {
  version: string;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
}

/** Reads every page once with word boxes (TSV), `processes` at a time, and times the loop. */
export async function nativeReferenceLoop(
  pages: ReadonlyArray<{ png: Buffer; dpi: number }>,
  processes: number,
  binary = 'tesseract',
): Promise<NativeLoopResult | undefined> {
  const version = await tesseractVersion(binary);
  if (!version) return undefined;
  const started = performance.now();
  await mapBounded(pages, processes, (page) => readOnce(binary, page.png, page.dpi));
  const seconds = (performance.now() - started) / 1000;
  return { version, pages: pages.length, seconds, pagesPerSecond: pages.length / seconds };
}

function readOnce(binary: string, png: Buffer, dpi: number): Promise<void> {
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
