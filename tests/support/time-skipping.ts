// Temporal's Java test server for one test file, started here rather than by the SDK: the SDK gives
// a server 5 s to start, and a JVM on a loaded 2-core machine takes longer.
import { spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { ensureTestServer } from '../../scripts/lib/test-server.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * Starts the time-skipping test server on a free loopback port with time skipping on from the
 * start (it skips ahead whenever every workflow waits on a timer), waiting at most `startMs`.
 */
export async function startTimeSkippingServer(startMs = 90_000) {
  const launcher = await ensureTestServer({ log: () => undefined });
  const port = await freePort();
  const child = spawn(launcher, [String(port), '--enable-time-skipping'], { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + startMs;
  while (!(await accepts(port))) {
    if (exited) throw new Error('the Temporal test server exited at start');
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Temporal test server did not listen within ${startMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    address: `127.0.0.1:${port}`,
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
      if (!exited) child.kill('SIGKILL');
    },
  };
}
