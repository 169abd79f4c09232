// The faces the extra corpora (eval/text-corpus, eval/name-probe) set text in, as font stacks.
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadFontFile, type FontStack } from '../../tests/fixtures/draw.js';

const require = createRequire(import.meta.url);

/** Subset files of one @fontsource family at weight 400, tried in this order per character. */
const fontsource = (family: string, subsets: readonly string[]) =>
  subsets.map((s) => `@fontsource/${family}/files/${family}-${s}-400-normal.woff`);

const LATIN = ['latin', 'latin-ext'] as const;
const WITH_VIETNAMESE = ['latin', 'latin-ext', 'vietnamese'] as const;

/**
 * Roboto, Noto Serif, Roboto Mono and Roboto Condensed are the own corpus's faces; Open Sans and
 * PT Serif are not used by it, nor is Liberation Sans as a raster face (the copy pdfjs-dist ships).
 */
const FACE_FILES = {
  roboto: fontsource('roboto', WITH_VIETNAMESE),
  'noto-serif': fontsource('noto-serif', WITH_VIETNAMESE),
  'roboto-mono': fontsource('roboto-mono', WITH_VIETNAMESE),
  'roboto-condensed': fontsource('roboto-condensed', WITH_VIETNAMESE),
  'open-sans': fontsource('open-sans', WITH_VIETNAMESE),
  'pt-serif': fontsource('pt-serif', LATIN),
  'liberation-sans': [
    path.join(
      path.dirname(require.resolve('pdfjs-dist/package.json')),
      'standard_fonts',
      'LiberationSans-Regular.ttf',
    ),
  ],
} as const satisfies Record<string, readonly string[]>;

/** A face of the extra corpora. */
export type FaceId = keyof typeof FACE_FILES;

const stacks = new Map<FaceId, FontStack>();

/** The face's font stack (parsed once). */
export function faceStack(face: FaceId): FontStack {
  let stack = stacks.get(face);
  if (!stack) {
    stack = FACE_FILES[face].map((file) => loadFontFile(file));
    stacks.set(face, stack);
  }
  return stack;
}

/** True when every character of `text` has a glyph in the face (spaces aside). */
export function faceCovers(face: FaceId, text: string): boolean {
  const stack = faceStack(face);
  return [...text].every((c) => c === ' ' || stack.some((font) => font.hasChar(c)));
}
