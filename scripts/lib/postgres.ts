// PostgreSQL for tests and benchmarks without Docker: Debian's server binaries (installed with
// apt-get when missing and we are root), a throwaway cluster in a temp dir on a free port.
import { execFile, spawn } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, quietSink, spawnManaged, waitUntil, type LineSink } from './servers.js';
import { aptInstall, isExecutable } from './debian.js';
import { ToolError } from './tools.js';

const DEBIAN_ROOT = '/usr/lib/postgresql';
/** The account Debian's package creates; `initdb` and `postgres` refuse to run as root. */
const SERVICE_USER = 'postgres';

/** The newest `/usr/lib/postgresql/<major>/bin` holding `initdb` and `postgres`, if any. */
async function debianBinDir(): Promise<string | undefined> {
  const majors = await readdir(DEBIAN_ROOT).catch(() => [] as string[]);
  for (const major of majors.sort((a, b) => Number(b) - Number(a))) {
    const dir = join(DEBIAN_ROOT, major, 'bin');
    if ((await isExecutable(join(dir, 'initdb'))) && (await isExecutable(join(dir, 'postgres')))) {
      return dir;
    }
  }
  return undefined;
}

const isRoot = () => userInfo().uid === 0;

/**
 * The directory of PostgreSQL's server binaries: `POSTGRES_BIN_DIR`, else Debian's newest, else
 * `apt-get install postgresql` (root only, once; idempotent) and Debian's again.
 */
export async function ensurePostgres(log = (m: string) => console.log(`[bootstrap] ${m}`)) {
  const fromEnv = process.env.POSTGRES_BIN_DIR;
  if (fromEnv) {
    if (await isExecutable(join(fromEnv, 'initdb'))) return fromEnv;
    throw new ToolError(`POSTGRES_BIN_DIR=${fromEnv} holds no executable initdb`);
  }
  const found = await debianBinDir();
  if (found) return found;
  const howTo =
    'Install the PostgreSQL server (Debian/Ubuntu: apt-get install postgresql), or set POSTGRES_BIN_DIR to the directory holding initdb and postgres.';
  await aptInstall('PostgreSQL server binaries', 'postgresql', howTo, log);
  const installed = await debianBinDir();
  if (!installed)
    throw new ToolError(`apt-get installed postgresql but no initdb was found. ${howTo}`);
  log(`postgresql ready: ${installed}`);
  return installed;
}

export interface EphemeralPostgres {
  /** `postgres://…` for the `postgres` database; create others with `createDatabase`. */
  url: string;
  port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Runs a server binary as the service user when we are root (it refuses root), else as us. */
function asServiceUser(binary: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', SERVICE_USER, '--', binary, ...args]] : [binary, args];
}

/**
 * A throwaway cluster: `initdb` into a temp dir, `postgres` on a free loopback port with its
 * socket in that dir, trust authentication for the one superuser `redactify`. `stop` ends the
 * server and deletes the dir.
 */
export async function startEphemeralPostgres(
  sink: LineSink = quietSink,
): Promise<EphemeralPostgres> {
  const bin = await ensurePostgres();
  const dir = await mkdtemp(join(tmpdir(), 'redactify-pg-'));
  if (isRoot()) {
    const { uid, gid } = await serviceUserIds();
    await chown(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const [initCommand, initArgs] = asServiceUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'redactify',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  await runQuiet(initCommand, initArgs);
  const port = await freePort();
  const [command, args] = asServiceUser(join(bin, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
  ]);
  const server = spawnManaged('postgres', command, args, { sink });
  const url = `postgres://redactify@127.0.0.1:${port}/postgres`;
  const pg = (await import('pg')).default;
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await waitUntil('PostgreSQL', () => query('SELECT 1').then(() => true), { process: server });
  return {
    url,
    port,
    async createDatabase(name) {
      if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`);
      await query(`CREATE DATABASE ${name}`);
      return `postgres://redactify@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function serviceUserIds(): Promise<{ uid: number; gid: number }> {
  // execFile resolves once stdout is closed, not at exit, when output may still be in flight.
  const out = await promisify(execFile)('id', [SERVICE_USER]).then(
    ({ stdout }) => stdout,
    () => {
      throw new ToolError(`no "${SERVICE_USER}" user to run PostgreSQL as`);
    },
  );
  const uid = Number(/uid=(\d+)/.exec(out)?.[1]);
  const gid = Number(/gid=(\d+)/.exec(out)?.[1]);
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new ToolError(`could not read the "${SERVICE_USER}" user's ids`);
  }
  return { uid, gid };
}

function runQuiet(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-2000)}`),
          ),
    );
  });
}
