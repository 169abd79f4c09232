// BG_REMOVAL_* and BG_MODEL_*: off by default, each engine's settings required with it.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.js';

describe('background-removal settings', () => {
  it('are off unless an engine is named', () => {
    expect(parseConfig({}).bgRemoval).toBeUndefined();
    expect(parseConfig({ BG_MODEL_PATH: '/m.onnx' }).bgRemoval).toBeUndefined();
    expect(parseConfig({ BG_MODEL_PATH: '/m.onnx' }).operations.bgRemovalConfigured).toBe(false);
  });

  it('read the remote engine, and refuse it without its URL and key', () => {
    const config = parseConfig({
      BG_REMOVAL_ENGINE: 'remote',
      BG_REMOVAL_URL: 'http://127.0.0.1:9/v1.0/removebg',
      BG_REMOVAL_KEY: 'k',
      BG_REMOVAL_MAX_THROTTLE_WAITS: '1',
    });
    expect(config.bgRemoval).toEqual({
      engine: 'remote',
      remote: {
        url: 'http://127.0.0.1:9/v1.0/removebg',
        apiKey: 'k',
        timeoutMs: 60_000,
        maxThrottleWaits: 1,
        maxRetryAfterMs: 30_000,
        defaultRetryAfterMs: 5_000,
      },
    });
    expect(config.operations.bgRemovalConfigured).toBe(true);
    expect(() => parseConfig({ BG_REMOVAL_ENGINE: 'remote' })).toThrow(
      /BG_REMOVAL_URL: is required[\s\S]*BG_REMOVAL_KEY: is required/,
    );
  });

  it('require https for the remote engine in production', () => {
    const env = {
      NODE_ENV: 'production',
      TEMPORAL_PAYLOAD_KEYS: `main:${Buffer.alloc(32, 1).toString('base64')}`,
      BG_REMOVAL_ENGINE: 'remote',
      BG_REMOVAL_URL: 'http://bg.example/v1.0/removebg',
      BG_REMOVAL_KEY: 'k',
    };
    expect(() => parseConfig(env)).toThrow(/BG_REMOVAL_URL: must be https/);
    const https = { ...env, BG_REMOVAL_URL: 'https://bg.example/v1.0/removebg' };
    expect(parseConfig(https).bgRemoval?.engine).toBe('remote');
  });

  it('read the local engine with its model settings, and refuse it without a model', () => {
    const config = parseConfig({
      BG_REMOVAL_ENGINE: 'local',
      BG_MODEL_PATH: '/models/isnet.onnx',
      BG_MODEL_SIZE: '1024',
      BG_MODEL_MEAN: '0.5, 0.5, 0.5',
      BG_MODEL_STD: '1,1,1',
      BG_MODEL_OUTPUT: 'logits',
    });
    expect(config.bgRemoval).toEqual({
      engine: 'local',
      local: {
        modelPath: '/models/isnet.onnx',
        size: 1024,
        mean: [0.5, 0.5, 0.5],
        std: [1, 1, 1],
        activation: 'logits',
        threads: 1,
      },
    });
    expect(() => parseConfig({ BG_REMOVAL_ENGINE: 'local' })).toThrow(/BG_MODEL_PATH: is required/);
    expect(() =>
      parseConfig({ BG_REMOVAL_ENGINE: 'local', BG_MODEL_PATH: '/m', BG_MODEL_STD: '1,0,1' }),
    ).toThrow(/BG_MODEL_STD/);
    expect(() =>
      parseConfig({ BG_REMOVAL_ENGINE: 'local', BG_MODEL_PATH: '/m', BG_MODEL_MEAN: '1,2' }),
    ).toThrow(/BG_MODEL_MEAN/);
  });
});
