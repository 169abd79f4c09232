// Generated blocks of docs/: a run replaces its block in place, or refuses.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from 'prettier';
import { describe, expect, it } from 'vitest';
import { benchMarkdown } from '../../bench/lib/markdown.js';
import { machineLine, replaceBlock, writeBlock } from '../../scripts/lib/generated-docs.js';

const DOC = [
  '# Figures',
  '',
  '<!-- eval:latest:begin -->',
  'old',
  '<!-- eval:latest:end -->',
  '',
  'prose',
].join('\n');

describe('replaceBlock', () => {
  it('replaces only what is between the markers, keeping them', () => {
    const once = replaceBlock(DOC, 'eval:latest', '| a |\n| - |\n');
    expect(once).toBe(
      [
        '# Figures',
        '',
        '<!-- eval:latest:begin -->',
        '',
        '| a |',
        '| - |',
        '',
        '<!-- eval:latest:end -->',
        '',
        'prose',
      ].join('\n'),
    );
    expect(replaceBlock(once, 'eval:latest', '| a |\n| - |')).toBe(once);
  });

  it('refuses a document without the block, or with it twice', () => {
    expect(() => replaceBlock('# Figures', 'eval:latest', 'x')).toThrow('eval:latest:begin');
    expect(() => replaceBlock(`${DOC}\n${DOC}`, 'eval:latest', 'x')).toThrow();
  });

  it('finds the blocks the eval and the bench write in docs/', async () => {
    const evaluation = await readFile('docs/evaluation.md', 'utf8');
    const performance = await readFile('docs/performance.md', 'utf8');
    expect(() => replaceBlock(evaluation, 'eval:latest', 'x')).not.toThrow();
    expect(() => replaceBlock(performance, 'bench:latest', 'x')).not.toThrow();
  });
});

describe('machineLine', () => {
  it('names cores, memory and Node', () => {
    expect(machineLine()).toMatch(
      /^Machine: .+, \d+ cores, \d+ GiB, Node \d+\.\d+\.\d+; load average/,
    );
  });
});

/** One bench run's figures, as `bench/run.ts` hands them over. */
const RUN: Parameters<typeof benchMarkdown>[0] = {
  date: '2026-11-30T12:00:00.000Z',
  corpus: { documents: 24, pages: 41 },
  ocrSlots: 2,
  ocrEngine: 'tesseract',
  reference: { seconds: 63.3, pagesPerSecond: 0.65 },
  pipeline: { seconds: 88.5, pagesPerSecond: 0.46 },
  ratioVsOcrLoop: 0.72,
  ratioVsOcrLoopWithoutServers: 0.78,
  nativeReference: { version: 'tesseract 5.3.0', seconds: 23.1, pagesPerSecond: 1.77 },
  nativeSameModel: { model: 'best_int', seconds: 46.2, pagesPerSecond: 0.89 },
  ratioVsNative: 0.26,
  ratioVsNativeSameModel: 0.52,
  pagesPerSecondPerCore: 0.23,
  historyEventsPerPage: 23.4,
  cpuShare: { worker: 0.91, api: 0.02, temporal: 0.05, minio: 0.02 },
  stageCoreSeconds: { split: 28.3, ocr: 151, storage: 26.3 },
  overhead: { batch: 0.001, multiPageDocument: { pages: 4, share: 0.01 } },
  memory: { workerIdleMb: 655, workerPeakMb: 1422, perOcrSlotMb: 215 },
  results1000: { p50Ms: 172, p95Ms: 340 },
  twoWorkers: { activitiesPerWorker: { 'worker-1': 46, 'worker-2': 52 } },
};

describe('benchMarkdown', () => {
  it('renders the figures of a run against their goals', () => {
    const markdown = benchMarkdown(RUN);
    expect(markdown).toContain('### `npm run bench` (2026-11-30, 24 documents, 41 pages)');
    expect(markdown).toContain('| `ratio_vs_ocr_loop` | **0.72** | ≥ 0.90 — not met |');
    expect(markdown).toContain('0.1% / 1.0% of wall time | ≤ 5% — met |');
    expect(markdown).toContain('| 172 / **340 ms** | p95 ≤ 300 ms — not met |');
    expect(markdown).toContain('| `ratio_vs_native` | **0.26** | ≥ 0.80 — not met |');
    expect(markdown).toContain('41 pages in 23.1 s, 1.77 pages/s (tesseract 5.3.0)');
    expect(markdown).toContain('41 pages in 46.2 s, 0.89 pages/s (best_int)');
    expect(markdown).toContain('| `ratio_vs_native` against the same model | 0.52 |');
    expect(markdown).toContain('pipeline, one batch through the API (OCR engine `tesseract`)');
    expect(markdown).toContain('| 0.23; 23.4 |');
    expect(markdown).toContain('| worker 91.0%, api 2.0%, temporal 5.0%, minio 2.0% |');
    expect(markdown).toContain('| 46 and 52 | both take work |');
    expect(markdown).toContain('ocr 151, split 28.3, storage 26.3.');
  });

  it('says the native reference was skipped when the binary is missing', () => {
    const markdown = benchMarkdown({
      ...RUN,
      nativeReference: undefined,
      nativeSameModel: undefined,
      ratioVsNative: null,
      ratioVsNativeSameModel: null,
      ratioVsOcrLoop: 0.9,
    });
    expect(markdown).toContain('| not installed, skipped |');
    expect(markdown).toContain('| `ratio_vs_native` | – | ≥ 0.80 |');
    expect(markdown).toContain('| `ratio_vs_ocr_loop` | **0.9** | ≥ 0.90 — met |');
  });
});

describe('writeBlock', () => {
  it('writes the block formatted, so prettier --check still passes after a run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'redactify-docs-'));
    const path = join(dir, 'figures.md');
    await writeFile(path, DOC);
    await writeBlock(path, 'eval:latest', '| a | bb |\n| --- | --- |\n| ccc | d |');
    const written = await readFile(path, 'utf8');
    expect(written).toContain('| a   | bb  |');
    expect(await check(written, { parser: 'markdown' })).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });
});
