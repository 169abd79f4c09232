// `npx tsx bench/auth.ts`: the access layer alone, without OCR: the added latency of
// authentication + audit per request, and POST /v1/results for 1,000 ids with tenancy on (100
// queued jobs of the caller, 900 ids minted here but unknown, as in `npm run bench` less its
// completed and running jobs).
import { createJob } from '../src/api/submit.js';
import { mapBounded } from '../src/util/concurrency.js';
import { measureAuthOverhead } from './lib/auth-overhead.js';
import { apiFetch, benchJobIds, startApi, startBenchStack } from './lib/harness.js';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

const stack = await startBenchStack();
const env = stack.env('bench-auth');
const api = await startApi(env);
try {
  const deps = {
    temporal: stack.client,
    store: stack.store,
    jobs: { taskQueue: 'bench-no-worker', pageConcurrency: 4, pagesPerChild: 100 },
    jobIds: benchJobIds,
  };
  const auth = await measureAuthOverhead(api, env, deps);
  const file = { filename: 'x.png', bytes: Buffer.from('never read: no worker polls this queue') };
  const queued = await mapBounded(
    Array.from({ length: 100 }, (_, i) => i),
    8,
    () => createJob(deps, 'bench-queued', file, {}, api.accountId),
  );
  const ids = queued.map((j) => j.id);
  for (let i = 0; ids.length < 1000; i++)
    ids.push(
      benchJobIds.mint(i % 10 === 0 ? Date.now() : Date.now() - (1 + (i % 30)) * 86_400_000),
    );
  const latencies: number[] = [];
  let summary: unknown;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const response = await apiFetch(api, '/v1/results', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids }),
    });
    summary = ((await response.json()) as { summary: unknown }).summary;
    latencies.push(performance.now() - t0);
  }
  console.log(JSON.stringify({ auth, results1000: { summary } }, null, 2));
  console.log(
    `auth_audit_ms=${auth.addedMeanMs} auth_mean_ms=${auth.keys.meanMs} noauth_mean_ms=${auth.off.meanMs} ` +
      `auth_p50_ms=${auth.keys.p50Ms} noauth_p50_ms=${auth.off.p50Ms} ` +
      `results_1000_tenancy_p50_ms=${Math.round(percentile(latencies, 50))} results_1000_tenancy_p95_ms=${Math.round(percentile(latencies, 95))}`,
  );
} finally {
  await api.process.stop();
  await stack.stop();
}
