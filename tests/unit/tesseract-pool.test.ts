// The OCR pool with a real tesseract.js worker: waiting callers and shutdown.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { TesseractPool } from '../../src/ocr/tesseract-pool.js';

describe('TesseractPool', () => {
  it('rejects callers still waiting for a worker when it closes, and takes no more work', async () => {
    const pool = new TesseractPool({
      size: 1,
      model: 'best_int',
      recycleAfterPages: 100,
      timeoutMs: 60_000,
    });
    const png = await sharp({
      create: { width: 200, height: 100, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const request = { png, width: 200, height: 100, dpi: 300 };
    const running = pool.recognize(request);
    const waiting = pool.recognize(request);
    await pool.close();
    await expect(waiting).rejects.toThrow('OCR pool is closed');
    await expect(running).resolves.toMatchObject({ width: 200, height: 100 });
    await expect(pool.recognize(request)).rejects.toThrow('OCR pool is closed');
  });
});
