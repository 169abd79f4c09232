// The local engine: a U²-Net/ISNet-style segmentation model run by onnxruntime-node on the CPU.
import * as ort from 'onnxruntime-node';
import { RedactifyError } from '../errors.js';
import {
  applyMask,
  maskFromOutput,
  toModelInput,
  type MaskActivation,
  type ModelInputSpec,
} from '../imaging/cutout.js';
import type { BackgroundRemover } from './engine.js';

export interface LocalEngineOptions extends ModelInputSpec {
  /** The .onnx file (BG_MODEL_PATH), provided by the operator. */
  modelPath: string;
  /** What the model's first output holds (BG_MODEL_OUTPUT). */
  activation: MaskActivation;
  /** Threads of one inference (BG_MODEL_THREADS); inferences on the CPU queue run side by side. */
  threads: number;
}

/**
 * Runs the model on each image: resize to the model's square input, normalise, NCHW; the first
 * plane of the first output is the mask, resized back to the image as its alpha channel. The
 * session is loaded once per process, on first use or `warmUp`.
 */
export class OnnxBackgroundRemover implements BackgroundRemover {
  readonly name = 'local' as const;
  private session: Promise<ort.InferenceSession> | undefined;

  constructor(private readonly options: LocalEngineOptions) {}

  async removeBackground(image: Buffer): Promise<Buffer> {
    const session = await this.load();
    const { size } = this.options;
    const inputName = session.inputNames[0];
    const outputName = session.outputNames[0];
    if (inputName === undefined || outputName === undefined) {
      throw new RedactifyError('BG_MODEL_INVALID', 'The model has no input or no output');
    }
    const input = new ort.Tensor('float32', await toModelInput(image, this.options), [
      1,
      3,
      size,
      size,
    ]);
    let output: ort.Tensor | undefined;
    try {
      output = (await session.run({ [inputName]: input }))[outputName];
    } catch {
      // onnxruntime's message names shapes and nodes only, but it is not ours to pass on.
      throw new RedactifyError(
        'BG_MODEL_INVALID',
        `The model did not run on a [1, 3, ${size}, ${size}] input (check BG_MODEL_SIZE)`,
      );
    } finally {
      input.dispose();
    }
    if (!output || output.type !== 'float32') {
      throw new RedactifyError('BG_MODEL_INVALID', "The model's first output is not float32");
    }
    try {
      const mask = maskFromOutput(
        output.data as Float32Array,
        output.dims,
        this.options.activation,
      );
      return await applyMask(image, mask);
    } finally {
      output.dispose();
    }
  }

  async warmUp(): Promise<void> {
    await this.load();
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await (await session?.catch(() => undefined))?.release();
  }

  private load(): Promise<ort.InferenceSession> {
    this.session ??= ort.InferenceSession.create(this.options.modelPath, {
      intraOpNumThreads: this.options.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    }).catch(() => {
      this.session = undefined;
      throw new RedactifyError(
        'BG_MODEL_INVALID',
        'The background-removal model (BG_MODEL_PATH) could not be loaded',
      );
    });
    return this.session;
  }
}
