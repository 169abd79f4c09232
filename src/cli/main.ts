// The `redactify` command: parse, run, print, exit 0 (all completed), 1 (a file failed or needs
// review, or the API refused) or 2 (usage).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { ApiClient, ApiError, type TJobView } from './api-client.js';
import { parseCommand, type CliCommand } from './command.js';
import {
  configPath,
  DEFAULT_API_URL,
  loadConfig,
  resolveConnection,
  saveConfig,
} from './config.js';
import { parseApiUrl, UsageError } from './options.js';
import { BarReporter, LineReporter, SilentReporter, type Reporter } from './progress.js';
import { runRedact } from './redact.js';
import { loadState, STATE_FILE } from './state.js';
import { EXIT, exitCode, formatTable, totalsOf } from './summary.js';

const print = (text: string) => process.stdout.write(`${text}\n`);
const printErr = (text: string) => process.stderr.write(`${text}\n`);

async function connect(flags: { api?: string | undefined; key?: string | undefined }) {
  const connection = resolveConnection(flags, process.env, await loadConfig(configPath()));
  return { ...connection, client: new ApiClient(connection.api, connection.key) };
}

function reporterFor(json: boolean): Reporter {
  if (json) return new SilentReporter();
  return process.stderr.isTTY ? new BarReporter(process.stderr) : new LineReporter(printErr);
}

async function redact(command: Extract<CliCommand, { kind: 'redact' }>): Promise<number> {
  const { api, client } = await connect(command.connection);
  const reporter = reporterFor(command.json);
  const abort = new AbortController();
  // First Ctrl-C: finish the current step and save the state; a second one quits at once.
  const onSignal = () => {
    if (abort.signal.aborted) process.exit(130);
    abort.abort();
    reporter.note('Stopping: the state is saved; run the same command again to resume.');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let run;
  try {
    run = await runRedact(command, { client, api, reporter, signal: abort.signal });
  } finally {
    reporter.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const code = exitCode(run.rows, command.allowReview);
  if (command.json) {
    print(
      JSON.stringify({
        files: run.rows,
        totals: totalsOf(run.rows),
        stopped: run.stopped,
        exitCode: code,
      }),
    );
  } else {
    print(formatTable(run.rows));
    if (run.stopped) print(`Stopped (${run.stopped}); run the same command again to resume.`);
  }
  return code;
}

/** One job as a line: id, status, and pages and entities, the error, or the progress. */
function jobLine(v: TJobView): string {
  const detail = v.result
    ? `${v.result.pages} pages, ${v.result.entitiesMasked} entities${v.result.review === 'required' ? ', review needed' : ''}`
    : v.error
      ? `${v.error.code}: ${v.error.message}`
      : v.progress && v.progress.pagesTotal > 0
        ? `${v.progress.stage} ${v.progress.pagesDone}/${v.progress.pagesTotal} pages`
        : (v.progress?.stage ?? '');
  return `${v.id}  ${v.status}  ${detail}`.trimEnd();
}

async function status(command: Extract<CliCommand, { kind: 'status' }>): Promise<number> {
  const { client } = await connect(command.connection);
  const views: TJobView[] = [];
  for (const id of command.jobs) {
    try {
      views.push(await client.job(id));
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'JOB_NOT_FOUND') throw err;
      views.push({ id, status: 'not_found' });
    }
  }
  if (command.json) print(JSON.stringify({ jobs: views }));
  else for (const v of views) print(jobLine(v));
  return views.some((v) => v.status === 'not_found') ? EXIT.incomplete : EXIT.ok;
}

/** Job ids from the arguments: ids as given, and every job of a state file in a named directory. */
async function idsFrom(args: readonly string[], api: string): Promise<string[]> {
  const ids: string[] = [];
  for (const arg of args) {
    const isDir = await stat(arg).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) {
      ids.push(arg);
      continue;
    }
    await stat(join(arg, STATE_FILE)).catch(() => {
      throw new UsageError(`${arg} holds no ${STATE_FILE}`);
    });
    const state = await loadState(arg, api);
    ids.push(...Object.values(state.files).flatMap((f) => (f.jobId ? [f.jobId] : [])));
  }
  return ids;
}

async function results(command: Extract<CliCommand, { kind: 'results' }>): Promise<number> {
  const { api, client } = await connect(command.connection);
  const ids = await idsFrom(command.ids, api);
  if (ids.length === 0) throw new UsageError('No job ids to look up');
  const views = await client.results(ids);
  if (command.json) print(JSON.stringify({ results: views }));
  else for (const v of views) print(jobLine(v));
  return views.some((v) => v.status === 'not_found') ? EXIT.incomplete : EXIT.ok;
}

/** Reads the key from stdin; on a terminal, without echoing it. */
async function readKey(): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY });
  try {
    const question = rl.question('API key: ');
    muted = process.stdin.isTTY;
    const key = (await question).trim();
    if (process.stdin.isTTY) process.stderr.write('\n');
    return key;
  } finally {
    rl.close();
  }
}

async function login(command: Extract<CliCommand, { kind: 'login' }>): Promise<number> {
  const path = configPath();
  const config = await loadConfig(path);
  const api = parseApiUrl(
    command.connection.api ?? process.env.REDACTIFY_API_URL ?? config.apiUrl ?? DEFAULT_API_URL,
  );
  const key = command.connection.key ?? (await readKey());
  if (!key) throw new UsageError('No key given');
  const stats = await new ApiClient(api, key).stats();
  await saveConfig(path, { apiUrl: api, apiKey: key });
  print(`Key for account ${stats.accountId} on ${api} saved in ${path} (mode 0600)`);
  return EXIT.ok;
}

async function run(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv, {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  });
  switch (command.kind) {
    case 'printed':
      return command.exitCode;
    case 'redact':
      return redact(command);
    case 'status':
      return status(command);
    case 'results':
      return results(command);
    case 'login':
      return login(command);
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    printErr(`redactify: ${err.message} (see redactify --help)`);
    process.exitCode = EXIT.usage;
  } else if (err instanceof ApiError) {
    printErr(`redactify: ${err.code}: ${err.message}`);
    process.exitCode = EXIT.incomplete;
  } else {
    // A local problem (a file that cannot be read or written): its message names it.
    printErr(`redactify: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = EXIT.incomplete;
  }
}
