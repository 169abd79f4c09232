// The end of a run, as pure functions: one row per file, a plain-text table, and the exit code.
import type { TFileState, TRunState } from './state.js';

/** Exit codes: everything completed; a file failed or needs review; the command was misused. */
export const EXIT = { ok: 0, incomplete: 1, usage: 2 } as const;

export interface SummaryRow {
  file: string;
  status: TFileState['status'] | 'pending';
  jobId: string | null;
  pages: number | null;
  entities: number | null;
  byCategory: Record<string, number>;
  review: boolean;
  seconds: number | null;
  output: string | null;
  error: { code: string; message: string } | null;
}

/** One row per input, in input order; inputs without a job (never submitted) are `pending`. */
export function summaryRows(state: TRunState, inputs: readonly string[]): SummaryRow[] {
  return inputs.map((file) => {
    const f = state.files[file];
    return {
      file,
      status: f?.status ?? 'pending',
      jobId: f?.jobId ?? null,
      pages: f?.pages ?? null,
      entities: f?.entities ?? null,
      byCategory: f?.byCategory ?? {},
      review: f?.status === 'review' || (f?.pagesFlagged?.length ?? 0) > 0,
      seconds: f?.processingMs === undefined ? null : Math.round(f.processingMs / 100) / 10,
      output: f?.output ?? null,
      error: f?.error ?? null,
    };
  });
}

/**
 * 0 when every file completed (files flagged for review count as completed with
 * `allowReview`); 1 otherwise, including files not finished when the run stopped.
 */
export function exitCode(rows: readonly SummaryRow[], allowReview: boolean): number {
  const fine = rows.every(
    (r) =>
      (r.status === 'completed' && (!r.review || allowReview)) ||
      (r.status === 'review' && allowReview),
  );
  return fine ? EXIT.ok : EXIT.incomplete;
}

/** `NAME 3, SSN 1`, biggest first. */
export function formatCategories(byCategory: Record<string, number>): string {
  return Object.entries(byCategory)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
}

const cell = (value: number | null) => (value === null ? '-' : String(value));

/** A plain-text table (no colours, so it reads the same in a log file). */
export function formatTable(rows: readonly SummaryRow[]): string {
  const header = ['file', 'status', 'pages', 'entities', 'by category', 'review', 'time (s)'];
  const body = rows.map((r) => [
    r.file,
    r.error ? `${r.status} (${r.error.code})` : r.status,
    cell(r.pages),
    cell(r.entities),
    formatCategories(r.byCategory) || '-',
    r.review ? 'needed' : '-',
    cell(r.seconds),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const totals = totalsOf(rows);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    `${totals.completed}/${rows.length} completed, ${totals.review} need review, ${totals.failed} failed, ${totals.pending} not finished; ${totals.pages} pages, ${totals.entities} entities masked`,
  ].join('\n');
}

export function totalsOf(rows: readonly SummaryRow[]) {
  return {
    completed: rows.filter((r) => r.status === 'completed').length,
    review: rows.filter((r) => r.review).length,
    failed: rows.filter((r) => r.status === 'failed').length,
    pending: rows.filter((r) => r.status === 'pending' || r.status === 'submitted').length,
    pages: rows.reduce((n, r) => n + (r.pages ?? 0), 0),
    entities: rows.reduce((n, r) => n + (r.entities ?? 0), 0),
  };
}
