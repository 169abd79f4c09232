// Captures what a pino logger writes, one parsed JSON object per line.
import { createLogger, type LogLevel, type Logger } from '../../src/log.js';

export interface CapturedLog {
  log: Logger;
  /** Every line as written. */
  lines: string[];
  /** Every line parsed; throws if a line is not one JSON object. */
  records: () => Array<Record<string, unknown>>;
}

export function captureLog(component = 'test', level: LogLevel = 'debug'): CapturedLog {
  const lines: string[] = [];
  const log = createLogger(component, level, { write: (chunk: string) => void lines.push(chunk) });
  return {
    log,
    lines,
    records: () =>
      lines.map((line) => {
        if (!line.endsWith('\n') || line.slice(0, -1).includes('\n')) {
          throw new Error(`not one line: ${line}`);
        }
        return JSON.parse(line) as Record<string, unknown>;
      }),
  };
}
