// `npm run bootstrap`: makes sure the Temporal CLI and MinIO binaries, and PostgreSQL's server,
// Chromium and Temporal's time-skipping test server for the tests, are available (idempotent).
import { ensureChromium } from './lib/chromium.js';
import { ensurePostgres } from './lib/postgres.js';
import { ensureTestServer } from './lib/test-server.js';
import { ensureMinio, ensureTemporal, ToolError } from './lib/tools.js';
import { parseStackConfig } from './lib/stack-config.js';

const { TOOLS_DIR } = parseStackConfig();
try {
  const temporal = await ensureTemporal({ toolsDir: TOOLS_DIR });
  const minio = await ensureMinio({ toolsDir: TOOLS_DIR });
  const postgres = await ensurePostgres();
  const chromium = await ensureChromium();
  const testServer = await ensureTestServer({ toolsDir: TOOLS_DIR });
  console.log(
    `[bootstrap] temporal: ${temporal}\n[bootstrap] minio: ${minio}\n[bootstrap] postgresql: ${postgres}\n[bootstrap] chromium: ${chromium}\n[bootstrap] temporal test server: ${testServer}`,
  );
} catch (err) {
  if (!(err instanceof ToolError)) throw err;
  console.error(`[bootstrap] ${err.message}`);
  process.exitCode = 1;
}
