// The command line as data: commander parses argv into one `CliCommand` without doing any I/O,
// so what every flag means is unit-tested; `main.ts` runs the result.
import { Command, CommanderError } from 'commander';
import type { TJobOptions } from '../jobs/manifest.js';
import {
  jobOptions,
  parseCategories,
  parseCount,
  parseFormat,
  parseOperation,
  UsageError,
} from './options.js';

interface ConnectionFlags {
  api?: string | undefined;
  key?: string | undefined;
}

export type CliCommand =
  | {
      kind: 'redact';
      connection: ConnectionFlags;
      inputs: string[];
      out: string;
      options: TJobOptions;
      concurrency: number;
      batchSize: number;
      timeoutMs: number;
      pollMs: number;
      json: boolean;
      allowReview: boolean;
    }
  | { kind: 'status'; connection: ConnectionFlags; jobs: string[]; json: boolean }
  | { kind: 'results'; connection: ConnectionFlags; ids: string[]; json: boolean }
  | { kind: 'login'; connection: ConnectionFlags }
  /** `--help` or `--version` (exit 0), or help after no command (exit 2): commander printed it. */
  | { kind: 'printed'; exitCode: 0 | 2 };

interface RawRedact extends ConnectionFlags {
  out: string;
  format?: string;
  categories?: string;
  operation: string;
  concurrency: string;
  batchSize: string;
  timeout: string;
  pollInterval: string;
  json?: boolean;
  allowReview?: boolean;
}

const connectionOptions = (command: Command) =>
  command
    .option('--api <url>', 'API base URL (or REDACTIFY_API_URL; default: the login’s)')
    .option('--key <key>', 'API key (or REDACTIFY_API_KEY, or `redactify login`)');

/** The output commander writes (help, errors); tests capture it. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Parses `argv` (without the node and script entries). Bad flags and values throw
 * `UsageError`; `--help` returns `{kind: 'printed'}`.
 *
 * @example parseCommand(['redact', 'scans/', '--out', 'clean/'], io)
 */
export function parseCommand(argv: readonly string[], io: CliOutput): CliCommand {
  let parsed: CliCommand | undefined;
  const program = new Command('redactify')
    .description('Removes PHI from scanned documents through a Redactify API.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      outputError: () => undefined,
    });

  connectionOptions(
    program
      .command('redact')
      .description('Redact files and directories into --out, resuming from its state file')
      .argument('<paths...>', 'files and directories to redact')
      .requiredOption('-o, --out <dir>', 'directory for the results and the state file'),
  )
    .option('--format <format>', 'output format: png, jpeg, tiff or pdf (default: the input’s)')
    .option('--categories <list>', 'comma-separated PHI categories to mask (default: all)')
    .option('--operation <operation>', 'what to do with PHI: mask', 'mask')
    .option('-c, --concurrency <n>', 'jobs in flight at once', '4')
    .option('--batch-size <n>', 'files per submission', '10')
    .option('--timeout <seconds>', 'stop (resumably) after this long', '3600')
    .option('--poll-interval <ms>', 'time between progress checks', '1000')
    .option('--json', 'print one JSON summary on stdout, no progress')
    .option('--allow-review', 'exit 0 even when pages are flagged for review')
    .action((paths: string[], raw: RawRedact) => {
      const format = raw.format === undefined ? undefined : parseFormat(raw.format);
      const categories = raw.categories === undefined ? undefined : parseCategories(raw.categories);
      parseOperation(raw.operation);
      parsed = {
        kind: 'redact',
        connection: { api: raw.api, key: raw.key },
        inputs: paths,
        out: raw.out,
        options: jobOptions({ format, categories }),
        concurrency: parseCount('--concurrency', raw.concurrency, 1, 256),
        batchSize: parseCount('--batch-size', raw.batchSize, 1, 1000),
        timeoutMs: parseCount('--timeout', raw.timeout, 1, 7 * 24 * 3600) * 1000,
        pollMs: parseCount('--poll-interval', raw.pollInterval, 50, 60_000),
        json: raw.json === true,
        allowReview: raw.allowReview === true,
      };
    });

  connectionOptions(
    program.command('status').description('Show jobs by id').argument('<jobs...>', 'job ids'),
  )
    .option('--json', 'print JSON')
    .action((jobs: string[], raw: ConnectionFlags & { json?: boolean }) => {
      parsed = {
        kind: 'status',
        connection: { api: raw.api, key: raw.key },
        jobs,
        json: raw.json === true,
      };
    });

  connectionOptions(
    program
      .command('results')
      .description('Show many jobs at once: ids, or --out directories of earlier runs')
      .argument('<ids...>', 'job ids, or directories holding a .redactify-state.json'),
  )
    .option('--json', 'print JSON')
    .action((ids: string[], raw: ConnectionFlags & { json?: boolean }) => {
      parsed = {
        kind: 'results',
        connection: { api: raw.api, key: raw.key },
        ids,
        json: raw.json === true,
      };
    });

  connectionOptions(
    program
      .command('login')
      .description('Check an API key and store it (with the API URL) in your config directory'),
  ).action((raw: ConnectionFlags) => {
    parsed = { kind: 'login', connection: { api: raw.api, key: raw.key } };
  });

  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') {
        return { kind: 'printed', exitCode: 0 };
      }
      if (err.code === 'commander.help') return { kind: 'printed', exitCode: 2 };
      throw new UsageError(err.message.replace(/^error: /, ''));
    }
    throw err;
  }
  if (!parsed) throw new UsageError('Name a command: redact, status, results or login');
  return parsed;
}
