// planJob: the operation and engine a job runs, or a typed refusal at submit; the TTL it keeps.
import { describe, expect, it } from 'vitest';
import { resultTtlFor } from '../../src/jobs/lifecycle.js';
import { ZJobOptions } from '../../src/jobs/manifest.js';
import { planJob, type OperationSettings } from '../../src/jobs/operation.js';
import { documentText, pageText } from '../../src/ocr/ocr-answer.js';

const ALL: OperationSettings = {
  enabled: ['redact', 'ocr', 'remove-background'],
  defaultEngine: 'tesseract',
  engines: ['tesseract', 'tesseract-native', 'azure'],
  bgRemovalConfigured: true,
};

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
};

describe('planJob', () => {
  it('redacts with the default engine when nothing is asked', () => {
    expect(planJob({}, [], ALL)).toEqual({ operation: 'redact', ocrEngine: 'tesseract' });
    expect(planJob({}, [], { ...ALL, defaultEngine: 'azure' })).toEqual({
      operation: 'redact',
      ocrEngine: 'azure',
    });
  });

  it('runs ocr only for an account with the ocr scope', () => {
    expect(refusal(() => planJob({ operation: 'ocr' }, [], ALL))).toBe('OPERATION_NOT_ALLOWED');
    expect(planJob({ operation: 'ocr', ocrEngine: 'azure' }, ['ocr'], ALL)).toEqual({
      operation: 'ocr',
      ocrEngine: 'azure',
    });
  });

  it('refuses an operation the deployment does not offer, before the scope', () => {
    const redactOnly = { ...ALL, enabled: ['redact'] as const };
    expect(refusal(() => planJob({ operation: 'ocr' }, ['ocr'], redactOnly))).toBe(
      'OPERATION_NOT_CONFIGURED',
    );
    expect(refusal(() => planJob({ operation: 'ocr' }, [], redactOnly))).toBe(
      'OPERATION_NOT_CONFIGURED',
    );
  });

  it('runs remove-background only where an engine is configured, with no scope', () => {
    expect(planJob({ operation: 'remove-background' }, [], ALL).operation).toBe(
      'remove-background',
    );
    const noEngine = { ...ALL, bgRemovalConfigured: false };
    expect(refusal(() => planJob({ operation: 'remove-background' }, [], noEngine))).toBe(
      'OPERATION_NOT_CONFIGURED',
    );
    const notEnabled = { ...ALL, enabled: ['redact', 'ocr'] as const };
    expect(refusal(() => planJob({ operation: 'remove-background' }, [], notEnabled))).toBe(
      'OPERATION_NOT_CONFIGURED',
    );
    expect(planJob({}, [], noEngine).operation).toBe('redact');
  });

  it('refuses an engine this deployment has not configured, naming its settings', () => {
    const tesseractOnly = { ...ALL, engines: ['tesseract'] as const };
    for (const ocrEngine of ['azure', 'tesseract-native'] as const) {
      expect(refusal(() => planJob({ ocrEngine }, [], tesseractOnly))).toBe(
        'OCR_ENGINE_NOT_CONFIGURED',
      );
    }
    expect(() => planJob({ ocrEngine: 'tesseract-native' }, [], tesseractOnly)).toThrow(
      /TESSERACT_BIN/,
    );
    expect(planJob({ ocrEngine: 'tesseract' }, [], tesseractOnly).ocrEngine).toBe('tesseract');
    expect(planJob({ ocrEngine: 'tesseract-native' }, [], ALL).ocrEngine).toBe('tesseract-native');
  });
});

describe('job options', () => {
  it('accepts the operations and engines implemented, and nothing else', () => {
    expect(ZJobOptions.safeParse({ operation: 'ocr', ocrEngine: 'azure' }).success).toBe(true);
    expect(ZJobOptions.safeParse({ operation: 'transcribe' }).success).toBe(false);
    expect(ZJobOptions.safeParse({ ocrEngine: 'google' }).success).toBe(false);
  });
});

describe('resultTtlFor', () => {
  it('keeps ocr outputs for RESULT_TTL_OCR and everything else for RESULT_TTL', () => {
    const ttls = { resultTtlMs: 86_400_000, ocrResultTtlMs: 3_600_000 };
    expect(resultTtlFor('ocr', ttls)).toBe(3_600_000);
    expect(resultTtlFor('redact', ttls)).toBe(86_400_000);
    expect(resultTtlFor(undefined, ttls)).toBe(86_400_000);
    expect(resultTtlFor('ocr', { resultTtlMs: 5 })).toBe(5);
  });
});

describe('ocr text', () => {
  const word = (text: string) => ({ text, box: { x: 0, y: 0, w: 1, h: 1 }, confidence: 90 });
  const line = (block: number, ...words: string[]) => ({
    box: { x: 0, y: 0, w: 1, h: 1 },
    block,
    words: words.map(word),
  });

  it('puts lines one per row and a blank line between blocks', () => {
    const text = pageText({
      lines: [line(0, 'Name:', 'Ada'), line(0, 'DOB:', '1960'), line(2, 'Notes')],
    });
    expect(text).toBe('Name: Ada\nDOB: 1960\n\nNotes');
  });

  it('separates pages with a form feed and says which page could not be read', () => {
    expect(documentText([{ lines: [line(0, 'One')] }, undefined])).toBe(
      'One\n\n\f\n\n[UNREADABLE PAGE]',
    );
  });
});
