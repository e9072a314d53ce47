/**
 * The ingest job: node-cron wiring and the lease around each run. The body is ingestOnce.
 * In one process a tick is skipped while a run is going; across processes the "ingest" lease
 * in the database keeps two runs apart.
 */
import cron from "node-cron";
import { abandonStaleRuns } from "../db/ingest-runs.repo.ts";
import { ingestOnce, type IngestDeps, type IngestOptions, type IngestSummary } from "../services/ingest.ts";
import { withLease, type LeaseBusy } from "./lease.ts";

/** Name of the lease row that guards ingestion. */
export const INGEST_LEASE = "ingest";

/** Lease settings for ingest runs. */
export interface IngestLeaseOptions {
  holder?: string;
  /** default 5 minutes, renewed every ttl/3 while the run goes on */
  leaseTtlMs?: number;
}

/** A run that did not happen because another process holds the lease. */
export interface IngestBusy {
  status: "busy";
  busy: LeaseBusy;
}

/**
 * One ingest run under the DB lease. Runs left `running` by a dead process are marked
 * `abandoned` first (safe: we hold the lease, so no live run exists). If the lease is lost
 * mid-run, the run stops starting new items and ends `abandoned`.
 */
export async function runIngestExclusive(
  deps: IngestDeps,
  opts: IngestOptions & IngestLeaseOptions = {},
): Promise<IngestSummary | IngestBusy> {
  const res = await withLease(
    deps.db,
    { name: INGEST_LEASE, holder: opts.holder, ttlMs: opts.leaseTtlMs, clock: deps.clock },
    async (lease) => {
      const stale = abandonStaleRuns(deps.db, deps.clock());
      if (stale) deps.logger.warn("ingest: marked runs left running by a dead process as abandoned", { count: stale });
      const signal = opts.signal ? AbortSignal.any([opts.signal, lease.signal]) : lease.signal;
      return ingestOnce(deps, { targets: opts.targets, trigger: opts.trigger, signal });
    },
  );
  if (!res.acquired) {
    deps.logger.info("ingest: another process holds the ingest lease; skipped", { ...res.busy });
    return { status: "busy", busy: res.busy };
  }
  return res.value;
}

/** Scheduler settings. */
export interface IngestSchedulerOptions extends IngestLeaseOptions {
  /** INGEST_CRON, e.g. "*\/30 * * * *" */
  cron: string;
  /** run once right away (INGEST_ON_START) */
  runOnStart?: boolean;
  timezone?: string;
  /** after each run that happened (alerts for the developments it filed); errors are logged */
  afterRun?: (summary: IngestSummary) => Promise<unknown>;
}

/** The running scheduler. */
export interface IngestScheduler {
  /** runs now unless a run is going (then returns "skipped" without waiting) */
  tick(trigger?: string, targets?: string[]): Promise<IngestSummary | IngestBusy | { status: "skipped" }>;
  readonly running: boolean;
  /**
   * Stops scheduling. With `abandon: true` a running job stops starting new items and ends as
   * `abandoned`; otherwise it is allowed to finish. Resolves when no run is going.
   */
  stop(opts?: { abandon?: boolean }): Promise<void>;
}

/** Starts the cron job that ingests all due sources. */
export function startIngestScheduler(deps: IngestDeps, opts: IngestSchedulerOptions): IngestScheduler {
  if (!cron.validate(opts.cron)) throw new Error(`jobs: invalid INGEST_CRON expression: ${opts.cron}`);
  let current: Promise<unknown> | null = null;
  let stopped = false;
  const abort = new AbortController();

  const tick: IngestScheduler["tick"] = async (trigger = "schedule", targets) => {
    if (stopped) return { status: "skipped" };
    if (current) {
      deps.logger.info("ingest: previous run still going; tick skipped");
      return { status: "skipped" };
    }
    const p = runIngestExclusive(deps, { trigger, targets: targets?.length ? targets : undefined, signal: abort.signal, holder: opts.holder, leaseTtlMs: opts.leaseTtlMs });
    current = p;
    try {
      const res = await p;
      if (opts.afterRun && res.status !== "busy") await opts.afterRun(res).catch((err) => deps.logger.error("ingest: after-run step failed", { err }));
      return res;
    } catch (err) {
      deps.logger.error("ingest: run crashed", { err });
      throw err;
    } finally {
      current = null;
    }
  };

  const task = cron.schedule(
    opts.cron,
    async () => {
      await tick("schedule").catch(() => undefined);
    },
    { noOverlap: true, name: "ingest", timezone: opts.timezone },
  );
  if (opts.runOnStart) void tick("start").catch(() => undefined);

  return {
    tick,
    get running() {
      return current !== null;
    },
    async stop(o = {}) {
      stopped = true;
      await task.stop();
      await task.destroy();
      if (o.abandon) abort.abort(new Error("jobs: scheduler stopped"));
      if (current) await current.catch(() => undefined);
    },
  };
}
