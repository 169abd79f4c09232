// The files a run redacts: named files as they are, directories walked for the formats the
// service reads, each with the path its result takes under --out.
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { OutputType } from '../imaging/output-type.js';
import { UsageError } from './options.js';
import { STATE_FILE } from './state.js';

/** Extensions picked up when walking a directory (named files are sent whatever their name). */
export const DOCUMENT_EXTENSIONS = [
  '.png',
  '.jpg',
  '.jpeg',
  '.tif',
  '.tiff',
  '.pdf',
  '.webp',
  '.gif',
  '.bmp',
] as const;

export interface InputFile {
  /** Absolute path to read. */
  path: string;
  /** Path under --out, `/`-separated: the file's name, or its path inside a named directory. */
  relative: string;
  size: number;
}

const OUTPUT_EXTENSION: Record<OutputType, string> = {
  png: '.png',
  jpeg: '.jpg',
  tiff: '.tiff',
  pdf: '.pdf',
};

/**
 * Where a result goes under --out: the input's relative path, with the extension of the output
 * format when one is asked for and differs.
 *
 * @example outputPath('scans/a.png', 'pdf') // 'scans/a.pdf'
 */
export function outputPath(relativePath: string, format: OutputType | undefined): string {
  if (!format) return relativePath;
  const ext = extname(relativePath);
  const same =
    ext.toLowerCase() === OUTPUT_EXTENSION[format] ||
    (format === 'jpeg' && ext.toLowerCase() === '.jpeg') ||
    (format === 'tiff' && ext.toLowerCase() === '.tif');
  return same
    ? relativePath
    : `${relativePath.slice(0, relativePath.length - ext.length)}${OUTPUT_EXTENSION[format]}`;
}

/** Refuses two inputs that would write the same result (`a/x.png` and `b/x.png` as files). */
export function checkDistinct(files: readonly InputFile[]): void {
  const seen = new Map<string, string>();
  for (const f of files) {
    const key = f.relative.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined && other !== f.path) {
      throw new UsageError(
        `Two inputs would both be written as ${f.relative}: pass their directory instead`,
      );
    }
    seen.set(key, f.path);
  }
}

const isDocument = (name: string) =>
  (DOCUMENT_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());

async function walk(dir: string, skip: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (path === skip || e.name.startsWith('.')) continue;
    if (e.isDirectory()) found.push(...(await walk(path, skip)));
    else if (e.isFile() && isDocument(e.name) && e.name !== STATE_FILE) found.push(path);
  }
  return found;
}

/**
 * Every file to redact, in a stable order. A named directory is walked (hidden entries and the
 * --out directory skipped); its files keep their path inside it. Missing paths are usage errors.
 */
export async function collectInputs(paths: readonly string[], out: string): Promise<InputFile[]> {
  const outDir = resolve(out);
  const files: InputFile[] = [];
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`No such file or directory: ${given}`);
    if (info.isDirectory()) {
      for (const file of await walk(path, outDir)) {
        const size = (await stat(file)).size;
        files.push({ path: file, relative: relative(path, file).split(sep).join('/'), size });
      }
    } else if (info.isFile()) {
      files.push({ path, relative: basename(path), size: info.size });
    } else {
      throw new UsageError(`Not a file or directory: ${given}`);
    }
  }
  const unique = [...new Map(files.map((f) => [f.path, f])).values()];
  if (unique.length === 0) throw new UsageError('No documents found in the given paths');
  for (const f of unique) {
    if (resolve(outDir, f.relative) === f.path) {
      throw new UsageError('--out would overwrite the inputs: choose another directory');
    }
  }
  checkDistinct(unique);
  return unique;
}
