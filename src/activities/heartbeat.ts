// Heartbeats for long activity work, so Temporal notices a dead worker quickly.
import { Context } from '@temporalio/activity';

/** Heartbeats every few seconds while `work` runs, so a dead worker is noticed quickly. */
export async function withHeartbeat<T>(work: Promise<T>, everyMs = 5_000): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
