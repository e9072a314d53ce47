/**
 * Queries for the weekly digest: the developments first seen in a period with their sources, the
 * pairs a channel watches, the `digests` claim/complete state machine and `digest_runs`.
 *
 * State of a (channel, period) row in `digests`:
 *   claimed  — a runner owns it; the parent message may or may not be in Slack yet (the nonce tells)
 *   posting  — the parent is in Slack (`ts` known); thread replies may be incomplete
 *   posted   — everything is out;  skipped — a quiet week that was configured not to post
 *   failed   — the last attempt gave up; a later run may take it over (same nonce) until attempts run out
 * Every write after the claim is guarded by `claimed_by`, so a runner whose claim was taken over
 * (because it looked dead) cannot overwrite the new owner's progress.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { parseJsonList } from "../lib/text.ts";
import { createBotMessagesRepo } from "./bot-messages.repo.ts";
import { botMessages, digestRuns, digests, watches } from "./schema.ts";
import type { DevelopmentCore } from "../domain/types.ts";

/** A development row as the digest needs it. */
export interface DigestDevelopmentRow extends DevelopmentCore {
  countryA: string;
  countryB: string;
  score: number;
  firstSeenAt: string;
  sources: { url: string; outlet: string | null; title: string }[];
  /** the extracted fields, when asked for (a digest written in another language) */
  facts?: { actors: string[]; places: string[]; details: string[]; actorCountry: string | null; destination: string | null };
}

/** The extracted fields as stored (JSON arrays as text). */
interface FactColumns {
  actors: string;
  places: string;
  details: string;
  actorCountry: string | null;
  destination: string | null;
}

function withFactsOf(r: Omit<DigestDevelopmentRow, "sources" | "facts"> & FactColumns): DigestDevelopmentRow {
  const { actors, places, details, actorCountry, destination, ...rest } = r;
  return { ...rest, sources: [], facts: { actors: parseJsonList(actors), places: parseJsonList(places), details: parseJsonList(details), actorCountry, destination } };
}

/**
 * Developments whose `first_seen_at` lies in [fromUtc, toUtc), each with its distinct source
 * articles (several spans of one article count once). Uses the first_seen index for the range and
 * the development_sources primary key for the sources, so the cost follows the week's volume, not
 * the database's size. With `pairs`, only those pairs (either spelling) are read, so a channel
 * watching a few pairs costs only what they hold.
 */
export function selectDevelopmentsFirstSeen(db: Db, fromUtc: string, toUtc: string, pairs?: { a: string; b: string }[], withFacts = false): DigestDevelopmentRow[] {
  if (pairs && pairs.length === 0) return [];
  const keys = pairs ? JSON.stringify(pairs.flatMap((p) => [`${p.a}-${p.b}`, `${p.b}-${p.a}`])) : null;
  const pairFilter = keys ? "AND (d.country_a || '-' || d.country_b) IN (SELECT value FROM json_each(?))" : "";
  const params = keys ? [fromUtc, toUtc, keys] : [fromUtc, toUtc];
  // raw SQL: this runs on every digest over the whole week, and drizzle's row mapping doubled its time
  const rows = db.$client
    .prepare(
      `SELECT id, country_a AS countryA, country_b AS countryB, type, status, date_start AS dateStart, date_end AS dateEnd,
              date_precision AS datePrecision, summary, score, first_seen_at AS firstSeenAt${withFacts ? ", actors, places, details, actor_country AS actorCountry, destination" : ""}
       FROM developments d WHERE d.first_seen_at >= ? AND d.first_seen_at < ? ${pairFilter}`,
    )
    .all(...params) as Omit<DigestDevelopmentRow, "sources">[];
  if (rows.length === 0) return [];
  const byId = new Map<number, DigestDevelopmentRow>(rows.map((r) => [r.id, withFacts ? withFactsOf(r as typeof r & FactColumns) : { ...r, sources: [] }]));
  // one pass over the same range: first_seen index → development_sources primary key → article rowid
  const srcs = db.$client
    .prepare(
      `SELECT DISTINCT ds.development_id AS developmentId, a.id AS articleId, a.canonical_url AS url, a.outlet AS outlet, a.title AS title
       FROM developments d
       JOIN development_sources ds ON ds.development_id = d.id
       JOIN articles a ON a.id = ds.article_id
       WHERE d.first_seen_at >= ? AND d.first_seen_at < ? ${pairFilter}
       ORDER BY ds.development_id, a.id`,
    )
    .all(...params) as { developmentId: number; articleId: number; url: string; outlet: string | null; title: string }[];
  for (const s of srcs) byId.get(s.developmentId)?.sources.push({ url: s.url, outlet: s.outlet, title: s.title });
  return [...byId.values()];
}

/** Every development's first-seen instant, status and end date: what `digest --weeks` counts. */
export function selectFirstSeenRows(db: Db): { firstSeenAt: string; status: string; dateEnd: string }[] {
  return db.$client.prepare("SELECT first_seen_at AS firstSeenAt, status, date_end AS dateEnd FROM developments").all() as { firstSeenAt: string; status: string; dateEnd: string }[];
}

/** The pairs a channel watches, as stored (the watch command stores them in canonical order). */
export function selectWatchedPairs(db: Db, channel: string): { a: string; b: string }[] {
  return db
    .select({ a: watches.countryA, b: watches.countryB })
    .from(watches)
    .where(eq(watches.channel, channel))
    .orderBy(asc(watches.countryA), asc(watches.countryB))
    .all();
}

/** A row of `digests`. */
export type DigestRow = typeof digests.$inferSelect;

/** Reads the (channel, period) row, if any. */
export function getDigestRow(db: Db, channel: string, period: string): DigestRow | undefined {
  return db.select().from(digests).where(and(eq(digests.channel, channel), eq(digests.period, period))).get();
}

/** The outcome of trying to claim a (channel, period). */
export type ClaimOutcome =
  | { kind: "claimed"; row: DigestRow; takenOver: boolean }
  | { kind: "done"; row: DigestRow }
  | { kind: "busy"; row: DigestRow }
  | { kind: "exhausted"; row: DigestRow };

/** Parameters of a claim. */
export interface ClaimParams {
  channel: string;
  period: string;
  runner: string;
  now: Date;
  /** a claim older than this (not renewed) is considered abandoned by a dead process */
  leaseMs: number;
  /** total attempts allowed across runs before a failed digest stays failed */
  maxAttempts: number;
  /** used only when the row is created; a takeover keeps the original nonce so it can be found */
  nonce: string;
}

/**
 * Claims (channel, period) in one IMMEDIATE transaction, so of two processes on one database file
 * exactly one gets it. A stale claim (dead runner) or a failed row is taken over with its nonce and
 * ts kept: the new owner must look for the nonce in Slack before posting anything.
 */
export function claimDigest(db: Db, p: ClaimParams): ClaimOutcome {
  const nowIso = p.now.toISOString();
  const tx = db.$client.transaction((): ClaimOutcome => {
    const inserted = db
      .insert(digests)
      .values({ channel: p.channel, period: p.period, status: "claimed", claimedBy: p.runner, claimedAt: nowIso, nonce: p.nonce, attempts: 0 })
      .onConflictDoNothing()
      .run();
    const row = getDigestRow(db, p.channel, p.period)!;
    if (inserted.changes === 1) return { kind: "claimed", row, takenOver: false };
    if (row.status === "posted" || row.status === "skipped") return { kind: "done", row };
    if (row.attempts >= p.maxAttempts) return { kind: "exhausted", row };
    const claimAge = row.claimedAt ? p.now.getTime() - Date.parse(row.claimedAt) : Infinity;
    const abandoned = row.status === "failed" || row.claimedBy === p.runner || !(claimAge < p.leaseMs);
    if (!abandoned) return { kind: "busy", row };
    db.update(digests)
      .set({ status: row.ts ? "posting" : "claimed", claimedBy: p.runner, claimedAt: nowIso, nonce: row.nonce ?? p.nonce })
      .where(and(eq(digests.channel, p.channel), eq(digests.period, p.period)))
      .run();
    return { kind: "claimed", row: getDigestRow(db, p.channel, p.period)!, takenOver: true };
  });
  return tx.immediate();
}

function owned(channel: string, period: string, runner: string) {
  return and(eq(digests.channel, channel), eq(digests.period, period), eq(digests.claimedBy, runner));
}

/**
 * Renews the claim (a heartbeat before each Slack call) and counts an attempt when asked.
 * Returns false when the claim is no longer ours: the caller must stop without posting.
 */
export function renewClaim(db: Db, channel: string, period: string, runner: string, now: Date, countAttempt = false): boolean {
  const res = db
    .update(digests)
    .set({ claimedAt: now.toISOString(), ...(countAttempt ? { attempts: sql`${digests.attempts} + 1` } : {}) })
    .where(and(owned(channel, period, runner), inArray(digests.status, ["claimed", "posting"])))
    .run();
  return res.changes === 1;
}

/** Records the parent message's ts: from now on the digest only needs its thread replies. */
export function recordParentPosted(db: Db, channel: string, period: string, runner: string, ts: string, now: Date): boolean {
  const res = db
    .update(digests)
    .set({ status: "posting", ts, claimedAt: now.toISOString(), lastError: null })
    .where(owned(channel, period, runner))
    .run();
  return res.changes === 1;
}

/** Marks the digest finished: `posted`, or `skipped` for a quiet week configured not to post. */
export function finishDigest(db: Db, channel: string, period: string, runner: string, status: "posted" | "skipped", now: Date): boolean {
  const res = db
    .update(digests)
    .set({ status, postedAt: status === "posted" ? now.toISOString() : null, lastError: null })
    .where(owned(channel, period, runner))
    .run();
  return res.changes === 1;
}

/** Marks the attempt failed with its reason, releasing the claim for a later run. */
export function failDigest(db: Db, channel: string, period: string, runner: string, error: string): boolean {
  const res = db.update(digests).set({ status: "failed", lastError: error.slice(0, 2000) }).where(owned(channel, period, runner)).run();
  return res.changes === 1;
}

/** Opens a digest_runs row and returns its id. */
export function startDigestRun(db: Db, channel: string, period: string, now: Date): number {
  const row = db.insert(digestRuns).values({ channel, period, startedAt: now.toISOString(), outcome: "running" }).returning({ id: digestRuns.id }).get();
  return row.id;
}

/** Closes a digest_runs row with its outcome (posted, adopted, resumed, skipped, already_done, busy, failed …). */
export function finishDigestRun(db: Db, id: number, outcome: string, now: Date, detail?: string): void {
  db.update(digestRuns).set({ outcome, finishedAt: now.toISOString(), detail: detail?.slice(0, 4000) ?? null }).where(eq(digestRuns.id, id)).run();
}

/** The runs recorded for (channel, period), oldest first. */
export function listDigestRuns(db: Db, channel: string, period: string): (typeof digestRuns.$inferSelect)[] {
  return db.select().from(digestRuns).where(and(eq(digestRuns.channel, channel), eq(digestRuns.period, period))).orderBy(asc(digestRuns.id)).all();
}

/**
 * Records what a posted digest message is about (kind `digest` for the parent, `digest_pair` for
 * a per-pair thread reply; since/until = the period's Monday and Sunday) through the shared
 * bot-messages repo, so follow-up questions in its thread know their context. Idempotent.
 */
export function recordDigestMessage(
  db: Db,
  m: { channel: string; ts: string; kind: "digest" | "digest_pair"; countryA?: string; countryB?: string; since: string; until: string; now: Date },
): void {
  createBotMessagesRepo(db).record({
    channel: m.channel,
    ts: m.ts,
    kind: m.kind,
    countryA: m.countryA ?? null,
    countryB: m.countryB ?? null,
    since: m.since,
    until: m.until,
    typeFilter: null,
    cursor: null,
    createdAt: m.now.toISOString(),
  });
}

/** The ts of the digest messages already recorded for a channel and period span (parent and replies). */
export function listDigestMessages(db: Db, channel: string, since: string, until: string): (typeof botMessages.$inferSelect)[] {
  return db
    .select()
    .from(botMessages)
    .where(and(eq(botMessages.channel, channel), eq(botMessages.since, since), eq(botMessages.until, until), inArray(botMessages.kind, ["digest", "digest_pair"])))
    .all();
}
