// Temporal's Java test server (time-skipping), for workflow tests of long timers: Maven Central's
// `io.temporal:temporal-test-server`, fetched with `mvn` into `.tools/` and run on the local Java.
// The SDK's own download of it (from GitHub) is not used: it fetches from outside the registries.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT, ToolError } from './tools.js';

/** Pinned `io.temporal:temporal-test-server` version (Maven Central). */
export const TEST_SERVER_VERSION = '1.32.1';

const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`)),
    );
  });
}

const pom = (version: string) => `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>redactify.tools</groupId>
  <artifactId>temporal-test-server</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`;

/**
 * A launcher for the time-skipping test server (`<launcher> <port>`), as the SDK's
 * `TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path' } } })`
 * starts it. `TEMPORAL_TEST_SERVER_BIN` wins; otherwise the jars are copied from Maven Central into
 * `toolsDir/temporal-test-server` once (needs `mvn` and Java ≥ 11) and cached.
 */
export async function ensureTestServer({
  toolsDir = join(PROJECT_ROOT, '.tools'),
  log = (m: string) => console.log(`[bootstrap] ${m}`),
}: { toolsDir?: string; log?: (m: string) => void } = {}): Promise<string> {
  const fromEnv = process.env.TEMPORAL_TEST_SERVER_BIN;
  if (fromEnv) {
    if (await isExecutable(fromEnv)) return fromEnv;
    throw new ToolError(`TEMPORAL_TEST_SERVER_BIN=${fromEnv} is not an executable file`);
  }
  const home = join(resolve(toolsDir), 'temporal-test-server');
  const lib = join(home, 'lib');
  const launcher = join(toolsDir, 'bin', 'temporal-test-server');
  const marker = `${launcher}.version`;
  const cached = await readFile(marker, 'utf8').catch(() => '');
  if (cached.trim() === TEST_SERVER_VERSION && (await isExecutable(launcher))) return launcher;

  log(`fetching io.temporal:temporal-test-server:${TEST_SERVER_VERSION} with mvn (one-off)`);
  const work = await mkdtemp(join(toolsDir, '.mvn-'));
  try {
    await writeFile(join(work, 'pom.xml'), pom(TEST_SERVER_VERSION));
    await rm(lib, { recursive: true, force: true });
    await run('mvn', [
      '-q',
      '-B',
      '-f',
      join(work, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${lib}`,
    ]);
  } catch (err) {
    throw new ToolError(
      `Could not fetch the Temporal test server with mvn (${(err as Error).message}). Install Maven and Java ≥ 11 (Debian: apt-get install maven default-jre-headless), or set TEMPORAL_TEST_SERVER_BIN to a launcher.`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  if (!(await readdir(lib)).some((f) => f.startsWith('temporal-test-server-'))) {
    throw new ToolError(`mvn did not produce the test server's jar in ${lib}`);
  }
  await mkdir(join(toolsDir, 'bin'), { recursive: true });
  await writeFile(
    launcher,
    `#!/bin/sh\n# Temporal's time-skipping test server (Maven io.temporal:temporal-test-server:${TEST_SERVER_VERSION}): $0 <port>\nexec java -cp "${lib}/*" io.temporal.testserver.TestServer "$@"\n`,
  );
  await chmod(launcher, 0o755);
  await writeFile(marker, TEST_SERVER_VERSION);
  log(`temporal test server ready: ${launcher}`);
  return launcher;
}
