// Temporal's logs (SDK, workflows' `log`, activities' `log`) written by our pino logger, one line each.
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { jobIdOfWorkflow } from '../jobs/job-id.js';
import type { Logger } from '../log.js';
import { errorFields } from '../util/failure.js';

const PINO_LEVEL = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
} as const satisfies Record<LogLevel, string>;
const RANK: Record<LogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

/** Attributes Temporal adds that tell an operator nothing and only lengthen every line. */
const DROPPED = new Set(['taskToken', 'namespace', 'isLocal']);

/**
 * SDK messages that are expected here, logged at DEBUG whatever level the SDK gives them:
 * - a failed workflow: our workflows report their own end, with the code (`jobFinished`); the
 *   SDK's copy of the error has lost its class crossing out of the workflow sandbox, so all it
 *   could say is INTERNAL, and a long document's page-range child would add a second line;
 * - the OCR worker runs activities only, by design.
 */
const DEMOTED = new Set([
  'Workflow failed',
  'No workflows registered, not polling for workflow tasks',
]);

/**
 * Temporal's log attributes as pino fields: errors become their code and type names (no
 * message, no stack: one line, nothing quoted from a document), a job's workflow id becomes
 * `jobId`.
 */
export function temporalLogFields(meta: LogMetadata = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (DROPPED.has(key)) continue;
    if (value instanceof Error) {
      Object.assign(fields, errorFields(value));
    } else if (key === 'workflowId' && typeof value === 'string') {
      const jobId = jobIdOfWorkflow(value);
      if (jobId) fields.jobId = jobId;
      if (jobId !== value) fields.workflowId = value;
    } else {
      fields[key] = value;
    }
  }
  return fields;
}

/**
 * The logger to give `Runtime.install({ logger })`. The SDK's own messages (`sdkComponent`
 * worker or core) below `sdkMinLevel` are dropped: at INFO they describe worker lifecycle, not
 * jobs. Messages from our workflows and activities keep the pino logger's level.
 */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(
    private readonly target: Logger,
    private readonly sdkMinLevel: LogLevel = 'WARN',
  ) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const internal = meta?.sdkComponent === 'worker' || meta?.sdkComponent === 'core';
    const at = internal && DEMOTED.has(message) ? 'DEBUG' : level;
    if (internal && RANK[at] < RANK[this.sdkMinLevel]) return;
    this.target[PINO_LEVEL[at]](temporalLogFields(meta), message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
