/** The pairs each channel watches for its weekly digest (issue 5 reads them; the chat core writes them). */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./client.ts";
import { watches } from "./schema.ts";
import type { CountryPair } from "../domain/types.ts";

/** A watched pair. */
export interface WatchRow {
  channel: string;
  pair: CountryPair;
  createdBy: string | null;
  createdAt: string;
  /** the channel also gets an alert per new development of the pair */
  alerts: boolean;
}

/** Queries on the watches table. */
export interface WatchesRepo {
  /** Adds the watch; false when the channel already watched the pair. */
  add(channel: string, pair: CountryPair, createdBy: string | null, at: string): boolean;
  /**
   * Turns alerts for the pair on (watching it too, for the digest, when it was not) or off (the
   * digest watch stays). Returns whether anything changed.
   */
  setAlerts(channel: string, pair: CountryPair, on: boolean, createdBy: string | null, at: string): boolean;
  /** Removes the watch; false when there was none. */
  remove(channel: string, pair: CountryPair): boolean;
  /** The channel's watched pairs in pair order. */
  listForChannel(channel: string): WatchRow[];
  /** Every watch, by channel then pair. */
  listAll(): WatchRow[];
}

/** Builds the repo on an open database. */
export function createWatchesRepo(db: Db): WatchesRepo {
  const toRow = (r: typeof watches.$inferSelect): WatchRow => ({
    channel: r.channel,
    pair: { a: r.countryA, b: r.countryB },
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    alerts: r.alerts,
  });
  return {
    add(channel, pair, createdBy, at) {
      const res = db
        .insert(watches)
        .values({ channel, countryA: pair.a, countryB: pair.b, createdBy, createdAt: at })
        .onConflictDoNothing()
        .run();
      return res.changes > 0;
    },
    setAlerts(channel, pair, on, createdBy, at) {
      const where = and(eq(watches.channel, channel), eq(watches.countryA, pair.a), eq(watches.countryB, pair.b), eq(watches.alerts, !on));
      if (!on) return db.update(watches).set({ alerts: false, alertsSince: null }).where(where).run().changes > 0;
      return db.$client.transaction(() => {
        db.insert(watches).values({ channel, countryA: pair.a, countryB: pair.b, createdBy, createdAt: at }).onConflictDoNothing().run();
        return db.update(watches).set({ alerts: true, alertsSince: at }).where(where).run().changes > 0;
      })();
    },
    remove(channel, pair) {
      const res = db
        .delete(watches)
        .where(and(eq(watches.channel, channel), eq(watches.countryA, pair.a), eq(watches.countryB, pair.b)))
        .run();
      return res.changes > 0;
    },
    listForChannel(channel) {
      return db
        .select()
        .from(watches)
        .where(eq(watches.channel, channel))
        .orderBy(asc(watches.countryA), asc(watches.countryB))
        .all()
        .map(toRow);
    },
    listAll() {
      return db.select().from(watches).orderBy(asc(watches.channel), asc(watches.countryA), asc(watches.countryB)).all().map(toRow);
    },
  };
}
