// Blocks of docs/*.md written by `npm run eval -- --docs` and `npm run bench -- --docs`, between
// `<!-- name:begin -->` and `<!-- name:end -->`, so published figures come from a run, not a hand.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { format, resolveConfig } from 'prettier';

const markers = (name: string) => [`<!-- ${name}:begin -->`, `<!-- ${name}:end -->`] as const;

/**
 * `doc` with the block `name` replaced by `content`; throws when the markers are missing,
 * repeated or out of order, so a run never appends a second copy or writes into the wrong place.
 *
 * @example replaceBlock(doc, 'eval:latest', markdown)
 */
export function replaceBlock(doc: string, name: string, content: string): string {
  const [begin, end] = markers(name);
  const start = doc.indexOf(begin);
  const stop = doc.indexOf(end);
  if (start < 0 || stop < start || doc.indexOf(begin, start + 1) >= 0) {
    throw new Error(`expected one "${begin}" … "${end}" block`);
  }
  return `${doc.slice(0, start + begin.length)}\n\n${content.trim()}\n\n${doc.slice(stop)}`;
}

/** Rewrites the block `name` of the Markdown file at `path`, formatted as `npm run format` would. */
export async function writeBlock(path: string, name: string, content: string): Promise<void> {
  const doc = replaceBlock(await readFile(path, 'utf8'), name, content);
  const options = (await resolveConfig(path)) ?? {};
  await writeFile(path, await format(doc, { ...options, filepath: path }));
}

/** One line naming the machine a figure was measured on, and how loaded it was at the start. */
export function machineLine(): string {
  const cores = cpus();
  const gib = Math.round(totalmem() / 2 ** 30);
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  return `Machine: ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, ${gib} GiB, Node ${process.versions.node}; load average ${load} at the start.`;
}
