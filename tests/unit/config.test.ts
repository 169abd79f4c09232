import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.js';

describe('parseConfig', () => {
  it('applies defaults for an empty environment', () => {
    const config = parseConfig({});
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'redactify',
    });
    expect(config.api.port).toBe(8000);
    expect(config.s3.bucket).toBe('redactify');
    expect(config.limits.maxPages).toBe(500);
    expect(config.worker.ocrWorkers).toBeGreaterThan(0);
  });

  it('coerces numbers from strings', () => {
    const config = parseConfig({ API_PORT: '9100', MASK_PADDING_PX: '0', OCR_WORKERS: '3' });
    expect([config.api.port, config.worker.maskPaddingPx, config.worker.ocrWorkers]).toEqual([
      9100, 0, 3,
    ]);
  });

  it('names every bad variable in one error', () => {
    const bad = () =>
      parseConfig({ API_PORT: '70000', S3_BUCKET: 'Bad_Bucket', OCR_MODEL: 'huge' });
    for (const name of ['API_PORT', 'S3_BUCKET', 'OCR_MODEL']) expect(bad).toThrow(name);
  });

  it('rejects a secret key too short for MinIO', () => {
    expect(() => parseConfig({ S3_SECRET_KEY: 'short' })).toThrow(/S3_SECRET_KEY/);
  });
});
