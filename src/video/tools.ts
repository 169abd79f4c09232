// The ffmpeg and ffprobe executables (static GPL builds shipped inside npm packages, run as
// separate programs, never linked) and one way to run them: bounded in time and output, reading
// local files only.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

/** Paths of the two programs. */
export interface VideoTools {
  ffmpeg: string;
  ffprobe: string;
}

/** Why a video program failed: its exit, never its output (which may quote file metadata). */
export class VideoToolError extends Error {
  override readonly name = 'VideoToolError';
  constructor(
    readonly tool: string,
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    /** The last lines of stderr, for a debugger's eyes only: never logged, never a message. */
    readonly stderrTail: string,
  ) {
    super(`${tool} exited with ${signal ?? exitCode}`);
  }
}

/**
 * The configured paths, or the binaries of `@ffmpeg-installer/ffmpeg` and
 * `@ffprobe-installer/ffprobe` (loaded only when needed: they throw on platforms they lack).
 */
export function resolveVideoTools(paths: Partial<VideoTools> = {}): VideoTools {
  const require = createRequire(import.meta.url);
  const packaged = (name: string) => (require(name) as { path: string }).path;
  return {
    ffmpeg: paths.ffmpeg ?? packaged('@ffmpeg-installer/ffmpeg'),
    ffprobe: paths.ffprobe ?? packaged('@ffprobe-installer/ffprobe'),
  };
}

/** Options every ffprobe run starts with: errors only. */
export const QUIET_ARGS = ['-hide_banner', '-v', 'error'] as const;
/** Options every ffmpeg run starts with: no reading of stdin for prompts, errors only. */
export const SAFE_INPUT_ARGS = ['-nostdin', ...QUIET_ARGS] as const;
/** Before every input: local files and pipes only (a crafted container cannot open a URL). */
export const LOCAL_PROTOCOLS = ['-protocol_whitelist', 'file,pipe'] as const;

const STDERR_TAIL_BYTES = 4_096;

export interface RunOptions {
  /** Killed (SIGKILL) after this long. */
  timeoutMs: number;
  /** Stdout is collected up to this many bytes (more is an error). 0: stdout is ignored. */
  maxStdoutBytes?: number;
}

/** Keeps the last bytes of a stream, for `VideoToolError.stderrTail`. */
function tailOf(child: ChildProcess): () => string {
  let tail = Buffer.alloc(0);
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = Buffer.concat([tail, chunk]).subarray(-STDERR_TAIL_BYTES);
  });
  return () => tail.toString('utf8');
}

/** Kills `child` after `timeoutMs`; returns the function that cancels the timer. */
function killAfter(child: ChildProcess, timeoutMs: number): () => void {
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return () => clearTimeout(timer);
}

/**
 * Runs a program to its end and returns its stdout; a non-zero exit, a signal or the timeout is a
 * `VideoToolError`.
 */
export function runTool(
  bin: string,
  args: readonly string[],
  options: RunOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr = tailOf(child);
    const cancel = killAfter(child, options.timeoutMs);
    const chunks: Buffer[] = [];
    let length = 0;
    const max = options.maxStdoutBytes ?? 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (max === 0) return;
      length += chunk.length;
      if (length > max) child.kill('SIGKILL');
      else chunks.push(chunk);
    });
    child.on('error', (err) => {
      cancel();
      reject(err);
    });
    child.on('close', (code, signal) => {
      cancel();
      if (code === 0 && length <= max) resolve(Buffer.concat(chunks));
      else if (code === 0) reject(new VideoToolError(bin, code, 'SIGKILL', 'stdout over its cap'));
      else reject(new VideoToolError(bin, code, signal, stderr()));
    });
  });
}

/** A running program whose stdin or stdout the caller streams, and its end. */
export interface StreamingTool {
  child: ChildProcess;
  /** Settles when the program exits: resolves on exit 0, else rejects with a `VideoToolError`. */
  done: Promise<void>;
}

/** Starts a program whose stdin and stdout are pipes for the caller; bounded by `timeoutMs`. */
export function startTool(bin: string, args: readonly string[], timeoutMs: number): StreamingTool {
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = tailOf(child);
  const cancel = killAfter(child, timeoutMs);
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (err) => {
      cancel();
      reject(err);
    });
    child.on('close', (code, signal) => {
      cancel();
      if (code === 0) resolve();
      else reject(new VideoToolError(bin, code, signal, stderr()));
    });
  });
  // A pipe the program closed early (it failed) errors on write: `done` reports why.
  child.stdin?.on('error', () => undefined);
  return { child, done };
}
