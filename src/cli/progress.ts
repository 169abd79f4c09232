// How a run shows its progress: bars per file and overall on a terminal (cli-progress), one line
// per change otherwise, nothing with --json (the summary object is the whole output).
import { MultiBar, Presets, type SingleBar } from 'cli-progress';

export interface Reporter {
  /** Every file of the run, before anything is submitted. */
  start(files: readonly string[]): void;
  /** A file's job moved: status and pages (total 0 while the document is not split yet). */
  update(file: string, status: string, pagesDone: number, pagesTotal: number): void;
  /** Something the person should know, outside the bars. */
  note(message: string): void;
  stop(): void;
}

/**
 * One progress line, the same in logs and tests.
 *
 * @example progressLine('a.tiff', 'running', 1, 3) // 'a.tiff: running 1/3 pages'
 */
export function progressLine(file: string, status: string, done: number, total: number): string {
  return total > 0 ? `${file}: ${status} ${done}/${total} pages` : `${file}: ${status}`;
}

/** Line-based: a line whenever a file's status or page count changes. */
export class LineReporter implements Reporter {
  private readonly last = new Map<string, string>();
  constructor(private readonly write: (line: string) => void) {}
  start(files: readonly string[]) {
    this.write(`${files.length} file${files.length === 1 ? '' : 's'} to redact`);
  }
  update(file: string, status: string, done: number, total: number) {
    const line = progressLine(file, status, done, total);
    if (this.last.get(file) === line) return;
    this.last.set(file, line);
    this.write(line);
  }
  note(message: string) {
    this.write(message);
  }
  stop() {}
}

/** Reports nothing (--json). */
export class SilentReporter implements Reporter {
  start() {}
  update() {}
  note() {}
  stop() {}
}

interface FilePages {
  done: number;
  total: number;
  finished: boolean;
}

/** Bars on a terminal: one per file, and an overall one with pages done and the ETA. */
export class BarReporter implements Reporter {
  private readonly bars: MultiBar;
  private overall: SingleBar | undefined;
  private readonly files = new Map<string, { bar: SingleBar; pages: FilePages }>();

  constructor(stream: NodeJS.WritableStream = process.stderr) {
    this.bars = new MultiBar(
      {
        stream,
        format: ' {bar} {name} | {value}/{total} pages | {status}',
        hideCursor: true,
        clearOnComplete: false,
        barsize: 24,
        etaBuffer: 50,
        fps: 5,
      },
      Presets.shades_classic,
    );
  }

  start(files: readonly string[]) {
    const width = Math.min(40, Math.max(...files.map((f) => f.length), 7));
    this.overall = this.bars.create(
      files.length,
      0,
      { name: 'overall'.padEnd(width), status: `0/${files.length} files` },
      { format: ' {bar} {name} | {value}/{total} pages | {status} | ETA {eta_formatted}' },
    );
    for (const file of files) {
      const name = file.length > width ? `…${file.slice(-(width - 1))}` : file.padEnd(width);
      const bar = this.bars.create(1, 0, { name, status: 'waiting' });
      this.files.set(file, { bar, pages: { done: 0, total: 0, finished: false } });
    }
  }

  update(file: string, status: string, done: number, total: number) {
    const entry = this.files.get(file);
    if (!entry) return;
    const finished = ['completed', 'failed', 'review', 'cancelled', 'not_found'].includes(status);
    entry.pages = { done: finished && total > 0 ? total : done, total, finished };
    entry.bar.setTotal(Math.max(total, 1));
    entry.bar.update(total > 0 ? entry.pages.done : finished ? 1 : 0, { status });
    const all = [...this.files.values()].map((f) => f.pages);
    // Pages of documents not split yet count as one each, so the overall total only grows a little.
    const pagesTotal = all.reduce((n, p) => n + Math.max(p.total, 1), 0);
    const pagesDone = all.reduce((n, p) => n + (p.total > 0 ? p.done : p.finished ? 1 : 0), 0);
    const filesDone = all.filter((p) => p.finished).length;
    this.overall?.setTotal(pagesTotal);
    this.overall?.update(pagesDone, { status: `${filesDone}/${all.length} files` });
  }

  note(message: string) {
    this.bars.log(`${message}\n`);
  }

  stop() {
    this.bars.stop();
  }
}
