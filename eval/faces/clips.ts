// The video clips of `npm run eval:faces`: a labelled still moved through a frame (a pan, a zoom,
// a photo sliding in from outside the frame), with every face's box known on every frame.
//
// Conventions, written before the first score (2026-12-08):
// - A face counts on a frame from the frame where at least half of its truth box is inside the
//   frame (less is an ear and a cheek at the edge); its truth is the part inside the frame.
// - A frame leaks when a counted face is less than 90 % hidden (HIDDEN_SHARE, as for images);
//   "strictly" when any pixel of a counted face is not hidden.
// - A frame of a faceless clip is changed when anything is hidden on it.
// - Placement and truth are pure (below), so the clip's truth does not depend on ffmpeg.
import sharp from 'sharp';
import { area, clampToPage, intersect, type Box } from '../../src/imaging/geometry.js';
import type { RawImage } from '../../src/imaging/mask.js';
import { coveredShare, HIDDEN_SHARE } from './score.js';

export type Motion = 'pan' | 'zoom' | 'enter';

export interface Clip {
  name: string;
  set: 'video' | 'held-out video' | 'faceless video';
  still: RawImage;
  /** Truth faces in the still's pixels. */
  faces: readonly Box[];
  motion: Motion;
  width: number;
  height: number;
  fps: number;
  seconds: number;
}

/** Where the still lies on frame `n`: a whole-pixel rectangle (it may reach outside the frame). */
export type Placement = Box;

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

/**
 * The still's placement on frame `n`. At scale 1 the still is as high as the frame.
 * - pan: the still's middle moves from the frame's left edge to its right edge.
 * - zoom: the still, centred, grows from 0.6 to 1.8 times that.
 * - enter: the still slides in from beyond the right edge in the first 40 % of the clip (slowing
 *   down), then stays centred.
 */
export function placement(clip: Clip, n: number): Placement {
  const frames = clip.fps * clip.seconds;
  const t = frames > 1 ? n / (frames - 1) : 0;
  const fit = clip.height / clip.still.height;
  const at = (x: number, y: number, scale: number): Placement => ({
    x: Math.round(x),
    y: Math.round(y),
    w: Math.max(1, Math.round(clip.still.width * scale)),
    h: Math.max(1, Math.round(clip.still.height * scale)),
  });
  const width = (scale: number) => clip.still.width * scale;
  switch (clip.motion) {
    case 'pan':
      return at(lerp(0, clip.width, t) - width(fit) / 2, 0, fit);
    case 'zoom': {
      const scale = fit * lerp(0.6, 1.8, t);
      return at(
        (clip.width - width(scale)) / 2,
        (clip.height - clip.still.height * scale) / 2,
        scale,
      );
    }
    case 'enter': {
      const eased = 1 - (1 - Math.min(1, t / 0.4)) ** 2;
      return at(lerp(clip.width, (clip.width - width(fit)) / 2, eased), 0, fit);
    }
  }
}

/** The counted faces of frame `n` (see the conventions above), in frame pixels. */
export function facesOnFrame(clip: Clip, n: number): Box[] {
  const shown = placement(clip, n);
  const kx = shown.w / clip.still.width;
  const ky = shown.h / clip.still.height;
  const frame = { x: 0, y: 0, w: clip.width, h: clip.height };
  return clip.faces.flatMap((f) => {
    const placed = { x: shown.x + f.x * kx, y: shown.y + f.y * ky, w: f.w * kx, h: f.h * ky };
    const inside = intersect(placed, frame);
    return area(inside) >= 0.5 * area(placed) ? [inside] : [];
  });
}

export interface FrameScore {
  faces: number;
  /** A counted face is less than HIDDEN_SHARE hidden. */
  leaked: boolean;
  /** Some pixel of a counted face is not hidden. */
  leakedStrictly: boolean;
  /** Anything is hidden (what counts on a faceless clip). */
  changed: boolean;
}

/** Scores one frame: `hidden` are the boxes the product hid on it. */
export function scoreFrame(truth: readonly Box[], hidden: readonly Box[]): FrameScore {
  const shares = truth.map((t) => coveredShare(t, hidden));
  return {
    faces: truth.length,
    leaked: shares.some((s) => s < HIDDEN_SHARE),
    leakedStrictly: shares.some((s) => s < 1),
    changed: hidden.length > 0,
  };
}

/** Frame `n` of the clip as raw RGB: the still placed on a mid-grey background. */
export async function renderFrame(clip: Clip, n: number): Promise<Buffer> {
  const shown = placement(clip, n);
  const frame = { width: clip.width, height: clip.height };
  const canvas = sharp({
    create: { ...frame, channels: 3, background: { r: 128, g: 128, b: 128 } },
  });
  // The part of the scaled still inside the frame, cut out and laid on the canvas.
  const visible = clampToPage(shown, frame);
  if (visible.w <= 0 || visible.h <= 0) return canvas.raw().toBuffer();
  const { data, width, height, channels } = clip.still;
  const cut = await sharp(data, { raw: { width, height, channels } })
    .resize(shown.w, shown.h, { fit: 'fill' })
    .extract({
      left: visible.x - shown.x,
      top: visible.y - shown.y,
      width: visible.w,
      height: visible.h,
    })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer();
  return canvas
    .composite([
      {
        input: cut,
        raw: { width: visible.w, height: visible.h, channels: 3 },
        left: visible.x,
        top: visible.y,
      },
    ])
    .removeAlpha()
    .raw()
    .toBuffer();
}
