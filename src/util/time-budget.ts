// Runs synchronous work under a wall-clock budget that interrupts it (node:vm's watchdog), so one
// pathological page cannot hold a worker's event loop, and with it every other job, for minutes.
import { Script, createContext } from 'node:vm';

/** The work ran past its budget and was interrupted. */
export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';
}

const holder: { work: () => unknown } = { work: () => undefined };
const context = createContext(holder);
const script = new Script('work()');

/**
 * Runs `work` and returns its value, or throws `BudgetExceededError` after `budgetMs`. V8 stops
 * the running JavaScript wherever it is (a long regex included) from a watchdog thread, the same
 * mechanism as `vm`'s `timeout`; the work must be synchronous and leave nothing half-written that
 * outlives it. Costs about 0.3 ms a call for the watchdog.
 */
export function withinBudget<T>(work: () => T, budgetMs: number): T {
  holder.work = work;
  try {
    return script.runInContext(context, { timeout: budgetMs }) as T;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new BudgetExceededError(`work ran past its budget of ${budgetMs} ms`);
    }
    throw err;
  } finally {
    holder.work = () => undefined;
  }
}
