// A strict parser of the Prometheus text exposition format (0.0.4), for asserting on /metrics.
// prom-client writes the format but ships no parser; this one throws on anything malformed.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SUFFIXES: Record<MetricType, string[]> = {
  counter: ['', '_total'],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/** Values as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case, e.g. prom-client's `Nan`). */
function parseValue(text: string, line: number): number {
  if (/^\+?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    throw new Error(`line ${line}: bad value ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** Parses `{a="x",b="y\"z"}` starting at `start` (the `{`); returns the labels and the end. */
function parseLabels(text: string, start: number, line: number) {
  const labels: Record<string, string> = {};
  let i = start + 1;
  while (text[i] !== '}') {
    const eq = text.indexOf('=', i);
    const name = text.slice(i, eq);
    if (eq < 0 || !LABEL_NAME.test(name) || text[eq + 1] !== '"') {
      throw new Error(`line ${line}: bad label at ${JSON.stringify(text.slice(i))}`);
    }
    let value = '';
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === '\\') {
        const next = text[++j];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else throw new Error(`line ${line}: bad escape \\${next}`);
      } else value += text[j];
    }
    if (j >= text.length) throw new Error(`line ${line}: unterminated label value`);
    if (Object.hasOwn(labels, name)) throw new Error(`line ${line}: label ${name} repeated`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new Error(`line ${line}: expected , or }`);
  }
  return { labels, end: i + 1 };
}

/**
 * Parses a whole exposition. Every sample must belong to a family declared by `# TYPE` before
 * it (with the suffixes its type allows), families appear once, and each histogram's buckets are
 * cumulative and end with `le="+Inf"` equal to its `_count`.
 */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const help = new Map<string, string>();
  let current: MetricFamily | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw === '') return;
    if (raw.startsWith('#')) {
      const match = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (!match) return; // a plain comment
      const [, keyword, name = '', rest = ''] = match;
      if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name ${name}`);
      if (keyword === 'HELP') {
        help.set(name, rest);
        return;
      }
      if (!(rest in SUFFIXES)) throw new Error(`line ${line}: bad type ${rest}`);
      if (families.has(name)) throw new Error(`line ${line}: ${name} declared twice`);
      current = { name, type: rest as MetricType, help: help.get(name) ?? '', samples: [] };
      families.set(name, current);
      return;
    }
    const nameEnd = raw.search(/[{ ]/);
    const name = raw.slice(0, nameEnd);
    if (nameEnd < 0 || !NAME.test(name)) throw new Error(`line ${line}: bad sample ${raw}`);
    let labels: Record<string, string> = {};
    let rest = raw.slice(nameEnd);
    if (rest.startsWith('{')) {
      const parsed = parseLabels(raw, nameEnd, line);
      labels = parsed.labels;
      rest = raw.slice(parsed.end);
    }
    const parts = rest.trim().split(' ');
    if (!rest.startsWith(' ') || parts.length < 1 || parts.length > 2) {
      throw new Error(`line ${line}: bad sample ${raw}`);
    }
    const value = parseValue(parts[0] ?? '', line);
    if (
      !current ||
      !SUFFIXES[current.type].some((suffix) => `${current?.name}${suffix}` === name)
    ) {
      throw new Error(`line ${line}: sample ${name} outside its family`);
    }
    current.samples.push({ name, labels, value });
  });
  for (const family of families.values()) {
    if (family.type === 'histogram') checkHistogram(family);
  }
  return families;
}

function checkHistogram(family: MetricFamily) {
  const series = new Map<string, Sample[]>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    if (!series.has(key)) series.set(key, []);
    series.get(key)?.push(sample);
  }
  for (const samples of series.values()) {
    const buckets = samples.filter((s) => s.name.endsWith('_bucket'));
    const count = samples.find((s) => s.name.endsWith('_count'));
    for (let i = 1; i < buckets.length; i++) {
      if ((buckets[i]?.value ?? 0) < (buckets[i - 1]?.value ?? 0)) {
        throw new Error(`${family.name}: buckets are not cumulative`);
      }
    }
    const last = buckets.at(-1);
    if (!last || last.labels.le !== '+Inf' || last.value !== count?.value) {
      throw new Error(`${family.name}: le="+Inf" must equal _count`);
    }
  }
}

/** The value of the one sample of `name` whose labels include `labels`; 0 when none. */
export function sampleValue(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number {
  for (const family of families.values()) {
    for (const sample of family.samples) {
      if (sample.name !== name) continue;
      if (Object.entries(labels).every(([k, v]) => sample.labels[k] === v)) return sample.value;
    }
  }
  return 0;
}
