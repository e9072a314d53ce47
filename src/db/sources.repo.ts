/** Queries on `sources`: registration and the state of polite fetching. */
import { and, asc, eq, isNull, lte, or } from "drizzle-orm";
import type { Db } from "./client.ts";
import { sources } from "./schema.ts";
import { CREDENTIALS_HINT, hasUrlCredentials, redactCredentials } from "../lib/redact.ts";

export type SourceRow = typeof sources.$inferSelect;
export type SourceKind = SourceRow["kind"];

/** Registers a source; throws `sources: already registered …` when its URL is known. */
export function insertSource(db: Db, input: { kind: SourceKind; url: string; name?: string | null; now: Date; sample?: boolean }): SourceRow {
  if (hasUrlCredentials(input.url)) throw new Error(`sources: not registered: ${CREDENTIALS_HINT}`);
  const existing = getSourceByUrl(db, input.url);
  if (existing) throw new Error(`sources: already registered as #${existing.id}: ${input.url}`);
  return db
    .insert(sources)
    .values({ kind: input.kind, url: input.url, name: input.name ?? null, createdAt: input.now.toISOString(), sample: input.sample ?? false })
    .returning()
    .get();
}

/** Every source, oldest first. */
export function listSources(db: Db): SourceRow[] {
  return db.select().from(sources).orderBy(asc(sources.id)).all();
}

/** One source by id, or null. */
export function getSourceById(db: Db, id: number): SourceRow | null {
  return db.select().from(sources).where(eq(sources.id, id)).get() ?? null;
}

/** One source by its exact stored URL, or null. */
export function getSourceByUrl(db: Db, url: string): SourceRow | null {
  return db.select().from(sources).where(eq(sources.url, url)).get() ?? null;
}

/** Deletes a source (its articles stay, with source_id set to null); true when a row went. */
export function deleteSource(db: Db, id: number): boolean {
  return db.delete(sources).where(eq(sources.id, id)).run().changes > 0;
}

/** Enabled sources that are not backing off at `now`. */
export function listDueSources(db: Db, now: Date): SourceRow[] {
  return db
    .select()
    .from(sources)
    .where(and(eq(sources.enabled, true), or(isNull(sources.nextAttemptAt), lte(sources.nextAttemptAt, now.toISOString()))))
    .orderBy(asc(sources.id))
    .all();
}

/** Records a successful fetch (or 304): validators kept, failures reset, no backoff. */
export function recordSourceSuccess(
  db: Db,
  id: number,
  s: { now: Date; etag?: string | null; lastModified?: string | null },
): void {
  const at = s.now.toISOString();
  db.update(sources)
    .set({
      lastAttemptAt: at,
      lastSuccessAt: at,
      consecutiveFailures: 0,
      nextAttemptAt: null,
      lastError: null,
      ...(s.etag !== undefined ? { etag: s.etag } : {}),
      ...(s.lastModified !== undefined ? { lastModified: s.lastModified } : {}),
    })
    .where(eq(sources.id, id))
    .run();
}

/**
 * Records a failed attempt: one more consecutive failure and the time before which the
 * scheduler leaves the source alone (`backoff` gets the new failure count and returns ms).
 */
export function recordSourceFailure(
  db: Db,
  id: number,
  f: { now: Date; reason: string; backoff: (failures: number) => number },
): SourceRow | null {
  const row = getSourceById(db, id);
  if (!row) return null;
  const failures = row.consecutiveFailures + 1;
  return (
    db
      .update(sources)
      .set({
        lastAttemptAt: f.now.toISOString(),
        consecutiveFailures: failures,
        nextAttemptAt: new Date(f.now.getTime() + f.backoff(failures)).toISOString(),
        lastError: redactCredentials(f.reason),
      })
      .where(eq(sources.id, id))
      .returning()
      .get() ?? null
  );
}
