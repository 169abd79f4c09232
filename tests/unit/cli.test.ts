// The CLI's pure parts: argument parsing, the state file, the summary and its exit code.
import { mkdtemp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryAfter } from '../../src/cli/api-client.js';
import { parseCommand } from '../../src/cli/command.js';
import { configPath, loadConfig, resolveConnection, saveConfig } from '../../src/cli/config.js';
import { checkDistinct, collectInputs, outputPath } from '../../src/cli/inputs.js';
import { parseApiUrl, parseCategories, parseFormat, UsageError } from '../../src/cli/options.js';
import { LineReporter, progressLine } from '../../src/cli/progress.js';
import { finishedEntry } from '../../src/cli/redact.js';
import {
  emptyState,
  inFlight,
  parseState,
  recordFile,
  recordRefused,
  recordSubmitted,
  unsubmitted,
} from '../../src/cli/state.js';
import { exitCode, formatCategories, formatTable, summaryRows } from '../../src/cli/summary.js';

const io = () => {
  const out: string[] = [];
  return { out, io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t) } };
};
const parse = (...argv: string[]) => parseCommand(argv, io().io);
const API = 'http://127.0.0.1:8000';
const at = new Date('2026-01-02T03:04:05Z');

describe('parseCommand', () => {
  it('parses redact with every option', () => {
    expect(
      parse(
        'redact',
        'scans/',
        'one.pdf',
        '--out',
        'clean',
        '--api',
        'http://127.0.0.1:9000',
        '--key',
        'rdk_x',
        '--format',
        'tif',
        '--categories',
        'name,ssn,health-plan-id',
        '--operation',
        'mask',
        '--concurrency',
        '3',
        '--json',
        '--allow-review',
      ),
    ).toEqual({
      kind: 'redact',
      connection: { api: 'http://127.0.0.1:9000', key: 'rdk_x' },
      inputs: ['scans/', 'one.pdf'],
      out: 'clean',
      options: { outputFormat: 'tiff', categories: ['NAME', 'SSN', 'HEALTH_PLAN_ID'] },
      concurrency: 3,
      batchSize: 10,
      timeoutMs: 3_600_000,
      pollMs: 1000,
      json: true,
      allowReview: true,
    });
  });

  it('defaults: no job options, four jobs in flight, progress shown, review fails the run', () => {
    expect(parse('redact', 'a.png', '-o', 'out')).toMatchObject({
      options: {},
      concurrency: 4,
      json: false,
      allowReview: false,
      connection: { api: undefined, key: undefined },
    });
  });

  it.each([
    [['redact', 'a.png'], /--out/],
    [['redact', '--out', 'o'], /paths/],
    [['redact', 'a.png', '-o', 'o', '--concurrency', '0'], /--concurrency must be a whole number/],
    [['redact', 'a.png', '-o', 'o', '--concurrency', '2.5'], /--concurrency/],
    [['redact', 'a.png', '-o', 'o', '--format', 'gif'], /--format must be one of/],
    [['redact', 'a.png', '-o', 'o', '--categories', 'NAME,SHOE_SIZE'], /SHOE_SIZE/],
    [['redact', 'a.png', '-o', 'o', '--operation', 'replace'], /--operation must be one of mask/],
    [['redact', 'a.png', '-o', 'o', '--frobnicate'], /unknown option/],
    [['frobnicate'], /unknown command/],
    [['status'], /jobs/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError);
    expect(() => parse(...argv)).toThrow(message);
  });

  it('prints help and version with exit 0, and help for no command with exit 2', () => {
    const help = io();
    expect(parseCommand(['--help'], help.io)).toEqual({ kind: 'printed', exitCode: 0 });
    expect(help.out.join('')).toContain('redact [options] <paths...>');
    expect(parse('--version')).toEqual({ kind: 'printed', exitCode: 0 });
    expect(parse()).toEqual({ kind: 'printed', exitCode: 2 });
  });

  it('parses status, results and login', () => {
    expect(parse('status', 'job-1', 'job-2', '--json')).toEqual({
      kind: 'status',
      connection: { api: undefined, key: undefined },
      jobs: ['job-1', 'job-2'],
      json: true,
    });
    expect(parse('results', 'out/', '--key', 'k')).toMatchObject({
      kind: 'results',
      ids: ['out/'],
      connection: { key: 'k' },
      json: false,
    });
    expect(parse('login', '--api', API)).toEqual({
      kind: 'login',
      connection: { api: API, key: undefined },
    });
  });
});

describe('option values', () => {
  it('normalises formats, categories and API URLs', () => {
    expect(parseFormat('JPG')).toBe('jpeg');
    expect(parseFormat('pdf')).toBe('pdf');
    expect(parseCategories(' name , NAME,date ')).toEqual(['NAME', 'DATE']);
    expect(parseApiUrl('https://redact.example.org/')).toBe('https://redact.example.org');
    expect(() => parseApiUrl('ftp://x')).toThrow(UsageError);
    expect(() => parseApiUrl('http://user:pw@x')).toThrow(/credentials/);
    expect(() => parseApiUrl('not a url')).toThrow(UsageError);
  });
});

describe('config', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'redactify-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lives under XDG_CONFIG_HOME when it is absolute, else ~/.config', () => {
    expect(configPath({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe(
      '/x/cfg/redactify/config.json',
    );
    expect(configPath({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe(
      '/home/u/.config/redactify/config.json',
    );
    expect(configPath({}, '/home/u')).toBe('/home/u/.config/redactify/config.json');
  });

  it('is written readable by its owner only, and read back', async () => {
    const path = join(dir, 'redactify', 'config.json');
    await saveConfig(path, { apiUrl: API, apiKey: 'rdk_secret' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'redactify'))).mode & 0o777).toBe(0o700);
    expect(await loadConfig(path)).toEqual({ apiUrl: API, apiKey: 'rdk_secret' });
    expect(await loadConfig(join(dir, 'none.json'))).toEqual({});
    await writeFile(join(dir, 'bad.json'), '{');
    await expect(loadConfig(join(dir, 'bad.json'))).rejects.toThrow(UsageError);
  });

  it('takes flags over the environment over the file, and needs a key', () => {
    const file = { apiUrl: 'http://127.0.0.1:1111', apiKey: 'from-file' };
    const env = { REDACTIFY_API_URL: 'http://127.0.0.1:2222', REDACTIFY_API_KEY: 'from-env' };
    expect(resolveConnection({ key: 'flag' }, env, file)).toEqual({
      api: 'http://127.0.0.1:2222',
      key: 'flag',
    });
    expect(resolveConnection({}, {}, file)).toEqual({
      api: 'http://127.0.0.1:1111',
      key: 'from-file',
    });
    expect(resolveConnection({ key: 'k' }, {}, {})).toEqual({ api: API, key: 'k' });
    expect(() => resolveConnection({}, {}, { apiUrl: API })).toThrow(/No API key/);
  });
});

describe('inputs', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'redactify-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('walks directories for documents, skipping hidden entries and --out', async () => {
    await mkdir(join(dir, 'scans', 'sub'), { recursive: true });
    await mkdir(join(dir, 'scans', 'out'), { recursive: true });
    for (const f of [
      'scans/b.PNG',
      'scans/a.pdf',
      'scans/sub/c.tiff',
      'scans/notes.txt',
      'scans/.d.png',
      'scans/out/x.png',
      'e.jpg',
    ]) {
      await writeFile(join(dir, f), 'x');
    }
    const files = await collectInputs(
      [join(dir, 'scans'), join(dir, 'e.jpg'), join(dir, 'e.jpg')],
      join(dir, 'scans', 'out'),
    );
    expect(files.map((f) => f.relative)).toEqual(['a.pdf', 'b.PNG', 'sub/c.tiff', 'e.jpg']);
    await expect(collectInputs([join(dir, 'missing')], join(dir, 'o'))).rejects.toThrow(
      /No such file/,
    );
    await expect(collectInputs([join(dir, 'e.jpg')], dir)).rejects.toThrow(/overwrite the inputs/);
  });

  it('names outputs after the output format and refuses two inputs with one output', () => {
    expect(outputPath('scans/a.png', 'pdf')).toBe('scans/a.pdf');
    expect(outputPath('a.jpeg', 'jpeg')).toBe('a.jpeg');
    expect(outputPath('a.TIF', 'tiff')).toBe('a.TIF');
    expect(outputPath('a.webp', 'png')).toBe('a.png');
    expect(outputPath('a.png', undefined)).toBe('a.png');
    expect(() =>
      checkDistinct([
        { path: '/a/x.png', relative: 'x.png', size: 1 },
        { path: '/b/x.png', relative: 'x.png', size: 1 },
      ]),
    ).toThrow(/both be written as x.png/);
  });
});

describe('state', () => {
  const inputs = ['a.png', 'b.png', 'c.png'].map((relative) => ({ relative }));

  it('uploads only files without a job, and polls only unfinished ones', () => {
    let state = recordSubmitted(emptyState(API), 'a.png', 'job-a', at);
    state = recordSubmitted(state, 'b.png', 'job-b', at);
    state = recordFile(state, 'b.png', { status: 'completed', pages: 2 });
    state = recordRefused(state, 'c.png', { code: 'UNSUPPORTED_TYPE', message: 'no' }, at);
    expect(unsubmitted(state, inputs).map((f) => f.relative)).toEqual(['c.png']);
    expect(inFlight(state, inputs).map((f) => f.relative)).toEqual(['a.png']);
    expect(state.files['a.png']).toEqual({
      jobId: 'job-a',
      status: 'submitted',
      submittedAt: at.toISOString(),
    });
    expect(() => recordFile(state, 'zzz.png', { status: 'failed' })).toThrow();
  });

  it('round-trips through JSON and refuses a file from another API or not ours', () => {
    const state = recordSubmitted(emptyState(API), 'a.png', 'job-a', at);
    expect(parseState(JSON.stringify(state), API)).toEqual(state);
    expect(() => parseState(JSON.stringify(state), 'http://127.0.0.1:9')).toThrow(
      /belongs to jobs on/,
    );
    expect(() => parseState('{"files": 3}', API)).toThrow(/not a redactify state file/);
    expect(() => parseState('nope', API)).toThrow(/not valid JSON/);
  });
});

describe('finishedEntry', () => {
  const result = {
    pages: 3,
    entitiesMasked: 7,
    byCategory: { NAME: 4, SSN: 3 },
    processingMs: 4200,
    outputType: 'tiff',
    review: 'none',
    pagesFlagged: [],
  };
  it('maps completed, flagged, failed, held and unknown jobs', () => {
    expect(finishedEntry({ id: 'j', status: 'completed', result })).toEqual({
      status: 'completed',
      pages: 3,
      entities: 7,
      byCategory: { NAME: 4, SSN: 3 },
      pagesFlagged: [],
      processingMs: 4200,
    });
    expect(
      finishedEntry({
        id: 'j',
        status: 'completed',
        result: { ...result, review: 'required', pagesFlagged: [1] },
      }),
    ).toMatchObject({ status: 'review', pagesFlagged: [1] });
    expect(
      finishedEntry({
        id: 'j',
        status: 'failed',
        result: null,
        error: { code: 'CORRUPT_INPUT', message: 'm' },
      }),
    ).toEqual({ status: 'failed', error: { code: 'CORRUPT_INPUT', message: 'm' } });
    expect(finishedEntry({ id: 'j', status: 'review', result: null })).toEqual({
      status: 'review',
    });
    expect(finishedEntry({ id: 'j', status: 'not_found' })).toMatchObject({
      status: 'failed',
      error: { code: 'JOB_NOT_FOUND' },
    });
  });
});

describe('summary', () => {
  const base = () => {
    let state = recordSubmitted(emptyState(API), 'a.png', 'job-a', at);
    state = recordFile(state, 'a.png', {
      status: 'completed',
      pages: 1,
      entities: 7,
      byCategory: { SSN: 1, NAME: 2, DATE: 2, MRN: 0 },
      pagesFlagged: [],
      processingMs: 1234,
      output: 'a.png',
    });
    return state;
  };

  it('exits 0 only when every file completed', () => {
    const state = base();
    expect(exitCode(summaryRows(state, ['a.png']), false)).toBe(0);
    expect(exitCode(summaryRows(state, ['a.png', 'never.png']), false)).toBe(1);
    const failed = recordRefused(state, 'b.png', { code: 'EMPTY_FILE', message: 'm' }, at);
    expect(exitCode(summaryRows(failed, ['a.png', 'b.png']), true)).toBe(1);
    const running = recordSubmitted(state, 'b.png', 'job-b', at);
    expect(exitCode(summaryRows(running, ['a.png', 'b.png']), true)).toBe(1);
  });

  it('exits 1 for a file needing review unless --allow-review', () => {
    const flagged = recordFile(base(), 'a.png', { status: 'review', pagesFlagged: [0] });
    const rows = summaryRows(flagged, ['a.png']);
    expect(rows[0]?.review).toBe(true);
    expect(exitCode(rows, false)).toBe(1);
    expect(exitCode(rows, true)).toBe(0);
  });

  it('prints one row per file with categories, review and time, and totals', () => {
    const state = recordRefused(base(), 'b.png', { code: 'EMPTY_FILE', message: 'm' }, at);
    const table = formatTable(summaryRows(state, ['a.png', 'b.png', 'c.png']));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^file\s+status\s+pages\s+entities\s+by category\s+review\s+time \(s\)$/,
    );
    expect(lines[2]).toMatch(/^a\.png\s+completed\s+1\s+7\s+DATE 2, NAME 2, SSN 1\s+-\s+1\.2$/);
    expect(lines[3]).toMatch(/^b\.png\s+failed \(EMPTY_FILE\)\s+-\s+-\s+-\s+-\s+-$/);
    expect(lines[4]).toMatch(/^c\.png\s+pending/);
    expect(lines.at(-1)).toBe(
      '1/3 completed, 0 need review, 1 failed, 1 not finished; 1 pages, 7 entities masked',
    );
    expect(formatCategories({})).toBe('');
  });
});

describe('retryAfter', () => {
  it('reads whole seconds and ignores anything else', () => {
    expect(retryAfter('17')).toBe(17);
    expect(retryAfter(' 3 ')).toBe(3);
    expect(retryAfter(null)).toBeUndefined();
    expect(retryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
  });
});

describe('line progress', () => {
  it('writes a line per change only', () => {
    const lines: string[] = [];
    const reporter = new LineReporter((l) => lines.push(l));
    reporter.start(['a.tiff']);
    reporter.update('a.tiff', 'queued', 0, 0);
    reporter.update('a.tiff', 'queued', 0, 0);
    reporter.update('a.tiff', 'running', 1, 3);
    reporter.update('a.tiff', 'running', 1, 3);
    reporter.update('a.tiff', 'completed', 3, 3);
    expect(lines).toEqual([
      '1 file to redact',
      'a.tiff: queued',
      'a.tiff: running 1/3 pages',
      'a.tiff: completed 3/3 pages',
    ]);
    expect(progressLine('x', 'failed', 0, 0)).toBe('x: failed');
  });
});
