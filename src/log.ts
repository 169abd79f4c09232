// Structured logs: pino JSON lines. Callers pass ids, counts and codes; never document text, file
// names or URLs (query strings included).
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Censored wherever they appear in a logged object: the headers that carry API keys and
 * sessions, in the shapes HTTP loggers use (`req.headers`, `headers`).
 */
export const REDACTED_PATHS = ['x-api-key', 'authorization', 'cookie', 'set-cookie'].flatMap(
  (header) => [`req.headers["${header}"]`, `headers["${header}"]`, `res.headers["${header}"]`],
);

/**
 * A logger writing one JSON object per line to stderr (stdout stays free for a program's output),
 * with `component` on every line. Add ids with child loggers:
 *
 * @example
 * const log = createLogger('api', 'info');
 * log.child({ requestId }).info({ status: 202 }, 'request');
 */
export function createLogger(
  component: string,
  level: LogLevel = 'info',
  destination: DestinationStream = pino.destination({ dest: 2, sync: true }),
): Logger {
  return pino(
    {
      level,
      base: { component },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers: lines stay readable without pino-pretty.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
