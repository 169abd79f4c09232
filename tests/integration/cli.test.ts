// The `redactify` CLI against a real API, Temporal and MinIO: a folder in, a folder out; killed
// after its first submission and run again, it resumes by job id and uploads nothing twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_FILE, ZRunState, type TRunState } from '../../src/cli/state.js';
import {
  darkFraction,
  formPage,
  intakeLines,
  PATIENTS,
  type TestPage,
} from '../fixtures/documents.js';
import { TestPipeline, type ServedApi } from '../support/pipeline.js';

const BIN = resolve(import.meta.dirname, '../../bin/redactify.js');
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

let pipeline: TestPipeline;
let api: ServedApi;
let apiKey: string;
let dir: string;
const taskQueue = TestPipeline.taskQueue();

beforeAll(async () => {
  pipeline = await TestPipeline.open();
  api = await pipeline.serveApi(taskQueue);
  apiKey = (await api.register()).apiKey;
  dir = await mkdtemp(join(tmpdir(), 'redactify-cli-it-'));
});
afterAll(async () => {
  await api.stop();
  await pipeline.close();
  await rm(dir, { recursive: true, force: true });
});

interface CliRun {
  child: ChildProcess;
  /** Everything printed so far. */
  output(): string;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function runCli(args: readonly string[], stdin?: string): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    // Its own config dir, and no key from the environment: the key is passed with --key.
    env: { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config') },
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (stdin !== undefined) child.stdin?.end(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((ok) =>
    child.on('exit', (code) => ok({ code, stdout, stderr })),
  );
  return { child, exited, output: () => stdout + stderr };
}

async function readState(out: string): Promise<TRunState | undefined> {
  const text = await readFile(join(out, STATE_FILE), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : ZRunState.parse(JSON.parse(text));
}

async function jobsSubmitted(): Promise<number> {
  const response = await fetch(`${api.base}/v1/auth/stats`, { headers: { 'x-api-key': apiKey } });
  return ((await response.json()) as { jobsSubmitted: number }).jobsSubmitted;
}

describe('redactify CLI', () => {
  it('redacts a folder, resumes after being killed without uploading twice, and exits 0', async () => {
    const input = join(dir, 'scans');
    const out = join(dir, 'clean');
    await mkdir(join(input, 'ward'), { recursive: true });
    const pages: Record<string, TestPage> = {};
    for (const [i, name] of ['a.png', 'b.png', 'ward/c.png'].entries()) {
      const page = await formPage(intakeLines(PATIENTS[i]!));
      pages[name] = page;
      await writeFile(join(input, name), page.png);
    }
    const args = [
      'redact',
      input,
      '--out',
      out,
      '--api',
      api.base,
      '--key',
      apiKey,
      '--concurrency',
      '1',
      '--poll-interval',
      '200',
    ];

    // No worker yet: the first job stays queued, so the run is certainly mid-way when killed.
    const first = runCli(args);
    let state: TRunState | undefined;
    for (let i = 0; i < 600 && !state; i++) {
      state = await readState(out);
      if (!state) await new Promise((r) => setTimeout(r, 100));
    }
    expect(state, 'the first run wrote its state file').toBeDefined();
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.code).toBeNull();
    const firstJob = state!.files['a.png']?.jobId;
    expect(firstJob).toMatch(/^job-/);
    expect(Object.keys(state!.files)).toEqual(['a.png']);
    expect(await jobsSubmitted()).toBe(1);

    // Ctrl-C while waiting on that job: it stops cleanly, says how to resume, exits 1.
    const interrupted = runCli(args);
    for (let i = 0; i < 600 && !/a\.png: queued/.test(interrupted.output()); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    interrupted.child.kill('SIGINT');
    const stopped = await interrupted.exited;
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain(
      'Stopped (interrupted); run the same command again to resume.',
    );
    expect(stopped.stdout).toMatch(/^b\.png\s+pending/m);
    expect(await jobsSubmitted()).toBe(1);

    const second = runCli(args);
    const resumed = await pipeline.runWorkers(taskQueue, second.exited);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await jobsSubmitted()).toBe(3);

    const final = (await readState(out))!;
    expect(final.files['a.png']?.jobId).toBe(firstJob);
    expect(new Set(Object.values(final.files).map((f) => f.jobId)).size).toBe(3);
    for (const [name, page] of Object.entries(pages)) {
      expect(final.files[name]).toMatchObject({ status: 'completed', pages: 1, output: name });
      const output = await readFile(join(out, name));
      expect(await sharp(output).metadata()).toMatchObject({
        format: 'png',
        width: page.width,
        height: page.height,
      });
      expect((await stat(join(out, name))).mode & 0o777).toBe(0o600);
      for (const word of page.words.filter((w) => w.phi)) {
        expect(await darkFraction(output, word.box), `${name}: PHI masked`).toBeGreaterThan(0.97);
      }
    }
    // Non-TTY: progress as lines on stderr, the summary table on stdout.
    expect(resumed.stderr).toMatch(/^ward\/c\.png: completed 1\/1 pages$/m);
    const rows = resumed.stdout.split('\n');
    expect(rows[0]).toMatch(/^file\s+status\s+pages\s+entities\s+by category\s+review\s+time/);
    for (const name of Object.keys(pages)) {
      expect(rows.find((r) => r.startsWith(`${name} `))).toMatch(/completed\s+1\s+7\s+\S/);
    }
    expect(resumed.stdout).toContain('3/3 completed');
    // Kept (git-ignored) for the README's example.
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(join(ARTIFACTS, 'cli-summary.txt'), resumed.stdout);
    for (const secret of [PATIENTS[0]!.name, PATIENTS[0]!.ssn]) {
      expect(resumed.stdout + resumed.stderr).not.toContain(secret);
    }

    // A third run has nothing to do: no upload, no worker needed, the same summary as JSON.
    const third = await runCli([...args, '--json']).exited;
    expect(third.code).toBe(0);
    expect(await jobsSubmitted()).toBe(3);
    const summary = JSON.parse(third.stdout) as { exitCode: number; totals: { completed: number } };
    expect(summary).toMatchObject({ exitCode: 0, totals: { completed: 3 }, stopped: null });

    // `results` reads the job ids from the --out directory.
    const results = await runCli(['results', out, '--api', api.base, '--key', apiKey]).exited;
    expect(results.code).toBe(0);
    expect(results.stdout.trim().split('\n')).toHaveLength(3);
    expect(results.stdout).toContain(`${firstJob}  completed  1 pages, 7 entities`);
  });

  it('logs in with a key from stdin, stores it 0600, and uses it', async () => {
    const login = await runCli(['login', '--api', api.base], `${apiKey}\n`).exited;
    expect(login.code, login.stderr).toBe(0);
    const path = join(dir, 'config', 'redactify', 'config.json');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ apiUrl: api.base, apiKey });
    expect(login.stdout + login.stderr).not.toContain(apiKey);
    // No --api, no --key: both come from the stored config.
    const status = await runCli(['status', 'job-unknown']).exited;
    expect(status.code).toBe(1);
    expect(status.stdout).toBe('job-unknown  not_found\n');
    const refused = await runCli(['login', '--api', api.base], 'rdk_wrong\n').exited;
    expect(refused.code).toBe(1);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ apiUrl: api.base, apiKey });
  });

  it('exits 2 on a usage error and 1 when the key is refused', async () => {
    const usage = await runCli(['redact', dir]).exited;
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--out');
    const refused = await runCli(['status', 'job-x', '--api', api.base, '--key', 'rdk_wrong'])
      .exited;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('UNAUTHORIZED');
  });
});
