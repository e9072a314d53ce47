/**
 * node-cron wiring for the weekly digest (DIGEST_CRON in DIGEST_TZ, default Monday 08:00
 * Asia/Ho_Chi_Minh) to DIGEST_CHANNEL and to every channel that watches pairs (`/relations watch`),
 * each with the digest of its own watched pairs. Each tick posts the previous ISO week to each
 * channel through postDigest, whose claim per (channel, week) makes it exactly-once across processes.
 *
 * Catch-up on start: if the bot was down when the digest was due, the MOST RECENT due period is
 * posted when it comes back (the week before the last time the cron expression fired, looking back
 * up to `catchUpLookbackDays`). Older missed weeks are deliberately not posted: a flood of stale
 * digests after a long outage helps nobody, and the timeline command covers them.
 */
import cron from "node-cron";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/client.ts";
import { getDigestRow } from "../db/digests.repo.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";
import { previousWeek, type CountryNames } from "../services/digest.ts";
import { postDigest, type DigestPort, type PostDigestDeps, type PostDigestOptions, type PostDigestResult } from "../services/digest-post.ts";
import type { LlmSettings } from "../services/llm.ts";

/** What the scheduler needs from the composition root. */
export interface DigestSchedulerDeps {
  db: Db;
  slack: DigestPort;
  clock: Clock;
  logger: Logger;
  llm?: LlmSettings | null;
  /** defaults to host:pid:random */
  runner?: string;
  sleep?: (ms: number) => Promise<void>;
  /** the gazetteer (main.ts passes it): digests name countries as timelines do */
  countries: CountryNames;
  /** summaries for channels set to another language (PostDigestDeps.summarize) */
  summarize?: PostDigestDeps["summarize"];
}

/** When and where to post. */
export interface DigestSchedule {
  cron: string;
  tz: string;
  /** DIGEST_CHANNEL ("" or absent: only the watching channels) */
  channel?: string;
  /** the channels that watch pairs, read at every run (they come and go with /relations watch) */
  watchedChannels?: () => string[];
  postQuiet: boolean;
  /** post the most recent missed digest at start (default true) */
  catchUp?: boolean;
  /** how far back to look for the last due time of the cron expression (default 8 days) */
  catchUpLookbackDays?: number;
  /** passed to postDigest (lease, attempts, backoff, rendering) */
  post?: Partial<Omit<PostDigestOptions, "channel" | "week" | "tz" | "postQuiet" | "trigger">>;
}

/** A running scheduler. */
export interface DigestScheduler {
  /** settles when the catch-up check of `channel` is done (null when nothing was due or already posted) */
  catchUp: Promise<PostDigestResult | null>;
  /** the catch-up of every channel (DIGEST_CHANNEL and the watching ones), one result per digest posted or tried */
  catchUpAll: Promise<PostDigestResult[]>;
  /** posts the previous week to `channel` now (same exactly-once rule), queued behind any run in progress */
  runNow(trigger?: string): Promise<PostDigestResult>;
  /** posts the previous week to every channel now, one after the other */
  runAll(trigger?: string): Promise<PostDigestResult[]>;
  /** stops the cron task and waits for a run in progress */
  stop(): Promise<void>;
}

/** A process-unique runner id for claims. */
export function makeRunnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/**
 * The last minute at or before `now` at which `expr` fired in `tz`, looking back at most
 * `lookbackDays`; null when it did not fire in that window.
 */
export function lastCronFire(expr: string, tz: string, now: Date, lookbackDays = 8): Date | null {
  return cronFire(expr, tz, now, lookbackDays, -1);
}

/**
 * The first minute after `now` at which `expr` fires in `tz`, looking ahead at most `lookaheadDays`
 * (what `/relations watching` tells a channel); null when it does not fire in that window.
 */
export function nextCronFire(expr: string, tz: string, now: Date, lookaheadDays = 8): Date | null {
  return cronFire(expr, tz, now, lookaheadDays, 1);
}

/** The nearest fire of `expr` from `now`, backwards (at or before now) or forwards (after now), within `days`. */
function cronFire(expr: string, tz: string, now: Date, days: number, direction: 1 | -1): Date | null {
  const fields = cron.parse(expr);
  // every zone in use today is offset from UTC by a multiple of 15 minutes, so a local minute
  // allowed by the expression fixes the UTC minute modulo 15: test only those minutes (15x fewer)
  const minuteMod = new Set(fields.minute.map((m) => m % 15));
  const second = fields.second.includes(0) ? 0 : (fields.second[0] ?? 0);
  const task = cron.createTask(expr, () => {}, { timezone: tz });
  try {
    const start = Math.floor(now.getTime() / 60_000) * 60_000;
    const steps = days * 24 * 60;
    for (let i = 0; i <= steps; i++) {
      const ms = start + direction * i * 60_000;
      if (!minuteMod.has(new Date(ms).getUTCMinutes() % 15)) continue;
      const t = new Date(ms + second * 1000);
      const onSide = direction < 0 ? t.getTime() <= now.getTime() : t.getTime() > now.getTime();
      if (onSide && task.match(t)) return t;
    }
    return null;
  } finally {
    void task.destroy();
  }
}

/** Starts the weekly digest job; validates the cron expression first (clear error). */
export function startDigestScheduler(deps: DigestSchedulerDeps, schedule: DigestSchedule): DigestScheduler {
  if (!cron.validate(schedule.cron)) throw new Error(`digest: DIGEST_CRON is not a valid cron expression: ${schedule.cron}`);
  const runner = deps.runner ?? makeRunnerId();
  const log = deps.logger;
  // one run at a time in this process: the claim guards other processes, this guards our own
  let chain: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const post = (channel: string, week: string, trigger: string) =>
    postDigest(
      { db: deps.db, slack: deps.slack, clock: deps.clock, logger: log, runner, llm: deps.llm, sleep: deps.sleep, countries: deps.countries, summarize: deps.summarize },
      { ...schedule.post, channel, week, tz: schedule.tz, postQuiet: schedule.postQuiet, trigger },
    );
  /** DIGEST_CHANNEL first, then every channel that watches pairs, each once */
  const channels = (): string[] => {
    let watched: string[] = [];
    try {
      watched = schedule.watchedChannels?.() ?? [];
    } catch (err) {
      log.error("digest: listing the watching channels failed", { err });
    }
    return [...new Set([schedule.channel ?? "", ...watched].filter(Boolean))];
  };
  const runNow = (trigger = "manual") => enqueue(() => post(schedule.channel ?? "", previousWeek(deps.clock(), schedule.tz), trigger));
  const runAll = (trigger = "manual") => enqueue(async () => {
    const week = previousWeek(deps.clock(), schedule.tz);
    const out: PostDigestResult[] = [];
    for (const channel of channels()) out.push(await post(channel, week, trigger));
    return out;
  });

  const task = cron.schedule(
    schedule.cron,
    async () => {
      for (const r of await runAll("schedule")) {
        if (r.outcome === "failed") log.error("digest: scheduled run failed", { channel: r.channel, period: r.period, error: r.error });
      }
    },
    { timezone: schedule.tz, name: "digest", noOverlap: true },
  );

  const catchUpOne = async (channel: string): Promise<PostDigestResult | null> => {
    const fire = lastCronFire(schedule.cron, schedule.tz, deps.clock(), schedule.catchUpLookbackDays ?? 8);
    if (!fire) return null;
    const week = previousWeek(fire, schedule.tz);
    const row = getDigestRow(deps.db, channel, week);
    if (row && (row.status === "posted" || row.status === "skipped")) return null;
    log.info("digest: catching up a digest missed while down", { channel, period: week, dueAt: fire.toISOString() });
    return post(channel, week, "catch-up");
  };
  const caught =
    schedule.catchUp === false
      ? Promise.resolve(new Map<string, PostDigestResult | null>())
      : enqueue(async () => {
          const out = new Map<string, PostDigestResult | null>();
          for (const channel of channels()) out.set(channel, await catchUpOne(channel));
          return out;
        });
  const catchUp = caught.then((m) => (schedule.channel ? (m.get(schedule.channel) ?? null) : null));
  const catchUpAll = caught.then((m) => [...m.values()].filter((r): r is PostDigestResult => r !== null));

  return {
    catchUp,
    catchUpAll,
    runNow,
    runAll,
    stop: async () => {
      await task.stop();
      await task.destroy();
      await chain;
    },
  };
}
