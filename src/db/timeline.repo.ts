/**
 * Queries behind the timeline and partner views. Reads only; the analyzer writes these tables.
 * Every pair query goes through `developments_pair_date_idx` (country_a, country_b, date_start),
 * walked backwards for newest-first keyset paging.
 */
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client.ts";
import { articles, developmentSources, developments } from "./schema.ts";
import { developmentFilterWhere } from "./developments.repo.ts";
import type { CountryPair, DatePrecision, DevelopmentCore, EventType } from "../domain/types.ts";
import type { MonthTypeCount } from "../services/activity.ts";

/** Filters a user can add after the pair. */
export interface TimelineFilter {
  /** YYYY-MM-DD: only developments starting on or after it */
  since?: string;
  type?: EventType;
}

/** Position after the last development shown (keyset paging, newest first). */
export interface TimelineCursor {
  dateStart: string;
  id: number;
}

/** A development row as the timeline needs it, with the extracted fields its summary is written from. */
export interface DevelopmentRow extends DevelopmentCore {
  updatedAt: string;
  countryA: string;
  countryB: string;
  actors: string[];
  places: string[];
  details: string[];
  actorCountry: string | null;
  destination: string | null;
}

/** An article reporting a development. */
export interface SourceRow {
  developmentId: number;
  articleId: number;
  url: string;
  outlet: string | null;
  title: string;
  publishedAt: string | null;
}

/** Totals for a pair under a filter. */
export interface PairStats {
  developments: number;
  sources: number;
  /** ISO time of the latest change, null when the pair has nothing */
  lastUpdated: string | null;
}

/** One partner of a country with its count for one type. */
export interface PartnerTypeRow {
  partner: string;
  type: EventType;
  count: number;
  /** date_start of the latest development, with its end and precision */
  latest: string;
  latestEnd: string;
  latestPrecision: DatePrecision;
}

/** The timeline queries over one database. */
export interface TimelineRepo {
  /** Up to `limit` developments of the pair, newest first, after `cursor`. */
  listDevelopments(pair: CountryPair, filter: TimelineFilter, cursor: TimelineCursor | null, limit: number): DevelopmentRow[];
  /** Every article reporting each development, grouped by development id. */
  listSources(developmentIds: number[]): Map<number, SourceRow[]>;
  /** Totals for the pair under the filter. */
  statsFor(pair: CountryPair, filter: TimelineFilter): PairStats;
  /** Counts by partner and type for one country. */
  partnersOf(code: string): PartnerTypeRow[];
  /** The pair's developments counted by month of their start and type (the activity chart). */
  activityCounts(pair: CountryPair, filter: TimelineFilter): MonthTypeCount[];
  /** Changes whenever this connection writes anything or another process commits; costs microseconds. */
  dataStamp(): string;
  /** Highest rowids of developments and development_sources (chunk bounds for the scans below). */
  maxRowids(): { developments: number; sources: number };
  /** Developments with from < rowid ≤ to, reduced to what pair totals need. */
  scanDevelopments(from: number, to: number): DevelopmentScanRow[];
  /** Development sources of developments with from < id ≤ to (read from the primary-key index alone). */
  scanSources(from: number, to: number): SourceScanRow[];
}

/** A development reduced for pair totals. */
export interface DevelopmentScanRow extends Pick<DevelopmentCore, "id" | "type" | "dateStart" | "dateEnd" | "datePrecision"> {
  a: string;
  b: string;
  updatedAt: string;
}

/** A development source reduced for pair totals. */
export interface SourceScanRow {
  developmentId: number;
  articleId: number;
}

/** Builds the repo on an open database. */
export function createTimelineRepo(db: Db): TimelineRepo {
  const filterWhere = (pair: CountryPair, f: TimelineFilter): SQL[] => developmentFilterWhere({ pair, since: f.since, type: f.type });
  // max(rowid) is a single B-tree seek on each table, so the stamp costs microseconds.
  // total_changes() counts every row this connection changed (updates and deletes included);
  // data_version moves when another connection (a second process) commits.
  const stampStmt = db.$client.prepare(
    "SELECT (SELECT max(rowid) FROM developments) AS d, (SELECT max(rowid) FROM development_sources) AS s, total_changes() AS c",
  );
  const versionStmt = db.$client.prepare("PRAGMA data_version").pluck();
  const scanDevStmt = db.$client.prepare(
    "SELECT id, country_a AS a, country_b AS b, type, date_start AS dateStart, date_end AS dateEnd, date_precision AS datePrecision, updated_at AS updatedAt FROM developments WHERE rowid > ? AND rowid <= ?",
  );
  const scanSrcStmt = db.$client.prepare(
    "SELECT development_id AS developmentId, article_id AS articleId FROM development_sources WHERE development_id > ? AND development_id <= ?",
  );

  return {
    listDevelopments(pair, filter, cursor, limit) {
      const w = filterWhere(pair, filter);
      if (cursor) {
        w.push(
          or(
            lt(developments.dateStart, cursor.dateStart),
            and(eq(developments.dateStart, cursor.dateStart), lt(developments.id, cursor.id)),
          )!,
        );
      }
      return db
        .select({
          id: developments.id,
          type: developments.type,
          status: developments.status,
          dateStart: developments.dateStart,
          dateEnd: developments.dateEnd,
          datePrecision: developments.datePrecision,
          summary: developments.summary,
          updatedAt: developments.updatedAt,
          countryA: developments.countryA,
          countryB: developments.countryB,
          actors: developments.actors,
          places: developments.places,
          details: developments.details,
          actorCountry: developments.actorCountry,
          destination: developments.destination,
        })
        .from(developments)
        .where(and(...w))
        .orderBy(desc(developments.dateStart), desc(developments.id))
        .limit(limit)
        .all();
    },

    listSources(ids) {
      const out = new Map<number, SourceRow[]>();
      if (ids.length === 0) return out;
      const rows = db
        .selectDistinct({
          developmentId: developmentSources.developmentId,
          articleId: articles.id,
          url: articles.canonicalUrl,
          outlet: articles.outlet,
          title: articles.title,
          publishedAt: articles.publishedAt,
        })
        .from(developmentSources)
        .innerJoin(articles, eq(articles.id, developmentSources.articleId))
        .where(inArray(developmentSources.developmentId, ids))
        .orderBy(developmentSources.developmentId, articles.publishedAt, articles.id)
        .all();
      for (const r of rows) {
        const list = out.get(r.developmentId) ?? [];
        list.push(r);
        out.set(r.developmentId, list);
      }
      return out;
    },

    statsFor(pair, filter) {
      const w = and(...filterWhere(pair, filter));
      const row = db
        .select({ n: sql<number>`count(*)`, last: sql<string | null>`max(${developments.updatedAt})` })
        .from(developments)
        .where(w)
        .get();
      const src = db
        .select({ n: sql<number>`count(DISTINCT ${developmentSources.articleId})` })
        .from(developmentSources)
        .where(inArray(developmentSources.developmentId, db.select({ id: developments.id }).from(developments).where(w)))
        .get();
      return { developments: row?.n ?? 0, sources: src?.n ?? 0, lastUpdated: row?.last ?? null };
    },

    activityCounts(pair, filter) {
      const month = sql<string>`substr(${developments.dateStart}, 1, 7)`;
      return db
        .select({ month, type: developments.type, n: sql<number>`count(*)` })
        .from(developments)
        .where(and(...filterWhere(pair, filter)))
        .groupBy(month, developments.type)
        .all();
    },

    partnersOf(code) {
      const c = code.toUpperCase();
      // The country is country_a of some pairs and country_b of others: one query per side.
      type CountryColumn = typeof developments.countryA | typeof developments.countryB;
      const side = (self: CountryColumn, partner: CountryColumn) =>
        db
          .select({
            partner,
            type: developments.type,
            count: sql<number>`count(*)`,
            // SQLite takes bare columns from the row holding the max(): the latest development's end and precision.
            latest: sql<string>`max(${developments.dateStart})`,
            latestEnd: developments.dateEnd,
            latestPrecision: developments.datePrecision,
          })
          .from(developments)
          .where(eq(self, c))
          .groupBy(partner, developments.type)
          .all();
      const a = side(developments.countryA, developments.countryB);
      const b = side(developments.countryB, developments.countryA);
      return [...a, ...b];
    },

    dataStamp() {
      const r = stampStmt.get() as { d: number | null; s: number | null; c: number };
      return `${r.d ?? 0}:${r.s ?? 0}:${r.c}:${versionStmt.get() as number}`;
    },

    maxRowids() {
      const r = stampStmt.get() as { d: number | null; s: number | null };
      return { developments: r.d ?? 0, sources: r.s ?? 0 };
    },

    scanDevelopments(from, to) {
      return scanDevStmt.all(from, to) as DevelopmentScanRow[];
    },

    scanSources(from, to) {
      return scanSrcStmt.all(from, to) as SourceScanRow[];
    },
  };
}
