// A held-out page in points (top-left origin): words with PHI or decoy tags, filled shapes, an
// optional backdrop, and the builder the layouts draw with. Pure apart from font metrics.
import type { PathCommand } from 'opentype.js';
import type { PhiCategory } from '../../src/phi/types.js';
import type { DecoyKind, PhiTag } from '../corpus/types.js';
import type { Rng } from '../corpus/random.js';
import { ellipseCommands, rectCommands } from './affine.js';
import { measure, missingGlyphs, PDF_FACES, type Face } from './fonts.js';

/** How a run of text looks. `light` marks light text on a dark ground (scored by bright pixels). */
export interface Style {
  face: Face;
  size: number;
  fill?: string;
  light?: boolean;
  /** Handwriting: each word is tilted up to this many degrees and its baseline moved up to 0.06 em. */
  wobble?: number;
}

/** A piece of text with one label; spaces split it into words that share the label and entity. */
export interface Seg {
  text: string;
  phi?: PhiCategory;
  /** Words of different segments that form one mention share this key (from `DocContext.entity`). */
  entity?: string;
  decoy?: DecoyKind;
}

/** A segment, or a plain string for safe text. */
export type SegLike = Seg | string;

export const phi = (category: PhiCategory, text: string, entity?: string): Seg => ({
  text,
  phi: category,
  ...(entity && { entity }),
});
export const decoy = (kind: DecoyKind, text: string): Seg => ({ text, decoy: kind });

/** One word as placed on the sheet. */
export interface SheetWord {
  text: string;
  face: Face;
  size: number;
  x: number;
  baseline: number;
  fill: string;
  light: boolean;
  /** Degrees about the word's start on its baseline (handwriting). */
  tilt: number;
  phi?: PhiTag;
  decoy?: DecoyKind;
}

/** A filled outline in points (rules, boxes, bands, a portrait silhouette). */
export interface SheetShape {
  commands: PathCommand[];
  fill: string;
}

/** A raster drawn under everything else, generated at render time. */
export interface Backdrop {
  kind: 'xray';
  seed: number;
  /** Where the bright anatomy may lie, in points; overlay text stays outside it. */
  body: { x: number; y: number; w: number; h: number };
}

export interface Sheet {
  width: number;
  height: number;
  words: SheetWord[];
  shapes: SheetShape[];
  backdrop?: Backdrop;
  /** Page ground colour (white paper unless a card or a film). */
  ground: string;
}

/** Per-document state shared by its pages: the document id, its random stream, entity ids. */
export class DocContext {
  private next = 0;

  constructor(
    readonly id: string,
    readonly rng: Rng,
  ) {}

  /** A new entity id, `<doc id>/e<n>`, unique within the corpus. */
  entity(): string {
    this.next += 1;
    return `${this.id}/e${this.next}`;
  }
}

const FOLD: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  ø: 'o',
  Ø: 'O',
  ß: 'ss',
  œ: 'oe',
  æ: 'ae',
  '’': "'",
  '–': '-',
  '—': '-',
};

/** Latin letters a face cannot draw (or a PDF standard font cannot encode) folded to plain ones. */
export function fitText(face: Face, text: string): string {
  const pdf = PDF_FACES.has(face);
  const needsFold = (c: string) =>
    pdf ? (c.codePointAt(0) ?? 0) > 0xff : missingGlyphs(face, c).length > 0;
  if (![...text].some(needsFold)) return text;
  return [...text]
    .map((c) => {
      if (!needsFold(c)) return c;
      const folded = FOLD[c] ?? c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      return [...folded].every((f) => !needsFold(f)) ? folded : '?';
    })
    .join('');
}

const asSeg = (s: SegLike): Seg => (typeof s === 'string' ? { text: s } : s);

interface Token {
  text: string;
  seg: Seg;
}

/** Draws one sheet. Coordinates are points from the top-left corner. */
export class SheetBuilder {
  readonly words: SheetWord[] = [];
  readonly shapes: SheetShape[] = [];
  backdrop: Backdrop | undefined;
  /** Entity ids given to segments that carried none, so a segment split over lines stays one. */
  private readonly segEntities = new Map<Seg, string>();

  constructor(
    readonly doc: DocContext,
    readonly width: number,
    readonly height: number,
    readonly ground = '#ffffff',
  ) {}

  private tokens(segs: readonly SegLike[], style: Style): Token[] {
    const out: Token[] = [];
    for (const s of segs) {
      const seg = asSeg(s);
      for (const text of fitText(style.face, seg.text).split(' ')) {
        if (text.length === 0) continue;
        const last = out[out.length - 1];
        // Plain punctuation written as its own segment closes the word before it, as in print;
        // the word keeps its label ("ABC-1234," is PHI).
        if (typeof s === 'string' && last && /^[,.;:)]+$/.test(text)) last.text += text;
        else out.push({ text, seg });
      }
    }
    return out;
  }

  private tagOf(seg: Seg): PhiTag | undefined {
    if (!seg.phi) return undefined;
    let entity = seg.entity ?? this.segEntities.get(seg);
    if (!entity) {
      entity = this.doc.entity();
      this.segEntities.set(seg, entity);
    }
    return { category: seg.phi, entityId: entity };
  }

  private place(token: Token, x: number, baseline: number, style: Style): void {
    const wobble = style.wobble ?? 0;
    const rng = this.doc.rng;
    const tag = this.tagOf(token.seg);
    this.words.push({
      text: token.text,
      face: style.face,
      size: style.size,
      x,
      baseline: wobble > 0 ? baseline + rng.float(-0.06, 0.06) * style.size : baseline,
      fill: style.fill ?? '#000000',
      light: style.light ?? false,
      tilt: wobble > 0 ? rng.float(-wobble, wobble) : 0,
      ...(tag && { phi: tag }),
      ...(token.seg.decoy && { decoy: token.seg.decoy }),
    });
  }

  /** Width of the segments set on one line in `style`. */
  measure(style: Style, ...segs: SegLike[]): number {
    const tokens = this.tokens(segs, style);
    const space = measure(style.face, ' ', style.size);
    return (
      tokens.reduce((w, t) => w + measure(style.face, t.text, style.size), 0) +
      space * Math.max(0, tokens.length - 1)
    );
  }

  /** Sets segments on one line from `x`; returns the x where the line ends. */
  text(x: number, baseline: number, style: Style, ...segs: SegLike[]): number {
    const space = measure(style.face, ' ', style.size) * (style.wobble ? 1.25 : 1);
    let pen = x;
    this.tokens(segs, style).forEach((t, i) => {
      if (i > 0) pen += space;
      this.place(t, pen, baseline, style);
      pen += measure(style.face, t.text, style.size);
    });
    return pen;
  }

  /** Sets segments on one line ending at `right`. */
  right(right: number, baseline: number, style: Style, ...segs: SegLike[]): number {
    return this.text(right - this.measure(style, ...segs), baseline, style, ...segs);
  }

  /** Sets segments on one line centred on `centre`. */
  centre(centre: number, baseline: number, style: Style, ...segs: SegLike[]): number {
    return this.text(centre - this.measure(style, ...segs) / 2, baseline, style, ...segs);
  }

  /**
   * Fills lines `width` wide from the first baseline `baseline`, `leading` apart; returns the
   * baseline after the last line.
   */
  wrap(
    x: number,
    baseline: number,
    width: number,
    style: Style,
    leading: number,
    segs: readonly SegLike[],
  ): number {
    const space = measure(style.face, ' ', style.size);
    let pen = x;
    let line = baseline;
    let first = true;
    for (const token of this.tokens(segs, style)) {
      const w = measure(style.face, token.text, style.size);
      if (!first && pen + space + w > x + width) {
        line += leading;
        pen = x;
        first = true;
      }
      if (!first) pen += space;
      this.place(token, pen, line, style);
      pen += w;
      first = false;
    }
    return line + leading;
  }

  rect(x: number, y: number, w: number, h: number, fill = '#000000', radius = 0): void {
    this.shapes.push({ commands: rectCommands(x, y, w, h, radius), fill });
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, fill: string): void {
    this.shapes.push({ commands: ellipseCommands(cx, cy, rx, ry), fill });
  }

  /** A box outline of stroke `t`, drawn as four filled bars. */
  frame(x: number, y: number, w: number, h: number, t = 0.6, fill = '#000000'): void {
    this.rect(x, y, w, t, fill);
    this.rect(x, y + h - t, w, t, fill);
    this.rect(x, y + t, t, h - 2 * t, fill);
    this.rect(x + w - t, y + t, t, h - 2 * t, fill);
  }

  hline(x: number, y: number, w: number, t = 0.6, fill = '#000000'): void {
    this.rect(x, y, w, t, fill);
  }

  vline(x: number, y: number, h: number, t = 0.6, fill = '#000000'): void {
    this.rect(x, y, t, h, fill);
  }

  /** A square tick box at (x, y) with an `X` (a checkbox decoy) when `checked`. */
  checkbox(x: number, y: number, size: number, checked: boolean, style: Style): void {
    this.frame(x, y, size, size, Math.max(0.5, size / 14));
    if (checked) {
      const w = measure(style.face, 'X', style.size);
      this.text(x + (size - w) / 2, y + size * 0.82, style, decoy('checkbox', 'X'));
    }
  }

  build(): Sheet {
    return {
      width: this.width,
      height: this.height,
      words: this.words,
      shapes: this.shapes,
      ground: this.ground,
      ...(this.backdrop && { backdrop: this.backdrop }),
    };
  }
}
