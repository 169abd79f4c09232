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

  it('reads the URL-fetch policy, and refuses bad entries and more than 5 redirects', () => {
    expect(parseConfig({}).fetch).toEqual({
      policy: { allowHosts: [], allowedPorts: [80, 443] },
      connectTimeoutMs: 10_000,
      totalTimeoutMs: 120_000,
      maxRedirects: 5,
      maxBytes: 100 * 1024 * 1024,
    });
    const config = parseConfig({
      FETCH_ALLOW_HOSTS: 'docs.hospital.internal,[::1]:9000',
      FETCH_ALLOWED_PORTS: '443,8443',
      MAX_UPLOAD_BYTES: '1000',
    });
    expect(config.fetch.policy).toEqual({
      allowHosts: [{ host: 'docs.hospital.internal' }, { host: '::1', port: 9000 }],
      allowedPorts: [443, 8443],
    });
    expect(config.fetch.maxBytes).toBe(1000);
    expect(() => parseConfig({ FETCH_ALLOW_HOSTS: 'http://x/' })).toThrow(/FETCH_ALLOW_HOSTS/);
    expect(() => parseConfig({ FETCH_ALLOWED_PORTS: '' })).toThrow(/FETCH_ALLOWED_PORTS/);
    expect(() => parseConfig({ FETCH_MAX_REDIRECTS: '6' })).toThrow(/FETCH_MAX_REDIRECTS/);
  });
});

describe('data lifecycle settings', () => {
  it('keeps nothing but outputs, for 24 h, by default', () => {
    expect(parseConfig({}).lifecycle).toEqual({
      keepIntermediates: false,
      keepInput: false,
      resultTtlMs: 86_400_000,
      ocrResultTtlMs: 3_600_000,
      sweepIntervalMs: 900_000,
      bucketRule: true,
      historyRetentionMs: 2 * 86_400_000,
    });
  });

  it('reads durations such as 30s and 1.5h, and refuses others', () => {
    const config = parseConfig({
      RESULT_TTL: '30s',
      RESULT_SWEEP_INTERVAL: '1.5h',
      HISTORY_RETENTION_GRACE: '0s',
      KEEP_INTERMEDIATES: 'true',
    });
    expect(config.lifecycle).toMatchObject({
      resultTtlMs: 30_000,
      ocrResultTtlMs: 30_000,
      sweepIntervalMs: 5_400_000,
      historyRetentionMs: 30_000,
      keepIntermediates: true,
    });
    expect(() => parseConfig({ RESULT_TTL: 'a day' })).toThrow(/RESULT_TTL/);
    expect(() => parseConfig({ RESULT_TTL: '0s' })).toThrow(/RESULT_TTL/);
    expect(() => parseConfig({ KEEP_INPUT: 'yes' })).toThrow(/KEEP_INPUT/);
  });
});

describe('OCR engines and operations', () => {
  it('reads tesseract with a tesseract fallback and every operation by default', () => {
    const config = parseConfig({});
    expect(config.operations).toEqual({
      enabled: ['redact', 'ocr', 'remove-background', 'blur-faces'],
      defaultEngine: 'tesseract',
      engines: ['tesseract'],
      bgRemovalConfigured: false,
    });
    expect(config.ocr).toEqual({
      fallback: 'tesseract',
      tesseractBin: undefined,
      azure: undefined,
    });
  });

  it('offers tesseract-native with TESSERACT_BIN, and refuses it as the default without', () => {
    const config = parseConfig({
      OCR_ENGINE: 'tesseract-native',
      TESSERACT_BIN: '/usr/bin/tesseract',
    });
    expect(config.operations.defaultEngine).toBe('tesseract-native');
    expect(config.operations.engines).toEqual(['tesseract', 'tesseract-native']);
    expect(config.ocr.tesseractBin).toBe('/usr/bin/tesseract');
    expect(() => parseConfig({ OCR_ENGINE: 'tesseract-native' })).toThrow(/TESSERACT_BIN/);
  });

  it('configures Azure from an endpoint and key given together', () => {
    const config = parseConfig({
      OCR_ENGINE: 'azure',
      OCR_FALLBACK: 'mask',
      AZURE_DI_ENDPOINT: 'https://example.cognitiveservices.azure.com',
      AZURE_DI_KEY: 'k',
      AZURE_DI_CONCURRENCY: '2',
      ENABLED_OPERATIONS: 'redact',
    });
    expect(config.operations).toEqual({
      enabled: ['redact'],
      defaultEngine: 'azure',
      engines: ['tesseract', 'azure'],
      bgRemovalConfigured: false,
    });
    expect(config.ocr.fallback).toBe('mask');
    expect(config.ocr.azure).toMatchObject({ concurrency: 2, maxRetries: 5, key: 'k' });
  });

  it('refuses azure without its resource, half a resource, and plain http off loopback', () => {
    expect(() => parseConfig({ OCR_ENGINE: 'azure' })).toThrow(/OCR_ENGINE/);
    expect(() => parseConfig({ AZURE_DI_KEY: 'k' })).toThrow(/AZURE_DI_KEY/);
    expect(() =>
      parseConfig({ AZURE_DI_ENDPOINT: 'http://example.com', AZURE_DI_KEY: 'k' }),
    ).toThrow(/AZURE_DI_ENDPOINT/);
    expect(
      parseConfig({ AZURE_DI_ENDPOINT: 'http://127.0.0.1:5000', AZURE_DI_KEY: 'k' }).ocr.azure,
    ).toBeDefined();
    expect(() => parseConfig({ ENABLED_OPERATIONS: 'redact,paint' })).toThrow(/ENABLED_OPERATIONS/);
  });

  it('keeps ocr results no longer than RESULT_TTL', () => {
    expect(parseConfig({ RESULT_TTL_OCR: '10m' }).lifecycle.ocrResultTtlMs).toBe(600_000);
    expect(parseConfig({ RESULT_TTL: '5m' }).lifecycle.ocrResultTtlMs).toBe(300_000);
  });
});
