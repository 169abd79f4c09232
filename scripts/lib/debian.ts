// A binary from a Debian package: its env override, else its usual paths, else `apt-get install`
// once when we are root (Chromium for the browser test, native Tesseract for its engine's tests;
// PostgreSQL shares the install step).
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { ToolError } from './tools.js';

export interface DebianBinary {
  /** What the log calls it, e.g. `Chromium`. */
  label: string;
  /** The Debian package that ships it. */
  debianPackage: string;
  /** The variable that points at another binary, e.g. `CHROMIUM_BIN`. */
  envVar: string;
  candidates: readonly string[];
}

export const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/** The env override when executable, else the first installed candidate, if any. */
export async function findDebianBinary(binary: DebianBinary): Promise<string | undefined> {
  const fromEnv = process.env[binary.envVar];
  if (fromEnv) return (await isExecutable(fromEnv)) ? fromEnv : undefined;
  for (const path of binary.candidates) if (await isExecutable(path)) return path;
  return undefined;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/**
 * `apt-get install` of one package, once, when we are root and apt-get exists (after an
 * `apt-get update` when the package lists are missing); `howTo` tells the user what to do instead.
 */
export async function aptInstall(
  label: string,
  debianPackage: string,
  howTo: string,
  log: (m: string) => void,
): Promise<void> {
  if (userInfo().uid !== 0 || !(await isExecutable('/usr/bin/apt-get'))) {
    throw new ToolError(`${label} not found. ${howTo}`);
  }
  log(`installing ${label} with apt-get (one-off)`);
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', debianPackage]);
  try {
    await install().catch(async () => {
      // A fresh machine may have no package lists yet.
      await run('apt-get', ['update']);
      await install();
    });
  } catch (err) {
    throw new ToolError(
      `apt-get could not install ${debianPackage} (${(err as Error).message}). ${howTo}`,
    );
  }
}

/** The binary, installing its Debian package with apt-get once if needed (root only). */
export async function ensureDebianBinary(
  binary: DebianBinary,
  log = (m: string) => console.log(`[bootstrap] ${m}`),
): Promise<string> {
  const found = await findDebianBinary(binary);
  if (found) return found;
  const { label, debianPackage, envVar } = binary;
  const howTo = `Install ${label} (Debian/Ubuntu: apt-get install ${debianPackage}), or set ${envVar} to its binary.`;
  if (process.env[envVar]) {
    throw new ToolError(`${envVar}=${process.env[envVar]} is not executable. ${howTo}`);
  }
  await aptInstall(label, debianPackage, howTo, log);
  const installed = await findDebianBinary(binary);
  if (!installed) {
    throw new ToolError(`apt-get installed ${debianPackage} but no binary was found. ${howTo}`);
  }
  log(`${debianPackage} ready: ${installed}`);
  return installed;
}
