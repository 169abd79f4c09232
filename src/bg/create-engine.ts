// Builds the configured background-removal engine, if any (BG_REMOVAL_ENGINE).
import type { BgRemovalConfig } from '../config/env.js';
import type { BackgroundRemover } from './engine.js';
import { OnnxBackgroundRemover } from './local-engine.js';
import { RemoteBackgroundRemover } from './remote-engine.js';

/** The engine `config` names, or undefined when background removal is not configured. */
export function createBackgroundRemover(
  config: BgRemovalConfig | undefined,
): BackgroundRemover | undefined {
  if (!config) return undefined;
  if (config.engine === 'remote') return new RemoteBackgroundRemover(config.remote);
  return new OnnxBackgroundRemover(config.local);
}
