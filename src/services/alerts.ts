/**
 * Alerts for watched pairs (issue 13): when an ingest run (or the analysis after start) files a
 * NEW development of a pair a channel watches with `alerts`, the channel gets one short message
 * for it within that run; more than `burstOver` for one channel in one run become one message
 * listing them. Exactly once per development and channel, with the digest's machinery:
 *
 * 1. Assign, in one IMMEDIATE transaction: developments first seen since the channel turned alerts
 *    on, dated within the last `windowDays` (or ahead), not yet in `alerts` for that channel (by id,
 *    or by pair, type and start date, so a re-analysis that rebuilds a development under a new id
 *    does not alert it again) get an `alerts` row naming their message (`alert-<id>`, or
 *    `burst-<first id>`). Of two processes, one assigns each development; a cluster that later
 *    gains a source keeps its id and is never assigned again.
 * 2. Post every assigned message that is not posted yet (this run's, and any an earlier run left:
 *    a crash, a 5xx it gave up on) under a `digests` claim whose period is the message key, with
 *    createClaimedPoster: nonce in the metadata, a search before any post that might repeat one,
 *    Retry-After for 429s, backoff and search after 5xx and dropped connections.
 * 3. Record the posted message in bot_messages (kind "alert", with its pair) so follow-up
 *    questions in its thread work, then mark the claim posted.
 *
 * The service posts through an AlertPort (src/slack/digest-port.ts for Slack, the shell's own for
 * the terminal); it imports no Slack.
 */
import type { Db } from "../db/client.ts";
import { createBotMessagesRepo } from "../db/bot-messages.repo.ts";
import { claimDigest, failDigest, finishDigest, recordParentPosted } from "../db/digests.repo.ts";
import { createChannelSettingsRepo } from "../db/channel-settings.repo.ts";
import { ALERT_WINDOW_DAYS, summaryIn, type CountryPair, type DatePrecision, type DevelopmentCore, type DevelopmentFacts, type DevelopmentStatus, type EventType, type SummaryRenderer } from "../domain/types.ts";
import { parseJsonList } from "../lib/text.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";
import type { CountryNames } from "./digest.ts";
import { CLOCK_SKEW_MS, createClaimedPoster, LostClaimError, makeDigestNonce, nonceTime, type DigestSlack, type PostFailure } from "./digest-post.ts";

export { ALERT_WINDOW_DAYS } from "../domain/types.ts";

/** One development in an alert, with its names resolved. */
export interface AlertDevelopment extends DevelopmentCore {
  pair: CountryPair;
  /** "Belarus – China" */
  pairTitle: string;
  /** "belarus china": what to type after /relations */
  pairCommand: string;
  sources: { url: string; outlet: string | null; title: string }[];
  firstSeenAt: string;
}

/** One alert message: a development, or a burst listing several. */
export interface AlertMessage {
  /** the message key (the claim's period): alert-<id> or burst-<first id> */
  key: string;
  channel: string;
  burst: boolean;
  developments: AlertDevelopment[];
  /** the channel's language (`/relations lang vi`); absent: English */
  lang?: "en" | "vi";
}

/** The port alerts post through: Slack's Web API calls, the rendering of an alert, the reading of failures. */
export interface AlertPort extends DigestSlack {
  renderAlert(alert: AlertMessage): { text: string; blocks: unknown[] };
  classifyError(err: unknown): PostFailure;
}

/** What the alert service needs. */
export interface AlertDeps {
  db: Db;
  port: AlertPort;
  clock: Clock;
  logger: Logger;
  /** unique id of this process; claims are held in its name */
  runner: string;
  countries: CountryNames;
  /** a development's summary in another language from its extracted fields, for channels set to one */
  summarize?: SummaryRenderer;
  sleep?: (ms: number) => Promise<void>;
}

/** Tuning; the defaults are the digest's. */
export interface AlertOptions {
  /** why this run happened (ingest, analysis, …), for the log */
  trigger?: string;
  /** developments dated within this many days before now, or later (default 14) */
  windowDays?: number;
  /** more than this many for one channel in one run become one message (default 5) */
  burstOver?: number;
  leaseMs?: number;
  maxAttempts?: number;
  maxCallTries?: number;
  maxRetryAfterMs?: number;
  backoffMs?: number;
  /** pause between two posts in one channel: Slack allows about one message per second per channel (default 1 s) */
  intervalMs?: number;
}

/** What a run did. */
export interface AlertRunResult {
  /** developments newly assigned to a message */
  assigned: number;
  posted: { channel: string; key: string; ts: string; adopted: boolean; developments: number[] }[];
  failed: { channel: string; key: string; error: string }[];
  /** messages another live process is posting */
  busy: number;
}

const EVENT_TYPE = "relations_alert";

/** Assigns new developments to messages, then posts every message not posted yet. Never throws. */
export async function runAlerts(deps: AlertDeps, opts: AlertOptions = {}): Promise<AlertRunResult> {
  const { db, clock, logger: log } = deps;
  const result: AlertRunResult = { assigned: 0, posted: [], failed: [], busy: 0 };
  try {
    result.assigned = assignAlerts(db, clock(), opts.windowDays ?? ALERT_WINDOW_DAYS, opts.burstOver ?? 5);
  } catch (err) {
    log.error("alerts: assigning new developments failed", { err });
  }
  let pending: PendingMessage[];
  try {
    pending = pendingMessages(db, opts.maxAttempts ?? 5);
  } catch (err) {
    log.error("alerts: reading the messages to post failed", { err });
    return result;
  }
  const lastPost = new Map<string, number>();
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (const m of pending) {
    // one message failing never stops the others
    const interval = opts.intervalMs ?? 1000;
    if (lastPost.has(m.channel) && interval > 0) await sleep(interval);
    const out = await postOne(deps, m, opts, sleep);
    if (out.kind === "posted") {
      lastPost.set(m.channel, 1);
      result.posted.push({ channel: m.channel, key: m.key, ts: out.ts, adopted: out.adopted, developments: m.ids });
    } else if (out.kind === "failed") result.failed.push({ channel: m.channel, key: m.key, error: out.error });
    else if (out.kind === "busy") result.busy++;
  }
  if (result.assigned || result.posted.length || result.failed.length) {
    log.info("alerts: run finished", { trigger: opts.trigger, assigned: result.assigned, posted: result.posted.length, failed: result.failed.length, busy: result.busy });
  }
  return result;
}

/**
 * Picks the developments to alert and names their messages, in one IMMEDIATE transaction.
 * Returns how many were assigned.
 */
export function assignAlerts(db: Db, now: Date, windowDays: number, burstOver: number): number {
  const from = new Date(now.getTime() - windowDays * 86_400_000).toISOString().slice(0, 10);
  const nowIso = now.toISOString();
  const tx = db.$client.transaction(() => {
    const rows = db.$client
      .prepare(
        `SELECT w.channel AS channel, d.id AS id, d.country_a AS a, d.country_b AS b, d.type AS type, d.date_start AS dateStart
         FROM watches w JOIN developments d ON d.country_a = w.country_a AND d.country_b = w.country_b
         WHERE w.alerts = 1 AND d.first_seen_at >= w.alerts_since AND d.date_end >= ?
           AND NOT EXISTS (SELECT 1 FROM alerts x WHERE x.channel = w.channel AND x.development_id = d.id)
           AND NOT EXISTS (SELECT 1 FROM alerts x WHERE x.channel = w.channel AND x.country_a = d.country_a AND x.country_b = d.country_b AND x.type = d.type AND x.date_start = d.date_start)
         ORDER BY w.channel, d.date_start DESC, d.id`,
      )
      .all(from) as { channel: string; id: number; a: string; b: string; type: string; dateStart: string }[];
    const byChannel = new Map<string, typeof rows>();
    for (const r of rows) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r]);
    const insert = db.$client.prepare(
      "INSERT OR IGNORE INTO alerts (channel, development_id, country_a, country_b, type, date_start, message_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const [channel, list] of byChannel) {
      const burstKey = list.length > burstOver ? `burst-${Math.min(...list.map((r) => r.id))}` : null;
      for (const r of list) insert.run(channel, r.id, r.a, r.b, r.type, r.dateStart, burstKey ?? `alert-${r.id}`, nowIso);
    }
    return rows.length;
  });
  return tx.immediate();
}

interface PendingMessage {
  channel: string;
  key: string;
  ids: number[];
}

/** Messages assigned and not yet posted (nor skipped, nor given up after `maxAttempts`), oldest first. */
function pendingMessages(db: Db, maxAttempts: number): PendingMessage[] {
  const rows = db.$client
    .prepare(
      `SELECT x.channel AS channel, x.message_key AS key, group_concat(x.development_id) AS ids
       FROM alerts x LEFT JOIN digests g ON g.channel = x.channel AND g.period = x.message_key
       WHERE g.status IS NULL OR (g.status NOT IN ('posted', 'skipped') AND g.attempts < ?)
       GROUP BY x.channel, x.message_key
       ORDER BY min(x.rowid)`,
    )
    .all(maxAttempts) as { channel: string; key: string; ids: string }[];
  return rows.map((r) => ({ channel: r.channel, key: r.key, ids: r.ids.split(",").map(Number).sort((x, y) => x - y) }));
}

type PostOutcome = { kind: "posted"; ts: string; adopted: boolean } | { kind: "failed"; error: string } | { kind: "busy" } | { kind: "done" };

/** Claims and posts one message, exactly once. */
async function postOne(deps: AlertDeps, m: PendingMessage, opts: AlertOptions, sleep: (ms: number) => Promise<void>): Promise<PostOutcome> {
  const { db, clock, logger: log, runner } = deps;
  const claim = claimDigest(db, {
    channel: m.channel,
    period: m.key,
    runner,
    now: clock(),
    leaseMs: opts.leaseMs ?? 10 * 60_000,
    maxAttempts: opts.maxAttempts ?? 5,
    nonce: makeDigestNonce(m.key, clock()),
  });
  if (claim.kind === "done") return { kind: "done" };
  if (claim.kind === "busy") return { kind: "busy" };
  if (claim.kind === "exhausted") return { kind: "failed", error: claim.row.lastError ?? "alerts: gave up after too many attempts" };
  const row = claim.row;
  const nonce = row.nonce!;
  const searchFrom = String(Math.floor(((nonceTime(nonce) ?? clock().getTime()) - CLOCK_SKEW_MS) / 1000));
  const { ensurePosted } = createClaimedPoster(
    { db, slack: deps.port, clock, logger: log, sleep },
    {
      channel: m.channel,
      period: m.key,
      runner,
      searchFrom,
      eventType: EVENT_TYPE,
      label: "alert",
      maxCallTries: opts.maxCallTries ?? 5,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 120_000,
      backoffMs: opts.backoffMs ?? 1000,
    },
  );
  try {
    // the channel's language (`/relations lang vi`); English without one
    const lang = createChannelSettingsRepo(db).lang(m.channel) ?? "en";
    const developments = loadAlertDevelopments(db, m.ids, deps.countries, lang, deps.summarize, log);
    if (developments.length === 0) {
      // every development of it was removed (its source taken out) before it could be posted
      finishDigest(db, m.channel, m.key, runner, "skipped", clock());
      return { kind: "done" };
    }
    const alert: AlertMessage = { key: m.key, channel: m.channel, burst: m.key.startsWith("burst-"), developments, ...(lang === "en" ? {} : { lang }) };
    let ts = row.ts;
    let adopted = false;
    if (!ts) {
      const rendered = deps.port.renderAlert(alert);
      const got = await ensurePosted({ key: m.key, ...rendered }, nonce, undefined, claim.takenOver || row.attempts > 0, true);
      ts = got.ts;
      adopted = got.adopted;
      if (!recordParentPosted(db, m.channel, m.key, runner, ts, clock())) throw new LostClaimError();
    }
    const pairs = new Set(developments.map((d) => `${d.pair.a}-${d.pair.b}`));
    const only = pairs.size === 1 ? developments[0]!.pair : null;
    createBotMessagesRepo(db).record({
      channel: m.channel,
      ts,
      kind: "alert",
      countryA: only?.a ?? null,
      countryB: only?.b ?? null,
      since: null,
      until: null,
      typeFilter: null,
      cursor: null,
      createdAt: clock().toISOString(),
    });
    if (!finishDigest(db, m.channel, m.key, runner, "posted", clock())) throw new LostClaimError();
    return { kind: "posted", ts, adopted };
  } catch (err) {
    const error = (err as Error).message;
    if (err instanceof LostClaimError) return { kind: "busy" };
    failDigest(db, m.channel, m.key, runner, error);
    log.error("alerts: posting failed", { channel: m.channel, key: m.key, err: err as Error });
    return { kind: "failed", error };
  }
}

/** The developments of a message that still exist, newest first, with their distinct sources. */
function loadAlertDevelopments(db: Db, ids: number[], countries: CountryNames, lang: "en" | "vi", summarize: AlertDeps["summarize"], log: Logger): AlertDevelopment[] {
  const json = JSON.stringify(ids);
  const rows = db.$client
    .prepare(
      `SELECT id, country_a AS a, country_b AS b, type, status, date_start AS dateStart, date_end AS dateEnd, date_precision AS datePrecision,
              summary, first_seen_at AS firstSeenAt, actors, places, details, actor_country AS actorCountry, destination
       FROM developments WHERE id IN (SELECT value FROM json_each(?)) ORDER BY date_start DESC, id`,
    )
    .all(json) as { id: number; a: string; b: string; type: EventType; status: DevelopmentStatus; dateStart: string; dateEnd: string; datePrecision: DatePrecision; summary: string; firstSeenAt: string; actors: string; places: string; details: string; actorCountry: string | null; destination: string | null }[];
  const sources = db.$client
    .prepare(
      `SELECT DISTINCT ds.development_id AS id, a.id AS articleId, a.canonical_url AS url, a.outlet AS outlet, a.title AS title
       FROM development_sources ds JOIN articles a ON a.id = ds.article_id
       WHERE ds.development_id IN (SELECT value FROM json_each(?)) ORDER BY ds.development_id, a.id`,
    )
    .all(json) as { id: number; url: string; outlet: string | null; title: string }[];
  const name = (c: string) => {
    const n = countries.country(c);
    return (lang === "vi" ? n?.vi : n?.en) ?? n?.en ?? c;
  };
  const facts = (r: (typeof rows)[number]) => (): DevelopmentFacts => ({
    pair: [r.a, r.b],
    type: r.type,
    status: r.status,
    dateStart: r.dateStart,
    summary: r.summary,
    actors: parseJsonList(r.actors),
    places: parseJsonList(r.places),
    details: parseJsonList(r.details),
    actorCountry: r.actorCountry,
    destination: r.destination,
  });
  // one summary that cannot be written again keeps its stored one; the alert still goes out
  const summaryOf = (r: (typeof rows)[number]): string => summaryIn(lang, r.summary, facts(r), summarize, (err) => log.error("alerts: summary in another language failed", { err, lang, id: r.id }));
  return rows.map((r) => ({
    id: r.id,
    pair: { a: r.a, b: r.b },
    pairTitle: `${name(r.a)} – ${name(r.b)}`,
    pairCommand: `${name(r.a).toLowerCase()} ${name(r.b).toLowerCase()}`,
    type: r.type,
    status: r.status,
    dateStart: r.dateStart,
    dateEnd: r.dateEnd,
    datePrecision: r.datePrecision,
    summary: summaryOf(r),
    firstSeenAt: r.firstSeenAt,
    sources: sources.filter((s) => s.id === r.id).map((s) => ({ url: s.url, outlet: s.outlet, title: s.title })),
  }));
}
