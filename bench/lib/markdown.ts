// The bench's figures as the Markdown table `npm run bench -- --docs` writes into docs/performance.md.

/** The fields of bench/results.json that the table shows. */
export interface BenchFigures {
  date: string;
  corpus: { documents: number; pages: number };
  ocrSlots: number;
  ocrEngine: string;
  reference: { seconds: number; pagesPerSecond: number };
  pipeline: { seconds: number; pagesPerSecond: number };
  ratioVsOcrLoop: number;
  ratioVsOcrLoopWithoutServers: number;
  nativeReference: { version: string; seconds: number; pagesPerSecond: number } | undefined;
  nativeSameModel: { model: string; seconds: number; pagesPerSecond: number } | undefined;
  ratioVsNative: number | null;
  ratioVsNativeSameModel: number | null;
  pagesPerSecondPerCore: number;
  historyEventsPerPage: number;
  cpuShare: Record<string, number>;
  stageCoreSeconds: Record<string, number>;
  overhead: { batch: number; multiPageDocument: { pages: number; share: number } };
  memory: { workerIdleMb: number; workerPeakMb: number; perOcrSlotMb: number };
  results1000: { p50Ms: number; p95Ms: number };
  twoWorkers: { activitiesPerWorker: Record<string, number> };
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** A heading, the figures against their goals, and the stage times, for one bench run. */
export function benchMarkdown(r: BenchFigures): string {
  const { pages } = r.corpus;
  const rows: Array<[string, string, string]> = [
    [
      `reference loop (bare tesseract.js, ${r.ocrSlots} workers)`,
      `${pages} pages in ${r.reference.seconds} s, ${r.reference.pagesPerSecond} pages/s`,
      '',
    ],
    [
      "native Tesseract, Debian's model (one single-threaded process per core)",
      r.nativeReference
        ? `${pages} pages in ${r.nativeReference.seconds} s, ${r.nativeReference.pagesPerSecond} pages/s (${r.nativeReference.version})`
        : 'not installed, skipped',
      '',
    ],
    [
      "native Tesseract, the pipeline's model (the `tesseract-native` engine alone)",
      r.nativeSameModel
        ? `${pages} pages in ${r.nativeSameModel.seconds} s, ${r.nativeSameModel.pagesPerSecond} pages/s (${r.nativeSameModel.model})`
        : 'not installed, skipped',
      '',
    ],
    [
      `pipeline, one batch through the API (OCR engine \`${r.ocrEngine}\`)`,
      `${pages} pages in ${r.pipeline.seconds} s, ${r.pipeline.pagesPerSecond} pages/s`,
      '',
    ],
    [
      '`ratio_vs_ocr_loop`',
      `**${r.ratioVsOcrLoop}**`,
      `≥ 0.90 — ${r.ratioVsOcrLoop >= 0.9 ? 'met' : 'not met'}`,
    ],
    [
      "`ratio_vs_ocr_loop` with the servers' CPU left out",
      String(r.ratioVsOcrLoopWithoutServers),
      'second line of the same goal',
    ],
    [
      '`ratio_vs_native`',
      r.ratioVsNative === null ? '–' : `**${r.ratioVsNative}**`,
      r.ratioVsNative === null
        ? '≥ 0.80'
        : `≥ 0.80 — ${r.ratioVsNative >= 0.8 ? 'met' : 'not met'}`,
    ],
    [
      '`ratio_vs_native` against the same model',
      r.ratioVsNativeSameModel === null ? '–' : String(r.ratioVsNativeSameModel),
      "second line: the model's share left out",
    ],
    [
      'pipeline pages/s per core; Temporal history events per page',
      `${r.pagesPerSecondPerCore}; ${r.historyEventsPerPage}`,
      '',
    ],
    [
      'CPU during the batch, by process',
      Object.entries(r.cpuShare)
        .map(([name, share]) => `${name} ${percent(share)}`)
        .join(', '),
      '',
    ],
    [
      `orchestration overhead, whole batch / one ${r.overhead.multiPageDocument.pages}-page document alone`,
      `${percent(r.overhead.batch)} / ${percent(r.overhead.multiPageDocument.share)} of wall time`,
      `≤ 5% — ${Math.max(r.overhead.batch, r.overhead.multiPageDocument.share) <= 0.05 ? 'met' : 'not met'}`,
    ],
    [
      'worker RSS idle / peak during the batch',
      `${r.memory.workerIdleMb} MB / ${r.memory.workerPeakMb} MB`,
      '',
    ],
    [
      'RSS per OCR worker (reference loop)',
      `${r.memory.perOcrSlotMb} MB`,
      `≤ 300 MB — ${r.memory.perOcrSlotMb <= 300 ? 'met' : 'not met'}`,
    ],
    [
      '`POST /v1/results`, 1,000 ids, p50 / p95',
      `${r.results1000.p50Ms} / **${r.results1000.p95Ms} ms**`,
      `p95 ≤ 300 ms — ${r.results1000.p95Ms <= 300 ? 'met' : 'not met'}`,
    ],
    [
      'two worker processes on one queue (activities each)',
      Object.values(r.twoWorkers.activitiesPerWorker).join(' and '),
      Object.keys(r.twoWorkers.activitiesPerWorker).length >= 2 ? 'both take work' : 'one took all',
    ],
  ];
  const stages = Object.entries(r.stageCoreSeconds)
    .sort(([, a], [, b]) => b - a)
    .map(([stage, seconds]) => `${stage} ${seconds}`)
    .join(', ');
  return [
    `### \`npm run bench\` (${r.date.slice(0, 10)}, ${r.corpus.documents} documents, ${pages} pages)`,
    '',
    '| figure | value | goal |',
    '| --- | --- | --- |',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    `Time inside activities, summed over the batch (seconds; storage split out): ${stages}.`,
  ].join('\n');
}
