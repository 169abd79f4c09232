// Face detection models shipped inside @vladmandic/face-api, run on tfjs's WASM backend, offline.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as FaceApi from '@vladmandic/face-api';

import { FACE_DETECTOR_OF, type FaceDetectorName, type FaceModelName } from './models.js';

export { FACE_MODELS, type FaceModelName } from './models.js';

/** A detection in the detector's input pixels. */
export interface RawDetection {
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
}

/** One loaded network: detects faces on a square RGB image of `side` pixels. */
export interface FaceModel {
  /** Reported as the entity's `detector`. */
  readonly name: FaceDetectorName;
  detect(rgb: Uint8Array, side: number, minConfidence: number): Promise<RawDetection[]>;
}

const require = createRequire(import.meta.url);

/** The package's `model/` folder, where the weights ship (no download ever happens). */
export function faceModelDir(): string {
  return join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
}

interface TfEngine {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  memory(): { numTensors: number; numBytes: number };
}

interface ProcessErrorListeners {
  uncaughtException: NodeJS.UncaughtExceptionListener[];
  unhandledRejection: NodeJS.UnhandledRejectionListener[];
}

/** The process-wide error listeners, to tell afterwards which ones a library added. */
function processHandlers(): ProcessErrorListeners {
  return {
    uncaughtException: process.listeners('uncaughtException'),
    unhandledRejection: process.listeners('unhandledRejection'),
  };
}

/**
 * The backend's Emscripten glue adds `uncaughtException` and `unhandledRejection` listeners that
 * rethrow: any stray rejection anywhere in the process then kills it ("Worker exited
 * unexpectedly" under vitest), bypassing the worker's own handling. They are not ours to keep.
 */
function removeHandlersAddedSince(before: ProcessErrorListeners): void {
  for (const listener of process.listeners('uncaughtException'))
    if (!before.uncaughtException.includes(listener))
      process.removeListener('uncaughtException', listener);
  for (const listener of process.listeners('unhandledRejection'))
    if (!before.unhandledRejection.includes(listener))
      process.removeListener('unhandledRejection', listener);
}

let loadingApi: Promise<typeof FaceApi> | undefined;

/** Loads face-api on the WASM backend once per process (it is the process's tfjs instance). */
function faceApi(): Promise<typeof FaceApi> {
  loadingApi ??= (async () => {
    // The node-wasm build takes tfjs and its WASM backend from the installed packages; the
    // backend reads its .wasm files from its own dist/ folder.
    const before = processHandlers();
    const api = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as typeof FaceApi;
    // face-api's bundled typings of `tf` leave out the engine calls; they exist at run time.
    const engine = api.tf as unknown as TfEngine;
    try {
      await engine.setBackend('wasm');
      await engine.ready();
    } finally {
      removeHandlersAddedSince(before);
    }
    return api;
  })();
  return loadingApi;
}

/** tfjs's live tensors and their bytes, to check that detections leave nothing behind. */
export async function tfMemory(): Promise<{ numTensors: number; numBytes: number }> {
  return ((await faceApi()).tf as unknown as TfEngine).memory();
}

const loaded = new Map<FaceModelName, Promise<FaceModel>>();

/** The named model, loaded from the package on first use and kept for the process. */
export function loadFaceModel(name: FaceModelName): Promise<FaceModel> {
  let model = loaded.get(name);
  if (!model) {
    model = createModel(name);
    // A failed load is not cached: the next call tries again.
    model.catch(() => loaded.delete(name));
    loaded.set(name, model);
  }
  return model;
}

async function createModel(name: FaceModelName): Promise<FaceModel> {
  const api = await faceApi();
  const net = name === 'tiny' ? api.nets.tinyFaceDetector : api.nets.ssdMobilenetv1;
  if (!net.isLoaded) await net.loadFromDisk(faceModelDir());
  return {
    name: FACE_DETECTOR_OF[name],
    async detect(rgb, side, minConfidence) {
      const input = api.tf.tensor3d(rgb, [side, side, 3], 'int32');
      try {
        const options =
          name === 'tiny'
            ? new api.TinyFaceDetectorOptions({ inputSize: side, scoreThreshold: minConfidence })
            : new api.SsdMobilenetv1Options({ minConfidence, maxResults: 200 });
        const found = await api.detectAllFaces(input, options);
        return found.map((d) => ({
          x: d.box.x,
          y: d.box.y,
          w: d.box.width,
          h: d.box.height,
          score: d.score,
        }));
      } finally {
        input.dispose();
      }
    },
  };
}
