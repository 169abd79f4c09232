// A minimal structured logger. Callers pass ids, counts and codes; never document text.

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Fields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/** A logger writing one JSON line per event to stderr, dropping events below `level`. */
export function createLogger(component: string, level: Level = 'info'): Logger {
  const write =
    (at: Level) =>
    (message: string, fields: Fields = {}) => {
      if (ORDER[at] < ORDER[level]) return;
      process.stderr.write(
        `${JSON.stringify({ time: new Date().toISOString(), level: at, component, message, ...fields })}\n`,
      );
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
