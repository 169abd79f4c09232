// 2-D affine maps over outline commands, and tight boxes of the mapped outlines. Pure.
import type { PathCommand } from 'opentype.js';
import type { Box } from '../../src/imaging/geometry.js';

/** x' = a·x + c·y + e, y' = b·x + d·y + f (the SVG matrix order). */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export const IDENTITY: Affine = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

/** `outer` applied after `inner`. */
export function compose(outer: Affine, inner: Affine): Affine {
  return {
    a: outer.a * inner.a + outer.c * inner.b,
    b: outer.b * inner.a + outer.d * inner.b,
    c: outer.a * inner.c + outer.c * inner.d,
    d: outer.b * inner.c + outer.d * inner.d,
    e: outer.a * inner.e + outer.c * inner.f + outer.e,
    f: outer.b * inner.e + outer.d * inner.f + outer.f,
  };
}

export const scaling = (s: number): Affine => ({ a: s, b: 0, c: 0, d: s, e: 0, f: 0 });
export const translation = (x: number, y: number): Affine => ({ ...IDENTITY, e: x, f: y });

/** A rotation by `degrees` (clockwise on screen, y pointing down) about (cx, cy). */
export function rotationAbout(degrees: number, cx: number, cy: number): Affine {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  return compose(
    translation(cx, cy),
    compose({ a: cos, b: sin, c: -sin, d: cos, e: 0, f: 0 }, translation(-cx, -cy)),
  );
}

export function apply(m: Affine, x: number, y: number): [number, number] {
  return [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
}

/** The commands with every point mapped (an affine map keeps Béziers Béziers). */
export function mapCommands(m: Affine, commands: readonly PathCommand[]): PathCommand[] {
  return commands.map((c) => {
    const out: PathCommand = { type: c.type };
    if (c.x !== undefined && c.y !== undefined) [out.x, out.y] = apply(m, c.x, c.y);
    if (c.x1 !== undefined && c.y1 !== undefined) [out.x1, out.y1] = apply(m, c.x1, c.y1);
    if (c.x2 !== undefined && c.y2 !== undefined) [out.x2, out.y2] = apply(m, c.x2, c.y2);
    return out;
  });
}

/** Steps per Bézier segment when bounding it: the error is far below a pixel at these sizes. */
const STEPS = 16;

/** The bounding box of the filled outline (curves sampled, not their control points). */
export function outlineBox(commands: readonly PathCommand[]): Box | undefined {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const add = (x: number, y: number) => {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  };
  let px = 0;
  let py = 0;
  for (const c of commands) {
    if (c.type === 'Z' || c.x === undefined || c.y === undefined) continue;
    if (c.type === 'Q' && c.x1 !== undefined && c.y1 !== undefined) {
      for (let i = 1; i < STEPS; i++) {
        const t = i / STEPS;
        const u = 1 - t;
        add(
          u * u * px + 2 * u * t * c.x1 + t * t * c.x,
          u * u * py + 2 * u * t * c.y1 + t * t * c.y,
        );
      }
    } else if (
      c.type === 'C' &&
      c.x1 !== undefined &&
      c.y1 !== undefined &&
      c.x2 !== undefined &&
      c.y2 !== undefined
    ) {
      for (let i = 1; i < STEPS; i++) {
        const t = i / STEPS;
        const u = 1 - t;
        add(
          u * u * u * px + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t * t * t * c.x,
          u * u * u * py + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t * t * t * c.y,
        );
      }
    }
    add(c.x, c.y);
    px = c.x;
    py = c.y;
  }
  if (x0 === Infinity || x1 - x0 <= 0 || y1 - y0 <= 0) return undefined;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** SVG path data, serialised by hand (opentype's optimiser drops segments; see docs/notes). */
export function pathData(commands: readonly PathCommand[]): string {
  const f = (n = 0) => String(Math.round(n * 100) / 100);
  return commands
    .map((c) => {
      switch (c.type) {
        case 'M':
        case 'L':
          return `${c.type}${f(c.x)} ${f(c.y)}`;
        case 'Q':
          return `Q${f(c.x1)} ${f(c.y1)} ${f(c.x)} ${f(c.y)}`;
        case 'C':
          return `C${f(c.x1)} ${f(c.y1)} ${f(c.x2)} ${f(c.y2)} ${f(c.x)} ${f(c.y)}`;
        default:
          return 'Z';
      }
    })
    .join('');
}

/** A rectangle (optionally with rounded corners of radius `r`) as outline commands. */
export function rectCommands(x: number, y: number, w: number, h: number, r = 0): PathCommand[] {
  if (r <= 0)
    return [
      { type: 'M', x, y },
      { type: 'L', x: x + w, y },
      { type: 'L', x: x + w, y: y + h },
      { type: 'L', x, y: y + h },
      { type: 'Z' },
    ];
  const k = r * 0.5523;
  return [
    { type: 'M', x: x + r, y },
    { type: 'L', x: x + w - r, y },
    { type: 'C', x1: x + w - r + k, y1: y, x2: x + w, y2: y + r - k, x: x + w, y: y + r },
    { type: 'L', x: x + w, y: y + h - r },
    {
      type: 'C',
      x1: x + w,
      y1: y + h - r + k,
      x2: x + w - r + k,
      y2: y + h,
      x: x + w - r,
      y: y + h,
    },
    { type: 'L', x: x + r, y: y + h },
    { type: 'C', x1: x + r - k, y1: y + h, x2: x, y2: y + h - r + k, x, y: y + h - r },
    { type: 'L', x, y: y + r },
    { type: 'C', x1: x, y1: y + r - k, x2: x + r - k, y2: y, x: x + r, y },
    { type: 'Z' },
  ];
}

/** An ellipse centred on (cx, cy) as four cubic Béziers. */
export function ellipseCommands(cx: number, cy: number, rx: number, ry: number): PathCommand[] {
  const kx = rx * 0.5523;
  const ky = ry * 0.5523;
  return [
    { type: 'M', x: cx + rx, y: cy },
    { type: 'C', x1: cx + rx, y1: cy + ky, x2: cx + kx, y2: cy + ry, x: cx, y: cy + ry },
    { type: 'C', x1: cx - kx, y1: cy + ry, x2: cx - rx, y2: cy + ky, x: cx - rx, y: cy },
    { type: 'C', x1: cx - rx, y1: cy - ky, x2: cx - kx, y2: cy - ry, x: cx, y: cy - ry },
    { type: 'C', x1: cx + kx, y1: cy - ry, x2: cx + rx, y2: cy - ky, x: cx + rx, y: cy },
    { type: 'Z' },
  ];
}
