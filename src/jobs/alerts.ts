/**
 * When alerts run: after each ingest run and after the analysis that runs in the background at
 * start. One pass at a time per process; a request while a pass runs queues one more pass (which
 * sees everything the first did not), so a burst of triggers costs at most two passes. Across
 * processes the claims in the database keep each message to one post.
 */
import { runAlerts, type AlertDeps, type AlertOptions, type AlertRunResult } from "../services/alerts.ts";

/** A process's alert runner. */
export interface AlertRunner {
  /** runs a pass now, or after the one in progress; null once stopped */
  run(trigger: string): Promise<AlertRunResult | null>;
  /** no new passes; resolves when the one in progress ends */
  stop(): Promise<void>;
}

/** Builds the runner over the alert service. */
export function createAlertRunner(deps: AlertDeps, opts: AlertOptions = {}): AlertRunner {
  let running: Promise<AlertRunResult> | null = null;
  let queued: Promise<AlertRunResult | null> | null = null;
  let stopped = false;
  const run = (trigger: string): Promise<AlertRunResult | null> => {
    if (stopped) return Promise.resolve(null);
    if (queued) return queued;
    if (running) {
      queued = running.then(() => {
        queued = null;
        return run(trigger);
      });
      return queued;
    }
    running = runAlerts(deps, { ...opts, trigger }).finally(() => (running = null));
    return running;
  };
  return {
    run,
    async stop() {
      stopped = true;
      await queued?.catch(() => null);
      await running?.catch(() => null);
    },
  };
}
