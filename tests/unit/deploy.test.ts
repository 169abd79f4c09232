// docker-compose.yaml and deploy/ cannot be run here (no Docker engine): their structure is checked
// instead — what is published, where secrets come from, what scrapes what, what the dashboard reads.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { ZEnv } from '../../src/config/env.js';
import { createApiMetrics } from '../../src/metrics/api-metrics.js';
import { createRegistry } from '../../src/metrics/registry.js';
import { createWorkerMetrics } from '../../src/metrics/worker-metrics.js';
import { PROJECT_ROOT } from '../../scripts/lib/tools.js';

const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');

const ZService = z.object({
  image: z.string().optional(),
  build: z.string().optional(),
  profiles: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  ports: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  secrets: z.array(z.string()).optional(),
  entrypoint: z.array(z.string()).optional(),
  depends_on: z
    .union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string() }))])
    .optional(),
});
const compose = z
  .object({
    services: z.record(z.string(), ZService),
    secrets: z.record(z.string(), z.object({ environment: z.string() })),
    volumes: z.record(z.string(), z.null()),
  })
  .parse(parse(read('docker-compose.yaml'), { merge: true }));
const services = Object.entries(compose.services);
const service = (name: string) => {
  const found = compose.services[name];
  if (!found) throw new Error(`no service ${name}`);
  return found;
};

/** `${NAME…}` references in a value, with the operator that follows the name (`:?`, `:-`, none). */
const references = (value: string) =>
  [...value.matchAll(/\$\{([A-Z0-9_]+)(:[?-])?/g)].map((m) => ({ name: m[1], op: m[2] }));
const SECRET = /PASSWORD|SECRET|TOKEN|ACCESS_KEY|ROOT_USER/;

describe('docker-compose.yaml', () => {
  it('publishes only the API on all interfaces; everything else on 127.0.0.1 if at all', () => {
    const published = services.flatMap(([name, s]) => (s.ports ?? []).map((p) => [name, p]));
    for (const [name, port] of published) {
      if (name === 'api') expect(port).toBe('8000:8000');
      else expect(port, `${name} ${port}`).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    }
    const loopback = (name: string) => service(name).ports?.map((p) => p.split(':')[2]);
    expect(loopback('temporal')).toEqual(['7233']);
    expect(loopback('temporal-ui')).toEqual(['8080']);
    expect(loopback('minio')).toEqual(['9001']); // the console; the S3 API is not published
    expect(service('worker').ports).toBeUndefined();
  });

  it('takes every secret from the environment with no default', () => {
    for (const [name, s] of services) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        const refs = references(String(value));
        if (SECRET.test(key)) expect(refs.length, `${name}.${key} is a literal`).toBeGreaterThan(0);
        for (const ref of refs.filter((r) => SECRET.test(r.name ?? ''))) {
          if (ref.name === 'GRAFANA_ADMIN_PASSWORD') continue; // checked at start, below
          expect(ref.op, `${name}.${key}`).toBe(':?');
        }
      }
    }
    // Compose interpolates `:?` even for services whose profile is off, so the monitoring-only
    // password is checked by Grafana's entrypoint instead; it never starts with the default one.
    expect(service('grafana').environment?.GF_SECURITY_ADMIN_PASSWORD).toBe(
      '${GRAFANA_ADMIN_PASSWORD:-}',
    );
    expect(service('grafana').entrypoint?.join(' ')).toMatch(
      /\[ -n "\$\$GF_SECURITY_ADMIN_PASSWORD" \] \|\| \{.*exit 1; \}; exec \/run\.sh/,
    );
  });

  it('gives the app a MinIO user of its own, created by a one-shot init, never the root keys', () => {
    for (const name of ['api', 'worker']) {
      const env = service(name).environment ?? {};
      expect(references(String(env.S3_ACCESS_KEY))[0]?.name).toBe('S3_ACCESS_KEY');
      expect(references(String(env.S3_SECRET_KEY))[0]?.name).toBe('S3_SECRET_KEY');
      expect(JSON.stringify(env)).not.toContain('MINIO_ROOT');
      expect(service(name).depends_on).toMatchObject({
        'minio-init': { condition: 'service_completed_successfully' },
      });
    }
    expect(service('minio-init').image).toMatch(/^minio\/mc:/);
    expect(service('minio-init').volumes).toContain('./deploy/minio/init.sh:/init.sh:ro');
  });

  it('puts Prometheus and Grafana, and only them, in the monitoring profile', () => {
    const profiled = services.filter(([, s]) => s.profiles).map(([name, s]) => [name, s.profiles]);
    expect(profiled).toEqual([
      ['prometheus', ['monitoring']],
      ['grafana', ['monitoring']],
    ]);
  });

  it('refers only to files, services, volumes and variables that exist', () => {
    const known = new Set(Object.keys(ZEnv.shape));
    for (const [name, s] of services) {
      for (const mount of s.volumes ?? []) {
        const [source = ''] = mount.split(':');
        if (source.startsWith('./'))
          expect(existsSync(join(PROJECT_ROOT, source)), mount).toBe(true);
        else expect(Object.keys(compose.volumes), mount).toContain(source);
      }
      const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
      for (const dep of deps) expect(compose.services, `${name} → ${dep}`).toHaveProperty(dep);
      for (const secret of s.secrets ?? []) expect(compose.secrets).toHaveProperty(secret);
      // What our own image reads must be one of our variables (a typo would be ignored silently).
      if (s.build) {
        for (const key of Object.keys(s.environment ?? {})) expect(known, key).toContain(key);
      }
    }
  });
});

describe('deploy/minio/init.sh', () => {
  it("limits the app's policy to its bucket's objects, without admin or wildcard actions", () => {
    const script = read('deploy/minio/init.sh');
    expect(script).toContain('mc admin user add local "$S3_ACCESS_KEY" "$S3_SECRET_KEY"');
    expect(script).toMatch(/mc admin policy attach local "\$policy" --user "\$S3_ACCESS_KEY"/);
    const heredoc = /<<POLICY\n([\s\S]*?)\nPOLICY/.exec(script)?.[1] ?? '';
    const policy = z
      .object({
        Statement: z.array(
          z.object({
            Effect: z.literal('Allow'),
            Action: z.array(z.string()),
            Resource: z.array(z.string()),
          }),
        ),
      })
      .parse(JSON.parse(heredoc.replaceAll('$bucket', 'redactify')));
    for (const statement of policy.Statement) {
      for (const resource of statement.Resource) {
        expect(resource).toMatch(/^arn:aws:s3:::redactify(\/\*)?$/);
      }
      for (const action of statement.Action) expect(action).toMatch(/^s3:[A-Za-z]+$/);
    }
    const actions = policy.Statement.flatMap((s) => s.Action);
    expect(actions).toEqual(
      expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:ListBucket']),
    );
    expect(
      actions.some(
        (a) => /Bucket(Policy)?$|^s3:Create|^s3:DeleteBucket/.test(a) && a !== 's3:ListBucket',
      ),
    ).toBe(false);
  });
});

describe('deploy/prometheus/prometheus.yml', () => {
  const config = z
    .object({
      scrape_configs: z.array(
        z.object({
          job_name: z.string(),
          metrics_path: z.string(),
          authorization: z.object({ type: z.literal('Bearer'), credentials_file: z.string() }),
          dns_sd_configs: z.array(
            z.object({ names: z.array(z.string()), type: z.literal('A'), port: z.number() }),
          ),
        }),
      ),
    })
    .parse(parse(read('deploy/prometheus/prometheus.yml')));

  it('scrapes every API and worker replica on the ports they listen on, with the token', () => {
    const targets = config.scrape_configs.map((c) => [
      c.job_name,
      c.dns_sd_configs.flatMap((d) => d.names.map((n) => `${n}:${d.port}`)),
    ]);
    const apiPort = ZEnv.shape.API_PORT.parse(undefined);
    const workerPort = service('worker').environment?.WORKER_METRICS_PORT;
    expect(targets).toEqual([
      ['redactify-api', [`api:${apiPort}`]],
      ['redactify-worker', [`worker:${workerPort}`]],
    ]);
    expect(service('worker').environment?.WORKER_METRICS_HOST).toBe('0.0.0.0');
    for (const c of config.scrape_configs) {
      expect(c.metrics_path).toBe('/metrics');
      expect(c.authorization.credentials_file).toBe('/run/secrets/metrics_token');
    }
    expect(service('prometheus').secrets).toEqual(['metrics_token']);
    expect(compose.secrets.metrics_token).toEqual({ environment: 'METRICS_TOKEN' });
    expect(service('prometheus').volumes).toContain(
      './deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
    );
  });
});

describe('deploy/grafana', () => {
  const datasources = z
    .object({ datasources: z.array(z.object({ uid: z.string(), url: z.string() })) })
    .parse(parse(read('deploy/grafana/provisioning/datasources/prometheus.yaml')));
  const providers = z
    .object({ providers: z.array(z.object({ options: z.object({ path: z.string() }) })) })
    .parse(parse(read('deploy/grafana/provisioning/dashboards/redactify.yaml')));
  const ZPanel = z.object({
    id: z.number(),
    type: z.string(),
    title: z.string(),
    gridPos: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }),
    datasource: z.object({ uid: z.string() }).optional(),
    targets: z
      .array(z.object({ expr: z.string(), datasource: z.object({ uid: z.string() }) }))
      .optional(),
  });
  const dashboard = z
    .object({ uid: z.string(), panels: z.array(ZPanel) })
    .parse(JSON.parse(read('deploy/grafana/dashboards/redactify.json')));

  it('is provisioned from the mounted folders against the compose Prometheus', () => {
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ uid: 'redactify-prometheus', url: 'http://prometheus:9090' }),
    ]);
    const mounts = service('grafana').volumes ?? [];
    expect(mounts).toContain('./deploy/grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(mounts).toContain(
      `./deploy/grafana/dashboards:${providers.providers[0]?.options.path}:ro`,
    );
  });

  it('draws jobs, pages, stage p50/p95, PHI by category, OCR slots and backlog from metrics we export', async () => {
    const registry = createRegistry();
    createWorkerMetrics(registry, { ocr: { size: 1, busy: 0 } });
    createApiMetrics(registry, { taskQueues: () => Promise.resolve([]) });
    const families = (await registry.getMetricsAsJSON()).map((m) => ({
      name: m.name,
      type: m.type,
    }));
    const exported = new Set(
      families.flatMap(({ name, type }) =>
        String(type) === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name],
      ),
    );
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
      expect(panel.datasource?.uid).toBe('redactify-prometheus');
      for (const target of panel.targets ?? [])
        expect(target.datasource.uid).toBe('redactify-prometheus');
    }
    const used = new Set(exprs.flatMap((e) => e.match(/redactify_[a-z0-9_]+/g) ?? []));
    for (const name of used) expect(exported, name).toContain(name);
    for (const needed of [
      'redactify_jobs_submitted_total',
      'redactify_jobs_completed_total',
      'redactify_jobs_failed_total',
      'redactify_pages_total',
      'redactify_stage_duration_seconds_bucket',
      'redactify_phi_entities_total',
      'redactify_ocr_slots_busy',
      'redactify_task_queue_backlog',
    ]) {
      expect(used, needed).toContain(needed);
    }
    expect(
      exprs.some((e) => e.startsWith('histogram_quantile(0.5,') && e.includes('stage_duration')),
    ).toBe(true);
    expect(
      exprs.some((e) => e.startsWith('histogram_quantile(0.95,') && e.includes('stage_duration')),
    ).toBe(true);
  });
});
