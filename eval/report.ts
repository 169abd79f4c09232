// Prints the evaluation tables: per category, per document, and the headline figures.
import type { DocumentOutcome, Metrics, Rate } from './metrics.js';

const pct = (r: Rate) => `${(r.rate * 100).toFixed(2)}% (${r.hit}/${r.total})`;

export function printReport(
  docs: readonly DocumentOutcome[],
  m: Metrics,
  thresholds: { masked: number; overRedacted: number },
) {
  console.log('\nper document');
  console.table(
    docs.map((d) => {
      const phi = d.words.filter((w) => w.category);
      const safe = d.words.filter((w) => !w.category);
      return {
        id: d.id,
        format: d.format,
        scanned: d.scanned,
        pages: d.pages,
        phi_words: phi.length,
        word_recall: (
          phi.filter((w) => w.coverage >= thresholds.masked).length / Math.max(1, phi.length)
        ).toFixed(3),
        over_redaction: (
          safe.filter((w) => w.coverage >= thresholds.overRedacted).length /
          Math.max(1, safe.length)
        ).toFixed(3),
        leaks: d.leaks.ocr + d.leaks.pdfText + d.leaks.metadata,
        review: d.review,
      };
    }),
  );
  console.log('\nper PHI type');
  console.table(
    Object.fromEntries(
      Object.entries(m.byCategory).map(([category, r]) => [
        category,
        {
          entities: r.entities.total,
          entity_recall: r.entities.rate.toFixed(4),
          words: r.words.total,
          word_recall: r.words.rate.toFixed(4),
        },
      ]),
    ),
  );
  console.log(`
entity recall   ${pct(m.entityRecall)}   clean ${pct(m.entityRecallClean)}   scans ${pct(m.entityRecallScans)}
word recall     ${pct(m.wordRecall)}
over-redaction  ${pct(m.overRedaction)} of safe words
leaks           ${m.leaks.total} (re-OCR ${m.leaks.ocr}, PDF text layer ${m.leaks.pdfText}, metadata ${m.leaks.metadata})`);
}

/** One corpus's figures, as the multi-corpus tables show them. */
export interface CorpusResult {
  name: string;
  sealed: boolean;
  /** True when the documents matched the corpus's frozen.json. */
  frozen: boolean;
  documents: number;
  pages: number;
  metrics: Metrics;
}

/** A table as header and rows of cells, rendered as text or Markdown from the same cells. */
export interface Table {
  head: string[];
  rows: string[][];
}

const share = (r: Rate) => (r.total === 0 ? '–' : `${r.rate.toFixed(4)} (${r.hit}/${r.total})`);

/** Per corpus: recall overall and clean against scanned, over-redaction, leaks by kind. */
export function summaryTable(results: readonly CorpusResult[]): Table {
  return {
    head: [
      'corpus',
      'docs',
      'pages',
      'entity recall',
      'clean',
      'scanned',
      'word recall',
      'over-redaction',
      'leaks (re-OCR / PDF text / metadata)',
    ],
    rows: results.map((r) => {
      const m = r.metrics;
      return [
        `${r.name}${r.sealed ? ' (sealed)' : ''}${r.frozen ? ' (frozen)' : ''}`,
        String(r.documents),
        String(r.pages),
        share(m.entityRecall),
        share(m.entityRecallClean),
        share(m.entityRecallScans),
        share(m.wordRecall),
        `${(m.overRedaction.rate * 100).toFixed(2)} % (${m.overRedaction.hit}/${m.overRedaction.total})`,
        `${m.leaks.total} (${m.leaks.ocr} / ${m.leaks.pdfText} / ${m.leaks.metadata})`,
      ];
    }),
  };
}

/** The columns of `table` named in `names`, in that order (the README's short table). */
export function pickColumns(table: Table, names: readonly string[]): Table {
  const indexes = names.map((name) => {
    const i = table.head.indexOf(name);
    if (i < 0) throw new Error(`no column "${name}"`);
    return i;
  });
  return {
    head: indexes.map((i) => table.head[i] ?? ''),
    rows: table.rows.map((row) => indexes.map((i) => row[i] ?? '')),
  };
}

/** Entity recall per PHI type, one column per corpus (`–` where a corpus has none). */
export function perTypeTable(results: readonly CorpusResult[]): Table {
  const types = [...new Set(results.flatMap((r) => Object.keys(r.metrics.byCategory)))].sort();
  return {
    head: ['PHI type', ...results.map((r) => r.name)],
    rows: types.map((type) => [
      type,
      ...results.map((r) => {
        const c = r.metrics.byCategory[type];
        return c ? share(c.entities) : '–';
      }),
    ]),
  };
}

/** A table in aligned columns for the terminal. */
export function textTable(table: Table): string {
  const widths = table.head.map((h, i) =>
    Math.max(h.length, ...table.rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(table.head), ...table.rows.map(line)].join('\n');
}

/** A table in GitHub Markdown. */
export function markdownTable(table: Table): string {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = `|${table.head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  return [row(table.head), rule, ...table.rows.map(row)].join('\n');
}

/** The two multi-corpus tables as a Markdown section (what docs/evaluation.md is generated from). */
export function markdownReport(
  results: readonly CorpusResult[],
  run: { date: string; command: string; seconds: number },
): string {
  return [
    `### \`${run.command}\` (${run.date}, ${run.seconds.toFixed(0)} s)`,
    '',
    'Entity recall: a mention counts when every one of its words is masked. Word recall: PHI',
    'words masked. Over-redaction: safe words at least half covered. Leaks: PHI text read again',
    'in the output by OCR, in a PDF text layer, or in the file bytes.',
    '',
    markdownTable(summaryTable(results)),
    '',
    'Entity recall per PHI type:',
    '',
    markdownTable(perTypeTable(results)),
    '',
  ].join('\n');
}
