// The worker's metrics: jobs finished, pages and PHI found, time per stage, OCR slots in use.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { JobOutcome, PageOutcome } from '../workflows/contract.js';
import type { StageName } from '../jobs/stage-timing.js';
import { METRIC_PREFIX } from './registry.js';

/** From a few milliseconds (detection) to minutes (splitting a long PDF). */
const STAGE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** Where the OCR slots gauge reads from (the tesseract.js pool). */
export interface OcrSlots {
  readonly size: number;
  readonly busy: number;
}

/** Registers the worker's metrics on `registry` and returns the functions that record them. */
export function createWorkerMetrics(registry: Registry, { ocr }: { ocr?: OcrSlots } = {}) {
  const registers = [registry];
  const jobsCompleted = new Counter({
    name: `${METRIC_PREFIX}jobs_completed_total`,
    help: 'Jobs whose workflow completed (masked file, report and text stored).',
    registers,
  });
  const jobsFailed = new Counter({
    name: `${METRIC_PREFIX}jobs_failed_total`,
    help: 'Jobs whose workflow failed, by error code.',
    labelNames: ['code'] as const,
    registers,
  });
  const pages = new Counter({
    name: `${METRIC_PREFIX}pages_total`,
    help: 'Pages redacted (OCR, detection, masking and verification done).',
    registers,
  });
  const pagesFlagged = new Counter({
    name: `${METRIC_PREFIX}pages_flagged_total`,
    help: 'Redacted pages flagged for review, by flag (unreadable, residual-phi, unverified).',
    labelNames: ['flag'] as const,
    registers,
  });
  const phiEntities = new Counter({
    name: `${METRIC_PREFIX}phi_entities_total`,
    help: 'PHI entities masked, by category.',
    labelNames: ['category'] as const,
    registers,
  });
  const stageDuration = new Histogram({
    name: `${METRIC_PREFIX}stage_duration_seconds`,
    help: 'Time inside successful activity attempts per stage; object-storage time is its own stage.',
    labelNames: ['stage'] as const,
    buckets: STAGE_BUCKETS,
    registers,
  });
  if (ocr) {
    new Gauge({
      name: `${METRIC_PREFIX}ocr_slots`,
      help: 'OCR workers (tesseract.js threads) in this process.',
      registers,
      collect() {
        this.set(ocr.size);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}ocr_slots_busy`,
      help: 'OCR workers reading a page right now.',
      registers,
      collect() {
        this.set(ocr.busy);
      },
    });
  }

  return {
    registry,
    /** Counts a finished job. */
    recordJob(outcome: JobOutcome): void {
      if (outcome.status === 'completed') jobsCompleted.inc();
      else jobsFailed.inc({ code: outcome.code });
    },
    /** Counts a redacted page, its flags and its entities by category. */
    recordPage({ byCategory, flags }: PageOutcome): void {
      pages.inc();
      for (const flag of flags) pagesFlagged.inc({ flag });
      for (const [category, n] of Object.entries(byCategory)) {
        if (n) phiEntities.inc({ category }, n);
      }
    },
    /** Observes one activity's time per stage (see `stageSamples`). */
    recordStage(samples: ReadonlyArray<readonly [StageName, number]>): void {
      for (const [stage, seconds] of samples) stageDuration.observe({ stage }, seconds);
    },
  };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
