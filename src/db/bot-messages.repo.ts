/**
 * What each message the bot posted in a channel was about (pair, period, type filter, cursor),
 * keyed by (channel, ts), so a reply in its thread knows its context.
 */
import { and, asc, eq } from "drizzle-orm";
import type { CountryPair } from "../domain/types.ts";
import type { Db } from "./client.ts";
import { botMessages } from "./schema.ts";

/** The kinds of message the bot posts in a channel. */
export type BotMessageKind = "timeline" | "digest" | "digest_pair" | "answer" | "alert";

/** One posted message and what it was about. */
export interface BotMessage {
  channel: string;
  ts: string;
  kind: BotMessageKind;
  countryA: string | null;
  countryB: string | null;
  since: string | null;
  until: string | null;
  typeFilter: string | null;
  /** for "more": the oldest development already shown (see chat/topic.ts for its format) */
  cursor: string | null;
  createdAt: string;
}

/** Queries on bot_messages. */
export interface BotMessagesRepo {
  /** Records (or replaces) what the message at (channel, ts) is about. */
  record(m: BotMessage): void;
  /** The message at (channel, ts), or null when the bot did not post it. */
  find(channel: string, ts: string): BotMessage | null;
  /**
   * The pairs of the digest a channel got for a period: its "digest_pair" replies. Slack threads
   * are flat, so a reply under a pair's reply carries the digest parent's ts, not the pair's.
   */
  digestPairs(channel: string, since: string, until: string): CountryPair[];
  /** The pairs an alert posted at (channel, ts) is about (a burst may list several). */
  alertPairs(channel: string, ts: string): CountryPair[];
}

/** Builds the repo on an open database. */
export function createBotMessagesRepo(db: Db): BotMessagesRepo {
  return {
    record(m) {
      db.insert(botMessages)
        .values(m)
        .onConflictDoUpdate({
          target: [botMessages.channel, botMessages.ts],
          set: {
            kind: m.kind,
            countryA: m.countryA,
            countryB: m.countryB,
            since: m.since,
            until: m.until,
            typeFilter: m.typeFilter,
            cursor: m.cursor,
          },
        })
        .run();
    },
    find(channel, ts) {
      return (
        db
          .select()
          .from(botMessages)
          .where(and(eq(botMessages.channel, channel), eq(botMessages.ts, ts)))
          .get() ?? null
      );
    },
    alertPairs(channel, ts) {
      // the alert's claim (digests, period = message key) holds its ts; its developments are in alerts
      return db.$client
        .prepare(
          `SELECT DISTINCT x.country_a AS a, x.country_b AS b FROM digests g JOIN alerts x ON x.channel = g.channel AND x.message_key = g.period
           WHERE g.channel = ? AND g.ts = ? ORDER BY x.country_a, x.country_b`,
        )
        .all(channel, ts) as CountryPair[];
    },
    digestPairs(channel, since, until) {
      const rows = db
        .select({ a: botMessages.countryA, b: botMessages.countryB })
        .from(botMessages)
        .where(and(eq(botMessages.channel, channel), eq(botMessages.kind, "digest_pair"), eq(botMessages.since, since), eq(botMessages.until, until)))
        .orderBy(asc(botMessages.ts))
        .all();
      const seen = new Set<string>();
      const out: CountryPair[] = [];
      for (const r of rows) {
        if (!r.a || !r.b || seen.has(`${r.a}-${r.b}`)) continue;
        seen.add(`${r.a}-${r.b}`);
        out.push({ a: r.a, b: r.b });
      }
      return out;
    },
  };
}
