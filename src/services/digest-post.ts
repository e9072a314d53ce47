/**
 * Posts a digest to a channel exactly once per (channel, period), whatever happens:
 *
 * 1. Claim (channel, period) in an IMMEDIATE transaction (digests.repo.ts). Another process sees
 *    the claim and stops; a claim not renewed for `leaseMs` belongs to a dead process and is taken
 *    over WITH ITS NONCE.
 * 2. The parent message carries a nonce (message metadata and a context line). Before any post that
 *    might repeat an earlier one (a takeover, an earlier attempt, or a retry after a 5xx / dropped
 *    connection / timeout, where Slack may have posted anyway) the channel's history since the nonce
 *    was made is searched for it, and a message found is adopted instead of posting again. If the
 *    search itself fails, nothing is posted in that try.
 * 3. 429 → wait the Retry-After Slack gives (bounded) and retry; nothing was posted, so no search.
 *    Platform errors (channel_not_found, invalid_blocks …) are not retried.
 * 4. Thread replies (one or more per pair) carry their own nonce in metadata; on resume the thread
 *    is read once and replies already there are adopted, so a crash mid-thread never doubles one.
 * 5. Every run and its outcome goes to digest_runs; posted messages go to bot_messages so
 *    follow-up questions in the thread know their context.
 *
 * The WebClient handed in must not retry on its own (see createDigestWebClient): a hidden retry
 * after a dropped connection would re-post without the nonce check.
 */
import { createChannelSettingsRepo } from "../db/channel-settings.repo.ts";
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import {
  claimDigest,
  failDigest,
  finishDigest,
  finishDigestRun,
  getDigestRow,
  recordDigestMessage,
  recordParentPosted,
  renewClaim,
  startDigestRun,
} from "../db/digests.repo.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";
import { addNarratives, buildDigest, periodForWeek, type BuildDigestOptions, type CountryNames, type Digest, type NarrativeReport } from "./digest.ts";
import type { LlmSettings } from "./llm.ts";

/** A message as conversations.history / conversations.replies return it (the fields we read). */
export interface SlackHistoryMessage {
  ts?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** The part of Slack's Web API the digest uses; a WebClient satisfies it. */
export interface DigestSlack {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks?: unknown[];
      thread_ts?: string;
      metadata?: { event_type: string; event_payload: Record<string, string> };
      unfurl_links?: boolean;
      unfurl_media?: boolean;
    }): Promise<{ ts?: string; ok?: boolean }>;
  };
  conversations: {
    history(args: { channel: string; oldest?: string; limit?: number; cursor?: string; include_all_metadata?: boolean }): Promise<{
      messages?: SlackHistoryMessage[];
      response_metadata?: { next_cursor?: string };
    }>;
    replies(args: { channel: string; ts: string; limit?: number; cursor?: string; include_all_metadata?: boolean }): Promise<{
      messages?: SlackHistoryMessage[];
      response_metadata?: { next_cursor?: string };
    }>;
    /** to read a public channel's history the app must be in it (chat:write.public lets it post without) */
    join?(args: { channel: string }): Promise<unknown>;
  };
}

/** One message of a digest, rendered by the port (its blocks are the chat platform's business). */
export interface DigestMessage {
  /** "parent", or "<A>-<B>#<part>" for a pair's thread reply */
  key: string;
  text: string;
  blocks: unknown[];
  pair?: { a: string; b: string };
}

/** Everything one digest posts: the parent, then its thread replies in order. */
export interface DigestPlan {
  /** true when the digest has nothing to say (no news, no older developments newly on record) */
  quiet: boolean;
  parent: DigestMessage;
  replies: DigestMessage[];
}

/** Rendering knobs; defaults keep the channel message short. */
export interface DigestRenderOptions {
  /** pairs shown in the parent message; the rest are summarized in one line and detailed in the thread */
  maxPairsInParent?: number;
  /** developments listed per pair in the parent */
  topPerPair?: number;
  /** developments per thread reply message (each is one section) */
  itemsPerReply?: number;
  /** thread reply messages per pair at most; beyond, a line points to /relations */
  maxRepliesPerPair?: number;
  /** pairs that get their own detailed replies; the rest share compact overflow replies */
  maxPairsWithReplies?: number;
}

/** How a call to the platform failed, and so whether (and how) the poster may retry. */
export type PostFailure =
  | { kind: "rate_limited"; retryAfterMs: number }
  | { kind: "uncertain"; reason: string } // 5xx, dropped connection, timeout: it may have been posted
  | { kind: "fatal"; reason: string; error?: string };

/**
 * The port the digest posts through, as the chat core has its Reply: the calls it makes, how a
 * digest becomes messages, and how a failure is read. src/slack/digest-port.ts implements it for
 * Slack (createDigestWebClient); this service never imports Slack.
 */
export interface DigestPort extends DigestSlack {
  renderDigest(digest: Digest, nonce: string, opts?: DigestRenderOptions): DigestPlan;
  classifyError(err: unknown): PostFailure;
}

/** What the poster needs from the outside world. */
export interface PostDigestDeps {
  db: Db;
  slack: DigestPort;
  clock: Clock;
  logger: Logger;
  /** unique id of this process (host:pid:random); claims are held in its name */
  runner: string;
  /** waits between retries; tests pass one that records and returns at once */
  sleep?: (ms: number) => Promise<void>;
  /** when set, pairs get an LLM narrative (offline text on any failure) */
  llm?: LlmSettings | null;
  fetch?: typeof fetch;
  /** the gazetteer (main.ts passes it): digests name countries as timelines do */
  countries: CountryNames;
  /** summaries in another language from a development's fields, for channels set to one (`/relations lang vi`) */
  summarize?: BuildDigestOptions["summarize"];
}

/** What to post. */
export interface PostDigestOptions {
  channel: string;
  /** ISO week id, e.g. 2024-W42 */
  week: string;
  tz: string;
  /** post the "quiet week" message (true) or record the week as skipped (false) */
  postQuiet: boolean;
  /** why this run happened: schedule, catch-up, cli … (kept in digest_runs) */
  trigger: string;
  /** a claim not renewed for this long is considered abandoned (default 10 min) */
  leaseMs?: number;
  /** parent post attempts across all runs before giving up for good (default 5) */
  maxAttempts?: number;
  /** tries per Slack call within a run (default 5) */
  maxCallTries?: number;
  /** longest Retry-After we are willing to wait, ms (default 120 s) */
  maxRetryAfterMs?: number;
  /** first backoff after a 5xx / dropped connection, doubled each time (default 1 s) */
  backoffMs?: number;
  /** pause between thread replies: Slack allows about one message per second per channel (default 1 s) */
  replyIntervalMs?: number;
  render?: DigestRenderOptions;
}

/** How a run ended. */
export type PostDigestOutcome =
  | "posted" // parent and replies posted by this run
  | "adopted" // the parent was found in Slack by its nonce (an earlier attempt had posted it)
  | "resumed" // the parent was already recorded; this run finished the thread
  | "skipped_quiet" // nothing happened and quiet weeks are not posted
  | "already_done" // posted or skipped before
  | "busy" // another live process holds the claim
  | "exhausted" // failed too many times; left for a human
  | "lost_claim" // our claim was taken over while we worked (we looked dead)
  | "failed";

/** The result of postDigest. */
export interface PostDigestResult {
  outcome: PostDigestOutcome;
  channel: string;
  period: string;
  runId: number;
  ts: string | null;
  repliesPosted: number;
  repliesAdopted: number;
  narratives?: NarrativeReport;
  error?: string;
}

/** Thrown when another runner took the claim over (we looked dead): stop without posting. */
export class LostClaimError extends Error {
  constructor() {
    super("digest: our claim was taken over by another runner");
  }
}


/** A fresh nonce; the creation time is in it so the history search can start just before it. */
export function makeDigestNonce(period: string, now: Date): string {
  return `dg-${period}-${now.getTime().toString(36)}-${randomBytes(4).toString("hex")}`;
}

/** The creation time encoded in a nonce (ms), or null when it is not one of ours. */
export function nonceTime(nonce: string): number | null {
  // the period is an ISO week or an alert's message key (alert-12, burst-7): the last two parts are time and random
  const m = /^dg-.+-([0-9a-z]+)-[0-9a-f]{8}$/.exec(nonce);
  return m ? parseInt(m[1]!, 36) : null;
}

function carriesNonce(m: SlackHistoryMessage, nonce: string): boolean {
  if (m.metadata?.event_payload?.nonce === nonce) return true;
  if (m.text?.includes(nonce)) return true;
  return m.blocks !== undefined && JSON.stringify(m.blocks).includes(nonce);
}

const EVENT_TYPE = "relations_digest";
/** Slack ts and our clock may disagree a little; a search starts this much before the nonce was made. */
export const CLOCK_SKEW_MS = 10 * 60_000;
const MAX_PAGES = 10;

/** What a poster under a claim needs from the outside world. */
export interface ClaimedPosterDeps {
  db: Db;
  slack: DigestSlack & { classifyError(err: unknown): PostFailure };
  clock: Clock;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
}

/** The claim a poster works under, and how hard it tries. */
export interface ClaimedPosterOptions {
  channel: string;
  /** the claimed `digests.period`: an ISO week, or an alert's message key */
  period: string;
  runner: string;
  /** the channel's history is searched for a nonce from this Slack ts on */
  searchFrom: string;
  /** the metadata event type of the posted messages */
  eventType: string;
  /** "digest", "alert": the prefix of logs and errors */
  label: string;
  maxCallTries: number;
  maxRetryAfterMs: number;
  backoffMs: number;
}

/** A message to post under a claim (a digest's parent or reply, an alert). */
export interface ClaimedMessage {
  key: string;
  text: string;
  blocks: unknown[];
}

/**
 * The digest's posting rules, for any message posted under a `digests` claim (the digest, and
 * alerts): a heartbeat on the claim before each Slack call, a search for the message's nonce
 * before any post that might repeat an earlier one, Retry-After honoured for 429s, backoff and a
 * search after 5xx / dropped connections, and a join when the history cannot be read.
 */
export function createClaimedPoster(deps: ClaimedPosterDeps, o: ClaimedPosterOptions) {
  const { db, slack, clock, logger: log, sleep } = deps;
  const { channel, period, runner, searchFrom, eventType, label, maxCallTries, maxRetryAfterMs, backoffMs } = o;
  /**
   * Finds a message carrying `marker`. The app may post in a public channel it is not in, but not
   * read its history (not_in_channel): then it joins once and reads again; where it cannot join (a
   * private channel), the run fails saying why, and posts nothing it could not check.
   */
  let joined = false;
  const findByNonce = async (marker: string, threadTs?: string): Promise<string | null> => {
    try {
      return await searchNonce(marker, threadTs);
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code !== "not_in_channel" || joined) throw err;
      joined = true;
      try {
        await slack.conversations.join?.({ channel });
      } catch (joinErr) {
        const why = (joinErr as { data?: { error?: string } }).data?.error ?? (joinErr as Error).message;
        throw Object.assign(
          new Error(`${label}: cannot read ${channel}'s history to check whether the ${label} was already posted: the app is not in the channel and could not join it (${why}); invite it with /invite @Relations`),
          { code: "relations_not_member" },
        );
      }
      log.info(`${label}: joined the channel to read its history`, { channel });
      return await searchNonce(marker, threadTs);
    }
  };
  const searchNonce = async (marker: string, threadTs?: string): Promise<string | null> => {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = threadTs
        ? await slack.conversations.replies({ channel, ts: threadTs, limit: 200, cursor, include_all_metadata: true })
        : await slack.conversations.history({ channel, oldest: searchFrom, limit: 200, cursor, include_all_metadata: true });
      const hit = res.messages?.find((m) => m.ts !== threadTs && carriesNonce(m, marker));
      if (hit?.ts) return hit.ts;
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return null;
    }
    return null;
  };

  /** Reads the thread once and maps reply nonces to their ts (for resuming). */
  const threadNonces = async (threadTs: string): Promise<Map<string, string>> => {
    const found = new Map<string, string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES * 2; page++) {
      const res = await slack.conversations.replies({ channel, ts: threadTs, limit: 200, cursor, include_all_metadata: true });
      for (const m of res.messages ?? []) {
        const n = m.metadata?.event_payload?.nonce;
        if (typeof n === "string" && m.ts) found.set(n, m.ts);
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return found;
  };

  /**
   * Posts `msg` unless it is already there. `mustSearch` starts true when an earlier attempt may
   * have posted it; any uncertain failure sets it, so no retry ever posts blindly.
   */
  const ensurePosted = async (msg: ClaimedMessage, marker: string, threadTs: string | undefined, mustSearch: boolean, isParent: boolean) => {
    let search = mustSearch;
    let last = "";
    for (let attempt = 1; attempt <= maxCallTries; attempt++) {
      // attempts counts runs that tried to post the parent, not tries within a run
      if (!renewClaim(db, channel, period, runner, clock(), isParent && attempt === 1)) throw new LostClaimError();
      try {
        if (search) {
          const ts = await findByNonce(marker, threadTs);
          if (ts) return { ts, adopted: true };
        }
        const res = await slack.chat.postMessage({
          channel,
          text: msg.text,
          blocks: msg.blocks,
          thread_ts: threadTs,
          metadata: { event_type: eventType, event_payload: { nonce: marker, period: period, key: msg.key } },
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!res.ts) throw Object.assign(new Error("chat.postMessage answered without a ts"), { code: "slack_webapi_request_error" });
        return { ts: res.ts, adopted: false };
      } catch (err) {
        const f = slack.classifyError(err);
        last = f.kind === "rate_limited" ? `rate limited (Retry-After ${f.retryAfterMs} ms)` : f.reason;
        if (f.kind === "fatal" || attempt === maxCallTries) throw new Error(`${label}: posting ${msg.key} failed: ${last}`);
        if (f.kind === "rate_limited") {
          if (f.retryAfterMs > maxRetryAfterMs) throw new Error(`${label}: posting ${msg.key} failed: Retry-After ${f.retryAfterMs} ms is over the ${maxRetryAfterMs} ms we wait`);
          log.warn(`${label}: rate limited, waiting`, { key: msg.key, ms: f.retryAfterMs });
          await sleep(f.retryAfterMs);
        } else {
          // the post (or the search) may or may not have happened: search before the next post
          search = true;
          const wait = backoffMs * 2 ** (attempt - 1);
          log.warn(`${label}: Slack call failed, will search for the nonce and retry`, { key: msg.key, reason: f.reason, waitMs: wait });
          await sleep(wait);
        }
      }
    }
    throw new Error(`${label}: posting ${msg.key} failed: ${last}`);
  };

  return { ensurePosted, threadNonces, findByNonce };
}

/** Posts (or finishes, or adopts) the digest for one channel and week, exactly once. Never throws. */
export async function postDigest(deps: PostDigestDeps, opts: PostDigestOptions): Promise<PostDigestResult> {
  const { db, slack, clock, logger: log, runner } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const maxCallTries = opts.maxCallTries ?? 5;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 120_000;
  const backoffMs = opts.backoffMs ?? 1000;
  const { channel } = opts;
  let period: ReturnType<typeof periodForWeek>;
  try {
    period = periodForWeek(opts.week, opts.tz);
  } catch (err) {
    const runId = startDigestRun(db, channel, opts.week, clock());
    const error = (err as Error).message;
    finishDigestRun(db, runId, "failed", clock(), JSON.stringify({ trigger: opts.trigger, runner, error }));
    return { outcome: "failed", channel, period: opts.week, runId, ts: null, repliesPosted: 0, repliesAdopted: 0, error };
  }
  const runId = startDigestRun(db, channel, period.id, clock());
  const result: PostDigestResult = { outcome: "failed", channel, period: period.id, runId, ts: null, repliesPosted: 0, repliesAdopted: 0 };
  const end = (outcome: PostDigestOutcome, detail?: Record<string, unknown>): PostDigestResult => {
    result.outcome = outcome;
    finishDigestRun(db, runId, outcome, clock(), JSON.stringify({ trigger: opts.trigger, runner, ts: result.ts, repliesPosted: result.repliesPosted, repliesAdopted: result.repliesAdopted, ...detail }));
    log.info("digest: run finished", { channel, period: period.id, outcome, ts: result.ts, error: result.error });
    return result;
  };

  if (period.fromUtc > clock().toISOString()) {
    result.error = `digest: week ${period.id} has not started yet`;
    return end("failed", { error: result.error });
  }

  const claim = claimDigest(db, {
    channel,
    period: period.id,
    runner,
    now: clock(),
    leaseMs,
    maxAttempts: opts.maxAttempts ?? 5,
    nonce: makeDigestNonce(period.id, clock()),
  });
  if (claim.kind === "done") {
    result.ts = claim.row.ts;
    return end("already_done", { status: claim.row.status });
  }
  if (claim.kind === "busy") return end("busy", { claimedBy: claim.row.claimedBy, claimedAt: claim.row.claimedAt });
  if (claim.kind === "exhausted") {
    result.error = claim.row.lastError ?? undefined;
    return end("exhausted", { attempts: claim.row.attempts, lastError: claim.row.lastError });
  }
  const row = claim.row;
  const nonce = row.nonce!;
  const searchFrom = String(Math.floor(((nonceTime(nonce) ?? Date.parse(period.fromUtc)) - CLOCK_SKEW_MS) / 1000));

  const { ensurePosted, threadNonces } = createClaimedPoster(
    { db, slack, clock, logger: log, sleep },
    { channel, period: period.id, runner, searchFrom, eventType: EVENT_TYPE, label: "digest", maxCallTries, maxRetryAfterMs, backoffMs },
  );

  try {
    // the channel's language (`/relations lang vi`); English without one
    const lang = createChannelSettingsRepo(db).lang(channel) ?? "en";
    const digest = buildDigest(db, { period, channel, countries: deps.countries, lang, summarize: deps.summarize });
    // narratives are written in English by the model: a digest in another language goes without them
    if (deps.llm && digest.pairs.length > 0 && lang === "en") {
      result.narratives = await addNarratives(digest, { settings: deps.llm, logger: log, fetch: deps.fetch });
    }
    const plan = slack.renderDigest(digest, nonce, opts.render);

    let outcome: PostDigestOutcome = "posted";
    let parentTs = row.ts;
    let freshParent = false;
    if (!parentTs) {
      if (plan.quiet && !opts.postQuiet && row.attempts === 0) {
        finishDigest(db, channel, period.id, runner, "skipped", clock());
        return end("skipped_quiet");
      }
      const mayExist = claim.takenOver || row.attempts > 0;
      const got = await ensurePosted(plan.parent, nonce, undefined, mayExist, true);
      parentTs = got.ts;
      freshParent = !got.adopted;
      if (got.adopted) outcome = "adopted";
      if (!recordParentPosted(db, channel, period.id, runner, parentTs, clock())) throw new LostClaimError();
      recordDigestMessage(db, { channel, ts: parentTs, kind: "digest", since: period.startDate, until: period.endDate, now: clock() });
    } else {
      outcome = "resumed";
    }
    result.ts = parentTs;

    // a parent we just posted has an empty thread; otherwise read what is already there
    const existing = freshParent || plan.replies.length === 0 ? new Map<string, string>() : await threadNonces(parentTs);
    let postedBefore = false;
    for (const reply of plan.replies) {
      const marker = `${nonce}/${reply.key}`;
      let ts = existing.get(marker);
      if (ts) result.repliesAdopted++;
      else {
        if (postedBefore && (opts.replyIntervalMs ?? 1000) > 0) await sleep(opts.replyIntervalMs ?? 1000);
        postedBefore = true;
        const got = await ensurePosted(reply, marker, parentTs, false, false);
        ts = got.ts;
        if (got.adopted) result.repliesAdopted++;
        else result.repliesPosted++;
      }
      recordDigestMessage(db, { channel, ts, kind: "digest_pair", countryA: reply.pair?.a, countryB: reply.pair?.b, since: period.startDate, until: period.endDate, now: clock() });
    }
    if (!finishDigest(db, channel, period.id, runner, "posted", clock())) throw new LostClaimError();
    return end(outcome, { pairs: digest.pairs.length, developments: digest.totalDevelopments, narratives: result.narratives });
  } catch (err) {
    result.error = (err as Error).message;
    if (err instanceof LostClaimError) return end("lost_claim", { error: result.error });
    failDigest(db, channel, period.id, runner, result.error);
    log.error("digest: run failed", { channel, period: period.id, err: err as Error });
    const after = getDigestRow(db, channel, period.id);
    return end("failed", { error: result.error, attempts: after?.attempts });
  }
}
