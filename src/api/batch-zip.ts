// A batch's completed outputs as one zip, streamed: each output is read from the store only when
// the archive reaches it, so memory holds one output at a time, never the whole zip.
import { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import { parse as parseDisposition } from 'content-disposition';
import { OUTPUT_EXTENSION } from '../imaging/encode.js';
import type { ResultType } from '../imaging/output-type.js';
import type { ObjectStore } from '../storage/object-store.js';

/** One completed job's output, as the zip takes it. */
export interface ZipEntrySource {
  jobId: string;
  outputKey: string;
  outputType: ResultType;
}

/** Formats that are compressed already: stored as they are, deflate would only cost time. */
const STORED: ReadonlySet<ResultType> = new Set(['png', 'jpeg', 'mp4']);

/**
 * The name an output has inside the zip: its download name (`redacted_<name>`, as
 * `GET /v1/jobs/:id/result` names it), without any path, and made unique in the zip by a
 * ` (2)`, ` (3)`… before the extension. Without a stored name, the job id names it.
 */
export function zipEntryName(
  disposition: string | undefined,
  fallback: { jobId: string; outputType: ResultType },
  taken: Set<string>,
): string {
  let name: string | undefined;
  try {
    name = disposition ? parseDisposition(disposition).parameters.filename : undefined;
  } catch {
    name = undefined;
  }
  // A path in an entry name would unpack outside the folder (zip slip): only the last segment.
  const base = (name ?? '').split(/[\\/]/).pop()?.replace(/^\.+/, '').trim();
  const chosen = base || `${fallback.jobId}.${OUTPUT_EXTENSION[fallback.outputType]}`;
  const dot = chosen.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [chosen.slice(0, dot), chosen.slice(dot)] : [chosen, ''];
  let unique = chosen;
  for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${stem} (${n})${ext}`;
  taken.add(unique.toLowerCase());
  return unique;
}

/** A stream that reads `key` from the store on its first read, not before. */
function lazyObject(store: ObjectStore, key: string): Readable {
  return Readable.from(
    (async function* read() {
      yield await store.getBuffer(key);
    })(),
  );
}

/**
 * Streams a zip of `entries` (in order) and, last, `batch.json` (`index`). Names come from each
 * output's stored Content-Disposition. An output that cannot be read aborts the stream, so the
 * client gets a truncated download (an error), never a zip silently missing a file.
 */
export async function streamBatchZip(
  store: ObjectStore,
  entries: readonly ZipEntrySource[],
  index: (names: ReadonlyMap<string, string>) => unknown,
  onError: (err: unknown) => void,
): Promise<Readable> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  archive.on('error', onError);
  archive.on('warning', onError);
  const taken = new Set<string>(['batch.json']);
  const names = new Map<string, string>();
  for (const entry of entries) {
    const stat = await store.stat(entry.outputKey);
    if (!stat) continue; // expired by the store's lifecycle rule since the listing
    const name = zipEntryName(stat.contentDisposition, entry, taken);
    names.set(entry.jobId, name);
    archive.append(lazyObject(store, entry.outputKey), {
      name,
      store: STORED.has(entry.outputType),
    });
  }
  archive.append(JSON.stringify(index(names), null, 2), { name: 'batch.json' });
  void archive.finalize().catch(onError);
  return archive;
}
