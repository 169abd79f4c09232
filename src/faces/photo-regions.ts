// Where on a document page a face photo could be: solid non-paper blocks of face size, pure.
import type { Box, Size } from '../imaging/geometry.js';

/**
 * How far (0..255, on any channel) a cell's mean colour may be from the paper's and still count
 * as paper. Low on purpose: pale skin on white paper differs by 30 or more on the blue channel
 * (≈ 40 in grey); what this misses, the network could not find either.
 */
export const PAPER_TOLERANCE = 12;
/** A page is treated as a document (and filtered) only if at least this share of it is paper. */
export const MIN_PAPER_SHARE = 0.5;
/** The paper must be this bright (its darkest channel): a dark or coloured page is searched whole. */
export const MIN_PAPER_LEVEL = 160;
/**
 * A scan's paper is not one colour (shading, a grey photocopy fading toward an edge), so each part
 * of the page is compared with the paper around it: the paper colour is estimated per block of
 * this many minimum faces, over the block and its eight neighbours (twelve faces across).
 */
const PAPER_BLOCK_FACES = 4;
/** A block's own estimate is used only when at least this share of its window lies near it… */
const MIN_LOCAL_PAPER_SHARE = 0.5;
/**
 * …and it may differ from the page's paper by at most this much on any channel (clamped beyond):
 * with `PAPER_TOLERANCE` it stays under the 30 by which pale skin differs from white paper, so a
 * large smooth face can never make itself the paper.
 */
export const MAX_PAPER_SHIFT = 16;
/** Cells per minimum face side: small enough that a face's solid middle spans several. */
const CELLS_PER_FACE = 6;
/** The share of the minimum face side that must be solid non-paper (a face's middle is). */
const SOLID_SHARE = 0.6;
/**
 * The share of a detection's middle half that must not be paper. Measured on truth boxes and the
 * false faces of heldout-dev (docs/evaluation.md): true faces on eval:faces document pages
 * 0.99–1.00, the false faces over scanned text 0.21–0.62, which 0.7 did not hold back once
 * rounded to cells; 18 of the 100 `lfw_subset` crops, whose pale frame is taken for paper, lie
 * between 0.75 and 0.88 and are lost by it.
 */
export const MIN_SOLID_MIDDLE = 0.9;

/** The page's candidate regions for face search. */
export interface PhotoRegions {
  /** True when some part of the page could hold a face. */
  readonly any: boolean;
  /** True when `box` (image pixels) overlaps a region that could hold a face. */
  touches(box: Box): boolean;
  /**
   * True when the middle half of `box` (image pixels) is solid: at least `MIN_SOLID_MIDDLE` of its
   * cells are not paper. A face photo's middle is skin; a false face the network sees in a page of
   * text is mostly paper.
   */
  solidMiddle(box: Box): boolean;
}

/**
 * Finds the parts of a document page where a face of at least `minFacePx` could be: blocks of
 * `0.6 · minFacePx` square whose every cell's mean colour differs from the paper around it. Text
 * lines, rules and blank paper leave none; a photograph (colour, grey, or dithered: cell means
 * average the dots out) leaves one under every face. Outside the image counts as non-paper, so a face cut off by the
 * page edge still makes a region. Answers `undefined` when the image is not a document (less than
 * half of it bright, near-uniform paper): such an image is searched whole.
 *
 * `rgb` holds three interleaved channels per pixel. `text` are boxes OCR read confidently
 * (`confidentTextBoxes`): cells whose centre lies in one count as paper, so scanned text that
 * the colours alone take for a photo is not searched, and a detection over it is not kept.
 */
export function photoRegions(
  rgb: Uint8Array,
  size: Size,
  minFacePx: number,
  text: readonly Box[] = [],
): PhotoRegions | undefined {
  const cell = Math.max(2, Math.floor(minFacePx / CELLS_PER_FACE));
  const cols = Math.ceil(size.width / cell);
  const rows = Math.ceil(size.height / cell);
  const means = cellMeans(rgb, size, cell, cols, rows);
  const all = { c0: 0, r0: 0, c1: cols, r1: rows };
  const pagePaper = paperColourIn(means, cols, all);
  if (Math.min(...pagePaper) < MIN_PAPER_LEVEL) return undefined;
  const paper = localPaper(means, cols, rows, CELLS_PER_FACE * PAPER_BLOCK_FACES, pagePaper);
  const isPaper = new Uint8Array(cols * rows);
  let paperCells = 0;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (nearColour(means, i, paper(c, r))) {
        isPaper[i] = 1;
        paperCells++;
      }
    }
  if (paperCells < MIN_PAPER_SHARE * cols * rows) return undefined;
  // Whether the page is a document is the paper's colour alone; then what OCR read confidently
  // counts as paper too.
  markCellsUnder(text, cell, cols, rows, isPaper);

  const k = Math.max(2, Math.ceil((SOLID_SHARE * minFacePx) / cell));
  // Blocks may start up to k - 1 cells outside the image (which counts as non-paper).
  const paperSum = prefixSums(isPaper, cols, rows);
  const paperIn = (c0: number, r0: number, c1: number, r1: number) =>
    rectSum(paperSum, cols, rows, c0, r0, c1, r1);
  const candidate = new Uint8Array((cols + k) * (rows + k));
  const candCols = cols + k;
  let any = false;
  for (let r = -(k - 1); r < rows; r++)
    for (let c = -(k - 1); c < cols; c++)
      if (paperIn(c, r, c + k, r + k) === 0) {
        candidate[(r + k - 1) * candCols + (c + k - 1)] = 1;
        any = true;
      }
  const candSum = prefixSums(candidate, candCols, rows + k);
  return {
    any,
    solidMiddle(box) {
      // Cells under the middle half; those outside the image count as not paper.
      const c0 = Math.floor((box.x + box.w / 4) / cell);
      const r0 = Math.floor((box.y + box.h / 4) / cell);
      const c1 = Math.max(c0 + 1, Math.ceil((box.x + (3 * box.w) / 4) / cell));
      const r1 = Math.max(r0 + 1, Math.ceil((box.y + (3 * box.h) / 4) / cell));
      const cells = (c1 - c0) * (r1 - r0);
      return cells - paperIn(c0, r0, c1, r1) >= MIN_SOLID_MIDDLE * cells;
    },
    touches(box) {
      if (!any) return false;
      // A block starting at cell (c, r) covers cells c … c + k - 1.
      const c0 = Math.floor(box.x / cell) - (k - 1);
      const r0 = Math.floor(box.y / cell) - (k - 1);
      const c1 = Math.ceil((box.x + box.w) / cell);
      const r1 = Math.ceil((box.y + box.h) / cell);
      const shift = k - 1;
      return (
        rectSum(candSum, candCols, rows + k, c0 + shift, r0 + shift, c1 + shift, r1 + shift) > 0
      );
    },
  };
}

/** Sets every cell whose centre lies inside one of `boxes`. */
function markCellsUnder(
  boxes: readonly Box[],
  cell: number,
  cols: number,
  rows: number,
  mask: Uint8Array,
): void {
  for (const b of boxes) {
    const c0 = Math.max(0, Math.ceil(b.x / cell - 0.5));
    const c1 = Math.min(cols - 1, Math.floor((b.x + b.w) / cell - 0.5));
    const r0 = Math.max(0, Math.ceil(b.y / cell - 0.5));
    const r1 = Math.min(rows - 1, Math.floor((b.y + b.h) / cell - 0.5));
    for (let r = r0; r <= r1; r++) mask.fill(1, r * cols + c0, r * cols + c1 + 1);
  }
}

/**
 * Mean colour of every `cell`-pixel square (the last row and column may be smaller). Each row's
 * cell-wide run is summed in locals before it is added to its cell: one typed-array update per
 * run instead of per pixel halves the time on a 300 dpi page.
 */
function cellMeans(
  rgb: Uint8Array,
  size: Size,
  cell: number,
  cols: number,
  rows: number,
): Float64Array {
  const sums = new Float64Array(cols * rows * 3);
  for (let y = 0; y < size.height; y++) {
    const rowBase = Math.floor(y / cell) * cols;
    const line = y * size.width * 3;
    for (let c = 0; c < cols; c++) {
      const x1 = Math.min(size.width, (c + 1) * cell);
      let red = 0;
      let green = 0;
      let blue = 0;
      for (let p = line + c * cell * 3, end = line + x1 * 3; p < end; p += 3) {
        red += rgb[p] ?? 0;
        green += rgb[p + 1] ?? 0;
        blue += rgb[p + 2] ?? 0;
      }
      const i = (rowBase + c) * 3;
      sums[i] = (sums[i] ?? 0) + red;
      sums[i + 1] = (sums[i + 1] ?? 0) + green;
      sums[i + 2] = (sums[i + 2] ?? 0) + blue;
    }
  }
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const n =
        (Math.min(size.width, (c + 1) * cell) - c * cell) *
        (Math.min(size.height, (r + 1) * cell) - r * cell);
      const i = (r * cols + c) * 3;
      for (let ch = 0; ch < 3; ch++) sums[i + ch] = (sums[i + ch] ?? 0) / (n || 1);
    }
  return sums;
}

/** A range of cells: columns [c0, c1), rows [r0, r1). */
interface CellRange {
  c0: number;
  r0: number;
  c1: number;
  r1: number;
}

/** Whether cell `i`'s mean colour lies within `PAPER_TOLERANCE` of `colour` on every channel. */
function nearColour(means: Float64Array, i: number, colour: readonly number[]): boolean {
  for (let ch = 0; ch < 3; ch++)
    if (Math.abs((means[i * 3 + ch] ?? 0) - (colour[ch] ?? 0)) > PAPER_TOLERANCE) return false;
  return true;
}

/** The paper colour of a range: per channel, the 0.9 quantile of its cell means (ink is darker). */
function paperColourIn(means: Float64Array, cols: number, range: CellRange): number[] {
  const counts = new Uint32Array(3 * 256);
  for (let r = range.r0; r < range.r1; r++)
    for (let c = range.c0; c < range.c1; c++)
      for (let ch = 0; ch < 3; ch++) {
        const bin = ch * 256 + Math.round(means[(r * cols + c) * 3 + ch] ?? 0);
        counts[bin] = (counts[bin] ?? 0) + 1;
      }
  const n = (range.r1 - range.r0) * (range.c1 - range.c0);
  return [0, 1, 2].map((ch) => {
    let below = 0;
    for (let v = 0; v < 256; v++) {
      below += counts[ch * 256 + v] ?? 0;
      if (below > 0.9 * n) return v;
    }
    return 255;
  });
}

/**
 * The paper colour around each cell: per block of `block` cells, the colour of the block and its
 * neighbours when most of them are near it (and within `MAX_PAPER_SHIFT` of the page's paper),
 * else the page's paper.
 */
function localPaper(
  means: Float64Array,
  cols: number,
  rows: number,
  block: number,
  pagePaper: readonly number[],
): (c: number, r: number) => readonly number[] {
  const blockCols = Math.ceil(cols / block);
  const blockRows = Math.ceil(rows / block);
  const colours: number[][] = [];
  for (let br = 0; br < blockRows; br++)
    for (let bc = 0; bc < blockCols; bc++) {
      const range = {
        c0: Math.max(0, (bc - 1) * block),
        r0: Math.max(0, (br - 1) * block),
        c1: Math.min(cols, (bc + 2) * block),
        r1: Math.min(rows, (br + 2) * block),
      };
      const own = paperColourIn(means, cols, range).map((v, ch) => {
        const page = pagePaper[ch] ?? 0;
        return Math.min(page + MAX_PAPER_SHIFT, Math.max(page - MAX_PAPER_SHIFT, v));
      });
      let near = 0;
      for (let r = range.r0; r < range.r1; r++)
        for (let c = range.c0; c < range.c1; c++) if (nearColour(means, r * cols + c, own)) near++;
      const cells = (range.r1 - range.r0) * (range.c1 - range.c0);
      colours.push(near >= MIN_LOCAL_PAPER_SHARE * cells ? own : [...pagePaper]);
    }
  return (c, r) => colours[Math.floor(r / block) * blockCols + Math.floor(c / block)] ?? pagePaper;
}

/** Summed-area table with a zero first row and column: (cols + 1) × (rows + 1). */
function prefixSums(mask: Uint8Array, cols: number, rows: number): Uint32Array {
  const sums = new Uint32Array((cols + 1) * (rows + 1));
  for (let r = 0; r < rows; r++) {
    let line = 0;
    for (let c = 0; c < cols; c++) {
      line += mask[r * cols + c] ?? 0;
      sums[(r + 1) * (cols + 1) + c + 1] = (sums[r * (cols + 1) + c + 1] ?? 0) + line;
    }
  }
  return sums;
}

/** How many set cells lie in columns [c0, c1) and rows [r0, r1), clipped to the mask. */
function rectSum(
  sums: Uint32Array,
  cols: number,
  rows: number,
  c0: number,
  r0: number,
  c1: number,
  r1: number,
): number {
  const x0 = Math.max(0, Math.min(cols, c0));
  const x1 = Math.max(0, Math.min(cols, c1));
  const y0 = Math.max(0, Math.min(rows, r0));
  const y1 = Math.max(0, Math.min(rows, r1));
  if (x0 >= x1 || y0 >= y1) return 0;
  const at = (x: number, y: number) => sums[y * (cols + 1) + x] ?? 0;
  return at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0);
}
