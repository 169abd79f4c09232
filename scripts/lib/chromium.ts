// Chromium for the web page's browser test: Debian's `chromium` (installed with apt-get when
// missing and we are root), driven by playwright-core. Playwright's own browser download is not
// used: it fetches from outside the package registries.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { ToolError } from './tools.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/** `CHROMIUM_BIN`, else the first installed Debian/Ubuntu Chromium, if any. */
export async function findChromium(): Promise<string | undefined> {
  const fromEnv = process.env.CHROMIUM_BIN;
  if (fromEnv) return (await isExecutable(fromEnv)) ? fromEnv : undefined;
  for (const path of CANDIDATES) if (await isExecutable(path)) return path;
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

/** The Chromium binary, installing Debian's `chromium` with apt-get once if needed (root only). */
export async function ensureChromium(log = (m: string) => console.log(`[bootstrap] ${m}`)) {
  const found = await findChromium();
  if (found) return found;
  const howTo =
    'Install Chromium (Debian/Ubuntu: apt-get install chromium), or set CHROMIUM_BIN to its binary.';
  if (process.env.CHROMIUM_BIN) {
    throw new ToolError(`CHROMIUM_BIN=${process.env.CHROMIUM_BIN} is not executable. ${howTo}`);
  }
  if (userInfo().uid !== 0 || !(await isExecutable('/usr/bin/apt-get'))) {
    throw new ToolError(`Chromium not found. ${howTo}`);
  }
  log('installing Chromium with apt-get (one-off)');
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  try {
    await install().catch(async () => {
      // A fresh machine may have no package lists yet.
      await run('apt-get', ['update']);
      await install();
    });
  } catch (err) {
    throw new ToolError(`apt-get could not install chromium (${(err as Error).message}). ${howTo}`);
  }
  const installed = await findChromium();
  if (!installed)
    throw new ToolError(`apt-get installed chromium but no binary was found. ${howTo}`);
  log(`chromium ready: ${installed}`);
  return installed;
}
