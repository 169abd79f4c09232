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
