/** Queries on `ingest_runs` and `ingest_errors`. */
import { asc, desc, eq } from "drizzle-orm";
import type { Db } from "./client.ts";
import { ingestErrors, ingestRuns } from "./schema.ts";
import { redactCredentials } from "../lib/redact.ts";

export type IngestRunRow = typeof ingestRuns.$inferSelect;
export type IngestErrorRow = typeof ingestErrors.$inferSelect;
export type RunStatus = IngestRunRow["status"];

/** The counts a run reports. */
export interface RunCounts {
  sources: number;
  newArticles: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

/** Opens a run in status `running`; returns its id. */
export function startRun(db: Db, r: { trigger: string; now: Date }): number {
  return db
    .insert(ingestRuns)
    .values({ startedAt: r.now.toISOString(), status: "running", trigger: r.trigger })
    .returning({ id: ingestRuns.id })
    .get().id;
}

/** Closes a run with its final status and counts. */
export function finishRun(db: Db, id: number, r: { status: Exclude<RunStatus, "running">; counts: RunCounts; now: Date }): void {
  db.update(ingestRuns)
    .set({ status: r.status, finishedAt: r.now.toISOString(), ...r.counts })
    .where(eq(ingestRuns.id, id))
    .run();
}

/** Records one failure of a source or an item, linked to its run. */
export function recordIngestError(
  db: Db,
  e: { runId: number | null; sourceId: number | null; url: string | null; reason: string; now: Date },
): void {
  db.insert(ingestErrors)
    .values({ runId: e.runId, sourceId: e.sourceId, url: e.url === null ? null : redactCredentials(e.url), reason: redactCredentials(e.reason), at: e.now.toISOString() })
    .run();
}

/** One run by id, or null. */
export function getRun(db: Db, id: number): IngestRunRow | null {
  return db.select().from(ingestRuns).where(eq(ingestRuns.id, id)).get() ?? null;
}

/** The most recent runs first. */
export function listRuns(db: Db, limit = 20): IngestRunRow[] {
  return db.select().from(ingestRuns).orderBy(desc(ingestRuns.id)).limit(limit).all();
}

/** The failures recorded for a run, in order. */
export function listRunErrors(db: Db, runId: number): IngestErrorRow[] {
  return db.select().from(ingestErrors).where(eq(ingestErrors.runId, runId)).orderBy(asc(ingestErrors.id)).all();
}

/**
 * Marks runs left `running` by a process that died as `abandoned` (called when a new run
 * starts under the lease, so no live run can be hit).
 */
export function abandonStaleRuns(db: Db, now: Date): number {
  return db
    .update(ingestRuns)
    .set({ status: "abandoned", finishedAt: now.toISOString() })
    .where(eq(ingestRuns.status, "running"))
    .run().changes;
}
