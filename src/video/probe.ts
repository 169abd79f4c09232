// What a video is, read by ffprobe from its container: duration, frame size and rate, audio.
import { z } from 'zod';
import type { VideoType } from '../imaging/sniff.js';
import { LOCAL_PROTOCOLS, QUIET_ARGS, runTool, type VideoTools } from './tools.js';

/** A probed video: numbers only (container tags such as titles are never read into it). */
export interface VideoInfo {
  durationS: number;
  width: number;
  height: number;
  /** Frames per second (the stream's average rate). */
  fps: number;
  /** The same rate as ffmpeg takes it, exact (`30000/1001`). */
  rate: string;
  hasAudio: boolean;
  /** Clockwise turn a player applies to show the frames upright (phones record sideways). */
  rotation: Rotation;
}

export type Rotation = 0 | 90 | 180 | 270;

/**
 * ffmpeg's demuxer for each sniffed container, given explicitly so that ffmpeg never guesses a
 * format of its own from the bytes (a playlist or a concat script would open other files).
 */
export const DEMUXER: Record<VideoType, string> = {
  mp4: 'mov',
  mov: 'mov',
  webm: 'matroska',
  avi: 'avi',
};

/** A sniffed video, or one of our own Matroska segments. */
export type Container = VideoType | 'matroska';

/** The demuxer a container is read with. */
export const demuxerOf = (container: Container) =>
  container === 'matroska' ? 'matroska' : DEMUXER[container];

const ZRate = z.string().regex(/^\d+\/\d+$/);
const ZProbe = z.object({
  streams: z.array(
    z.object({
      codec_type: z.string().optional(),
      width: z.number().int().optional(),
      height: z.number().int().optional(),
      avg_frame_rate: ZRate.optional(),
      r_frame_rate: ZRate.optional(),
      duration: z.string().optional(),
      /** Only `rotate` is read; other tags (titles, places) may name a patient. */
      tags: z.object({ rotate: z.string().optional() }).optional(),
      side_data_list: z.array(z.object({ rotation: z.number().optional() })).optional(),
    }),
  ),
  format: z.object({ duration: z.string().optional() }).optional(),
});

/** `30000/1001` as a number; `undefined` for `0/0` and the like. */
export function parseRate(rate: string | undefined): number | undefined {
  if (!rate) return undefined;
  const [num, den] = rate.split('/').map(Number);
  if (!num || !den) return undefined;
  const fps = num / den;
  return Number.isFinite(fps) && fps > 0 ? fps : undefined;
}

/**
 * The clockwise display turn of a stream: its display matrix (whose angle ffprobe prints
 * counter-clockwise) or an old `rotate` tag, snapped to a quarter turn.
 */
export function parseRotation(stream: {
  tags?: { rotate?: string | undefined } | undefined;
  side_data_list?: Array<{ rotation?: number | undefined }> | undefined;
}): Rotation {
  const matrix = stream.side_data_list?.find((d) => d.rotation !== undefined)?.rotation;
  const degrees = matrix !== undefined ? -matrix : Number(stream.tags?.rotate ?? 0);
  if (!Number.isFinite(degrees)) return 0;
  const quarter = (((Math.round(degrees / 90) % 4) + 4) % 4) * 90;
  return quarter as Rotation;
}

/** ffmpeg filters that turn decoded frames upright; empty when they are. */
export function rotationFilter(rotation: Rotation): string | undefined {
  switch (rotation) {
    case 0:
      return undefined;
    case 90:
      return 'transpose=clock';
    case 180:
      return 'hflip,vflip';
    case 270:
      return 'transpose=cclock';
  }
}

/**
 * Reads ffprobe's `-show_format -show_streams` JSON. `undefined` when the file has no usable
 * video stream (no frame size, rate or duration): the caller treats it as corrupt.
 */
export function parseProbe(json: unknown): VideoInfo | undefined {
  const parsed = ZProbe.safeParse(json);
  if (!parsed.success) return undefined;
  const { streams, format } = parsed.data;
  const video = streams.find((s) => s.codec_type === 'video' && s.width && s.height);
  if (!video?.width || !video.height) return undefined;
  const rate = [video.avg_frame_rate, video.r_frame_rate].find((r) => parseRate(r));
  const fps = parseRate(rate);
  const durationS = Number(format?.duration ?? video.duration);
  if (!rate || !fps || !Number.isFinite(durationS) || durationS <= 0) return undefined;
  return {
    durationS,
    width: video.width,
    height: video.height,
    fps,
    rate,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    rotation: parseRotation(video),
  };
}

/** Probes a local video file with the demuxer of its container. */
export async function probeVideoFile(
  tools: VideoTools,
  path: string,
  container: Container,
  timeoutMs = 60_000,
): Promise<VideoInfo | undefined> {
  const stdout = await runTool(
    tools.ffprobe,
    [
      ...QUIET_ARGS,
      ...LOCAL_PROTOCOLS,
      '-f',
      demuxerOf(container),
      '-print_format',
      'json',
      '-show_format',
      '-show_streams',
      path,
    ],
    { timeoutMs, maxStdoutBytes: 4 * 1024 * 1024 },
  );
  return parseProbe(JSON.parse(stdout.toString('utf8')) as unknown);
}
