// What authentication and the audit trail add to one request, measured against AUTH_MODE=off.
import { createJob } from '../../src/api/submit.js';
import { apiFetch, startApi, type BenchApi } from './harness.js';

const round = (n: number) => Math.round(n * 100) / 100;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/**
 * Mean and p50 of `GET /v1/jobs/:id` with keys (authentication, usage count, audit row) and with
 * AUTH_MODE=off, in alternating rounds so drift of the shared machine hits both alike.
 */
export async function measureAuthOverhead(
  api: BenchApi,
  env: Record<string, string>,
  deps: Parameters<typeof createJob>[0],
) {
  const open = await startApi({ ...env, AUTH_MODE: 'off' });
  try {
    const file = {
      filename: 'x.png',
      bytes: Buffer.from('never read: no worker polls this queue'),
    };
    const [owned, anonymous] = await Promise.all([
      createJob(deps, 'bench-auth', file, {}, api.accountId),
      createJob(deps, 'bench-auth', file, {}, 'anonymous'),
    ]);
    const time = async (target: BenchApi, id: string) => {
      const t0 = performance.now();
      const response = await apiFetch(target, `/v1/jobs/${id}`);
      if (response.status !== 200) throw new Error(`GET /v1/jobs/:id answered ${response.status}`);
      await response.arrayBuffer();
      return performance.now() - t0;
    };
    const keys: number[] = [];
    const off: number[] = [];
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 50; i++) {
        const sample = await time(api, owned.id);
        const plain = await time(open, anonymous.id);
        // The first round warms both processes up and is not counted.
        if (round > 0) {
          keys.push(sample);
          off.push(plain);
        }
      }
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const summary = (v: number[]) => ({
      requests: v.length,
      meanMs: round(mean(v)),
      p50Ms: round(percentile(v, 50)),
      p95Ms: round(percentile(v, 95)),
    });
    return { keys: summary(keys), off: summary(off), addedMeanMs: round(mean(keys) - mean(off)) };
  } finally {
    await open.process.stop();
  }
}
