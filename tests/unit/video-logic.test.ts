// The pure parts of video handling: probing, limits, detection frames, interpolation, the report.
import { describe, expect, it } from 'vitest';
import { RedactifyError } from '../../src/errors.js';
import { coverage, type Box } from '../../src/imaging/geometry.js';
import {
  boxesBetween,
  detectionFrames,
  dilate,
  isDetectionFrame,
  matchFaces,
  trackFaces,
  type TrackedFace,
  toRanges,
} from '../../src/video/face-track.js';
import { checkVideoBytes, checkVideoLimits } from '../../src/video/limits.js';
import { parseProbe, parseRate, parseRotation, rotationFilter } from '../../src/video/probe.js';
import { concatList } from '../../src/video/segments.js';
import { videoReport } from '../../src/video/video-report.js';

const box = (x: number, y: number, w = 40, h = 50): Box => ({ x, y, w, h });

describe('detectionFrames', () => {
  it('takes every k-th frame and always the last, so no frame lacks a detection after it', () => {
    expect(detectionFrames(8, 3)).toEqual([0, 3, 6, 7]);
    expect(detectionFrames(7, 3)).toEqual([0, 3, 6]);
    expect(detectionFrames(4, 1)).toEqual([0, 1, 2, 3]);
    expect(detectionFrames(1, 5)).toEqual([0]);
    expect(detectionFrames(0, 2)).toEqual([]);
  });

  it('agrees with the one-frame rule the segment loop uses', () => {
    for (const [n, k] of [
      [10, 3],
      [9, 2],
      [5, 7],
    ] as const) {
      const one = Array.from({ length: n }, (_, i) => i).filter((i) => isDetectionFrame(i, n, k));
      expect(one).toEqual(detectionFrames(n, k));
    }
  });
});

describe('boxesBetween', () => {
  it('covers every linearly interpolated position of a moving face', () => {
    const before = box(0, 0);
    const after = box(60, 30);
    const hidden = boxesBetween([before], [after], 0);
    expect(hidden).toHaveLength(1);
    for (let t = 0; t <= 1; t += 0.125) {
      const at = box(60 * t, 30 * t);
      expect(coverage(at, hidden[0] as Box)).toBe(1);
    }
  });

  it('keeps a face seen at one end only (entering or leaving) hidden where it was seen', () => {
    const staying = box(10, 10);
    const entering = box(300, 10);
    const hidden = boxesBetween([staying], [box(12, 11), entering], 0);
    expect(hidden).toHaveLength(2);
    expect(hidden.some((b) => coverage(entering, b) === 1)).toBe(true);
    expect(hidden.some((b) => coverage(staying, b) === 1)).toBe(true);
  });

  it('grows every box by the dilation share of its size on each side', () => {
    const [grown] = boxesBetween([box(100, 100, 40, 40)], [box(100, 100, 40, 40)], 0.25);
    expect(grown).toEqual({ x: 90, y: 90, w: 60, h: 60 });
  });

  it('pairs faces by overlap first, not by list order', () => {
    const a1 = box(0, 0);
    const a2 = box(200, 0);
    const { pairs, unmatchedBefore, unmatchedAfter } = matchFaces(
      [a1, a2],
      [box(205, 2), box(3, 1)],
    );
    expect([...unmatchedBefore, ...unmatchedAfter]).toEqual([]);
    expect(pairs).toContainEqual([a1, box(3, 1)]);
    expect(pairs).toContainEqual([a2, box(205, 2)]);
  });

  it('hides nothing between two frames without faces', () => {
    expect(boxesBetween([], [], 0.25)).toEqual([]);
  });
});

describe('trackFaces', () => {
  const face = box(100, 100, 40, 40);
  const track = (before: TrackedFace[], found: Box[], hold = 3) =>
    trackFaces(before, found, hold, 0.25);

  it('keeps a missed face hidden, grown, for `hold` detections in a row, then lets it go', () => {
    let tracked = track([], [face], 2);
    expect(tracked).toEqual([{ box: face, missed: 0 }]);
    tracked = track(tracked, [], 2);
    expect(tracked).toEqual([{ box: { x: 90, y: 90, w: 60, h: 60 }, missed: 1 }]);
    tracked = track(tracked, [], 2);
    expect(tracked).toHaveLength(1);
    expect(tracked[0]?.missed).toBe(2);
    expect(track(tracked, [], 2)).toEqual([]);
  });

  it('starts again from the found box when a held face is found, and holds nothing at 0', () => {
    const held = track(track([], [face]), []);
    const again = box(104, 100, 40, 40);
    expect(track(held, [again])).toEqual([{ box: again, missed: 0 }]);
    expect(track([{ box: face, missed: 0 }], [], 0)).toEqual([]);
  });

  it('holds only the faces not found again, beside the new ones', () => {
    const left = box(0, 0);
    const right = box(300, 0);
    const entering = box(600, 0);
    const faces = trackFaces(
      [
        { box: left, missed: 0 },
        { box: right, missed: 0 },
      ],
      [box(2, 1), entering],
      1,
      0,
    );
    expect(faces).toEqual([
      { box: box(2, 1), missed: 0 },
      { box: entering, missed: 0 },
      { box: right, missed: 1 },
    ]);
  });
});

describe('dilate and toRanges', () => {
  it('dilates around the centre', () => {
    expect(dilate(box(10, 10, 20, 10), 0.5)).toEqual({ x: 0, y: 5, w: 40, h: 20 });
  });

  it('folds frame numbers into runs', () => {
    expect(toRanges([5, 1, 2, 4, 9])).toEqual([
      [1, 2],
      [4, 5],
      [9, 9],
    ]);
    expect(toRanges([])).toEqual([]);
  });
});

describe('parseProbe', () => {
  const stream = {
    codec_type: 'video',
    width: 320,
    height: 240,
    avg_frame_rate: '30000/1001',
    r_frame_rate: '30/1',
    tags: { rotate: '0', title: 'Jane Doe intake' },
  };

  it('reads duration, size, rate and audio, and nothing from other tags', () => {
    const info = parseProbe({
      streams: [stream, { codec_type: 'audio' }],
      format: { duration: '4.000000', tags: { title: 'Jane Doe' } },
    });
    expect(info).toEqual({
      durationS: 4,
      width: 320,
      height: 240,
      fps: 30000 / 1001,
      rate: '30000/1001',
      hasAudio: true,
      rotation: 0,
    });
    expect(JSON.stringify(info)).not.toContain('Jane');
  });

  it('falls back to the stream rate and refuses files without a usable video stream', () => {
    expect(
      parseProbe({ streams: [{ ...stream, avg_frame_rate: '0/0' }], format: { duration: '1' } })
        ?.rate,
    ).toBe('30/1');
    expect(parseProbe({ streams: [{ codec_type: 'audio' }], format: { duration: '3' } })).toBe(
      undefined,
    );
    expect(parseProbe({ streams: [stream], format: {} })).toBe(undefined);
    expect(parseProbe({ nonsense: true })).toBe(undefined);
  });

  it('parses rates and display rotations', () => {
    expect(parseRate('25/1')).toBe(25);
    expect(parseRate('0/0')).toBe(undefined);
    expect(parseRotation({ side_data_list: [{ rotation: -90 }] })).toBe(90);
    expect(parseRotation({ side_data_list: [{ rotation: 90 }] })).toBe(270);
    expect(parseRotation({ tags: { rotate: '180' } })).toBe(180);
    expect(parseRotation({})).toBe(0);
    expect([0, 90, 180, 270].map((r) => rotationFilter(r as 0))).toEqual([
      undefined,
      'transpose=clock',
      'hflip,vflip',
      'transpose=cclock',
    ]);
  });
});

describe('video limits', () => {
  const limits = { maxSeconds: 60, maxFramePixels: 640 * 480, maxBytes: 1000 };
  const info = {
    durationS: 30,
    width: 640,
    height: 480,
    fps: 25,
    rate: '25/1',
    hasAudio: false,
    rotation: 0 as const,
  };
  const codeOf = (fn: () => void) => {
    try {
      fn();
      return 'none';
    } catch (err) {
      return err instanceof RedactifyError ? err.code : 'other';
    }
  };

  it('refuses with typed codes: too long, frames too large, file too large', () => {
    expect(codeOf(() => checkVideoLimits(info, limits))).toBe('none');
    expect(codeOf(() => checkVideoLimits({ ...info, durationS: 60.5 }, limits))).toBe(
      'VIDEO_TOO_LONG',
    );
    // A portrait frame of the same pixel count passes; one more pixel row does not.
    expect(codeOf(() => checkVideoLimits({ ...info, width: 480, height: 640 }, limits))).toBe(
      'none',
    );
    expect(codeOf(() => checkVideoLimits({ ...info, height: 481 }, limits))).toBe(
      'VIDEO_RESOLUTION_TOO_HIGH',
    );
    expect(codeOf(() => checkVideoBytes(1001, limits))).toBe('VIDEO_TOO_LARGE');
    expect(codeOf(() => checkVideoBytes(1000, limits))).toBe('none');
  });
});

describe('concatList', () => {
  it('names every segment in order and escapes quotes', () => {
    expect(concatList(['/tmp/a/00000.mkv', "/tmp/it's/00001.mkv"])).toBe(
      "ffconcat version 1.0\nfile '/tmp/a/00000.mkv'\nfile '/tmp/it'\\''s/00001.mkv'",
    );
  });
});

describe('videoReport', () => {
  it("numbers each segment's frames through the whole video and adds them up", () => {
    const { segments, totals } = videoReport([
      { frames: 30, framesDetected: 11, framesInterpolated: [[1, 2]], faces: 11, maxFaces: 1 },
      {
        frames: 15,
        framesDetected: 6,
        framesInterpolated: [
          [1, 2],
          [4, 5],
        ],
        faces: 0,
        maxFaces: 0,
      },
    ]);
    expect(segments.map((s) => s.firstFrame)).toEqual([0, 30]);
    expect(segments[1]?.framesInterpolated).toEqual([
      [31, 32],
      [34, 35],
    ]);
    expect(totals).toEqual({ frames: 45, framesDetected: 17, framesInterpolated: 6, faces: 11 });
  });
});
