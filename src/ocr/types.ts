// Recognised text with geometry. This is PHI: it lives in object storage, never in workflow history.
import { z } from 'zod';
import { ZBox } from '../imaging/geometry.js';

export const ZOcrWord = z.object({
  text: z.string(),
  box: ZBox,
  /** 0–100, as the engine reports it. */
  confidence: z.number(),
  /** Horizontal extent of each character, `[x0, x1]`, when the engine gives them. */
  chars: z.array(z.tuple([z.number(), z.number()])).optional(),
});

export const ZOcrLine = z.object({
  box: ZBox,
  /** Index of the layout block (e.g. one form cell or paragraph) the line belongs to. */
  block: z.number().int(),
  words: z.array(ZOcrWord),
});

export const ZOcrPage = z.object({
  width: z.number().int(),
  height: z.number().int(),
  dpi: z.number(),
  lines: z.array(ZOcrLine),
});

export type OcrWord = z.infer<typeof ZOcrWord>;
export type OcrLine = z.infer<typeof ZOcrLine>;
export type OcrPage = z.infer<typeof ZOcrPage>;
