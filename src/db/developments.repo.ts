/** Queries on `developments` (timeline entries) and `development_sources` (their reports). */
import { and, asc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { ArticleDevelopment } from "../analyze/types.ts";
import type { CountryPair, EventType } from "../domain/types.ts";
import type { Db } from "./client.ts";
import { articles, developments, developmentSources, rawPages } from "./schema.ts";

export type DevelopmentRow = typeof developments.$inferSelect;

/** A stored development seen as an article-level one, for matching and re-representing. */
export function rowToDevelopment(r: DevelopmentRow): ArticleDevelopment {
  return {
    pair: [r.countryA, r.countryB],
    type: r.type,
    status: r.status,
    date: { start: r.dateStart, end: r.dateEnd, precision: r.datePrecision, certain: r.dateCertain },
    dateRule: "cluster",
    actorCountry: r.actorCountry,
    destination: r.destination,
    actors: r.actors,
    places: r.places,
    details: r.details,
    summary: r.summary,
    evidence: [{ sentence: r.evidence, start: 0, end: r.evidence.length, part: "body", lang: r.evidenceLang === "en" ? "en" : "vi" }],
    confidence: r.score,
    rule: "cluster",
  };
}

function fields(d: ArticleDevelopment) {
  const ev = d.evidence.find((e) => e.part !== "caption") ?? d.evidence[0]!;
  return {
    countryA: d.pair[0],
    countryB: d.pair[1],
    type: d.type,
    status: d.status,
    dateStart: d.date.start,
    dateEnd: d.date.end,
    datePrecision: d.date.precision,
    dateCertain: d.date.certain,
    summary: d.summary,
    evidence: ev.sentence,
    evidenceLang: ev.lang,
    actors: d.actors,
    places: d.places,
    details: d.details,
    actorCountry: d.actorCountry,
    destination: d.destination,
    score: d.confidence,
  };
}

// Hot paths of analysis use prepared statements cached per connection: building the query
// anew for every article costs more than running it.
const statements = new WeakMap<object, Map<string, import("better-sqlite3").Statement>>();
function stmt(db: Db, key: string, sqlText: string): import("better-sqlite3").Statement {
  let m = statements.get(db.$client);
  if (!m) statements.set(db.$client, (m = new Map()));
  let s = m.get(key);
  if (!s) m.set(key, (s = db.$client.prepare(sqlText)));
  return s;
}

const DEV_COLUMNS =
  "id, country_a, country_b, type, status, date_start, date_end, date_precision, date_certain, summary, evidence, evidence_lang, actors, places, details, actor_country, destination, score, analyzer_version, first_seen_at, updated_at";

interface RawDevelopment {
  id: number;
  country_a: string;
  country_b: string;
  type: DevelopmentRow["type"];
  status: DevelopmentRow["status"];
  date_start: string;
  date_end: string;
  date_precision: DevelopmentRow["datePrecision"];
  date_certain: number;
  summary: string;
  evidence: string;
  evidence_lang: string;
  actors: string;
  places: string;
  details: string;
  actor_country: string | null;
  destination: string | null;
  score: number;
  analyzer_version: string;
  first_seen_at: string;
  updated_at: string;
}

function fromRaw(r: RawDevelopment): DevelopmentRow {
  return {
    id: r.id,
    countryA: r.country_a,
    countryB: r.country_b,
    type: r.type,
    status: r.status,
    dateStart: r.date_start,
    dateEnd: r.date_end,
    datePrecision: r.date_precision,
    dateCertain: Boolean(r.date_certain),
    summary: r.summary,
    evidence: r.evidence,
    evidenceLang: r.evidence_lang,
    actors: JSON.parse(r.actors) as string[],
    places: JSON.parse(r.places) as string[],
    details: JSON.parse(r.details) as string[],
    actorCountry: r.actor_country,
    destination: r.destination,
    score: r.score,
    analyzerVersion: r.analyzer_version,
    firstSeenAt: r.first_seen_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Developments of a pair, of the given types, whose dates come within `marginDays` of
 * [start, end]: the candidates a new report may join. Filtering by type in SQL keeps a busy
 * pair's candidates few (each row is parsed before it is scored).
 */
export function findNearbyDevelopments(db: Db, pair: [string, string], start: string, end: string, types: readonly string[], marginDays = 40): DevelopmentRow[] {
  const lo = shift(start, -marginDays);
  const hi = shift(end, marginDays);
  // A development spans at most a year, so its start is bounded below too: the index range
  // (country_a, country_b, date_start) stays small however long the pair's history is.
  const loStart = shift(lo, -367);
  const [t1, t2 = t1] = types;
  const rows = stmt(
    db,
    "nearby",
    `SELECT ${DEV_COLUMNS} FROM developments WHERE country_a = ? AND country_b = ? AND date_start >= ? AND date_start <= ? AND date_end >= ? AND type IN (?, ?)`,
  ).all(pair[0], pair[1], loStart, hi, lo, t1, t2) as RawDevelopment[];
  return rows.map(fromRaw);
}

function shift(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
}

function params(d: ArticleDevelopment) {
  const f = fields(d);
  return [
    f.countryA,
    f.countryB,
    f.type,
    f.status,
    f.dateStart,
    f.dateEnd,
    f.datePrecision,
    f.dateCertain ? 1 : 0,
    f.summary,
    f.evidence,
    f.evidenceLang,
    JSON.stringify(f.actors),
    JSON.stringify(f.places),
    JSON.stringify(f.details),
    f.actorCountry,
    f.destination,
    f.score,
  ];
}

/** Inserts a development; returns its id. */
export function insertDevelopment(db: Db, d: ArticleDevelopment, meta: { analyzerVersion: string; firstSeenAt: string; now: string }): number {
  const r = stmt(
    db,
    "insert",
    `INSERT INTO developments (country_a, country_b, type, status, date_start, date_end, date_precision, date_certain, summary, evidence, evidence_lang, actors, places, details, actor_country, destination, score, analyzer_version, first_seen_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...params(d), meta.analyzerVersion, meta.firstSeenAt, meta.now);
  return Number(r.lastInsertRowid);
}

/** Rewrites a development's representative fields. */
export function updateDevelopment(db: Db, id: number, d: ArticleDevelopment, meta: { analyzerVersion: string; firstSeenAt: string; now: string }): void {
  stmt(
    db,
    "update",
    `UPDATE developments SET country_a = ?, country_b = ?, type = ?, status = ?, date_start = ?, date_end = ?, date_precision = ?, date_certain = ?, summary = ?, evidence = ?, evidence_lang = ?, actors = ?, places = ?, details = ?, actor_country = ?, destination = ?, score = ?, analyzer_version = ?, first_seen_at = ?, updated_at = ? WHERE id = ?`,
  ).run(...params(d), meta.analyzerVersion, meta.firstSeenAt, meta.now, id);
}

/**
 * What is kept of an article-level extraction beside its source row: everything re-clustering
 * needs, with at most three evidence sentences (a much-repeated event can gather dozens, and
 * this row is written once per report).
 */
function compactExtraction(d: ArticleDevelopment): ArticleDevelopment {
  return d.evidence.length <= 3 ? d : { ...d, evidence: d.evidence.slice(0, 3) };
}

/** Links an article's report (with its evidence span) to a development. */
export function addDevelopmentSource(db: Db, developmentId: number, articleId: number, d: ArticleDevelopment, now: string): void {
  const ev = d.evidence.find((e) => e.part !== "caption") ?? d.evidence[0]!;
  stmt(
    db,
    "addSource",
    `INSERT INTO development_sources (development_id, article_id, extraction, sentence, span_start, span_end, is_caption, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(developmentId, articleId, JSON.stringify(compactExtraction(d)), ev.sentence, ev.start, ev.end, ev.part === "caption" ? 1 : 0, now);
}

/** The article-level reports of a development with each article's fetch time. */
export function listMembers(db: Db, developmentId: number): { articleId: number; extraction: ArticleDevelopment; fetchedAt: string }[] {
  return db
    .select({ articleId: developmentSources.articleId, extraction: developmentSources.extraction, fetchedAt: articles.fetchedAt })
    .from(developmentSources)
    .innerJoin(articles, eq(articles.id, developmentSources.articleId))
    .where(eq(developmentSources.developmentId, developmentId))
    .all() as { articleId: number; extraction: ArticleDevelopment; fetchedAt: string }[];
}

/** Removes an article's reports; returns the ids of the developments that had them. */
export function removeArticleReports(db: Db, articleId: number): number[] {
  const ids = stmt(db, "reportsOf", "SELECT DISTINCT development_id FROM development_sources WHERE article_id = ?").pluck().all(articleId) as number[];
  if (ids.length) stmt(db, "removeReports", "DELETE FROM development_sources WHERE article_id = ?").run(articleId);
  return ids;
}

/** Deletes developments that no longer have any report. */
export function deleteOrphanDevelopments(db: Db, ids: number[]): number {
  if (!ids.length) return 0;
  return db
    .delete(developments)
    .where(and(inArray(developments.id, ids), sql`not exists (select 1 from ${developmentSources} where ${developmentSources.developmentId} = ${developments.id})`))
    .run().changes;
}

/** Articles still to analyze (never analyzed, or by another analyzer version), oldest first. */
export function listPendingArticleIds(db: Db, version: string, limit: number): number[] {
  return db
    .select({ id: articles.id })
    .from(articles)
    .where(or(isNull(articles.analyzedVersion), ne(articles.analyzedVersion, version)))
    // in publication order, then by URL: articles ingested together (concurrently, so their ids
    // follow timing) are analyzed and clustered the same way every time
    .orderBy(asc(articles.publishedAt), asc(articles.canonicalUrl), asc(articles.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** Marks an article analyzed by `version`. */
export function markAnalyzed(db: Db, articleId: number, version: string, now: string): void {
  stmt(db, "markAnalyzed", "UPDATE articles SET analyzed_version = ?, analyzed_at = ? WHERE id = ?").run(version, now, articleId);
}

/** A source of a development as exported: `fetchedFrom` is where the text was read (a file for local articles). */
export interface ExportSource {
  url: string;
  fetchedFrom: string | null;
  title: string;
  outlet: string | null;
  publishedAt: string | null;
}

/** Every development with its sources, for export. */
/** What `/relations` and `relations export` filter developments by. */
export interface DevelopmentFilter {
  pair?: CountryPair;
  /** YYYY-MM-DD: only developments starting on or after it */
  since?: string;
  type?: EventType;
}

/** The one SQL predicate for a DevelopmentFilter (the timeline and the export share it). */
export function developmentFilterWhere(f: DevelopmentFilter): SQL[] {
  const w: SQL[] = [];
  if (f.pair) w.push(eq(developments.countryA, f.pair.a), eq(developments.countryB, f.pair.b));
  if (f.since) w.push(gte(developments.dateStart, f.since));
  if (f.type) w.push(eq(developments.type, f.type));
  return w;
}

/** Developments (all, or those the filter keeps) with their sources, by pair then date. */
export function listDevelopmentsWithSources(db: Db, filter: DevelopmentFilter = {}): (DevelopmentRow & { sources: ExportSource[] })[] {
  const where = developmentFilterWhere(filter);
  const rows = db
    .select()
    .from(developments)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(developments.countryA), asc(developments.countryB), asc(developments.dateStart))
    .all();
  const src = db
    .select({
      developmentId: developmentSources.developmentId,
      url: articles.canonicalUrl,
      fetchedFrom: rawPages.url,
      title: articles.title,
      outlet: articles.outlet,
      publishedAt: articles.publishedAt,
    })
    .from(developmentSources)
    .innerJoin(articles, eq(articles.id, developmentSources.articleId))
    .leftJoin(rawPages, eq(rawPages.articleId, articles.id))
    .where(where.length ? inArray(developmentSources.developmentId, db.select({ id: developments.id }).from(developments).where(and(...where))) : undefined)
    .all();
  const by = new Map<number, ExportSource[]>();
  for (const s of src) {
    const list = by.get(s.developmentId) ?? [];
    if (!list.some((x) => x.url === s.url)) list.push({ url: s.url, fetchedFrom: s.fetchedFrom, title: s.title, outlet: s.outlet, publishedAt: s.publishedAt });
    by.set(s.developmentId, list);
  }
  return rows.map((r) => ({ ...r, sources: by.get(r.id) ?? [] }));
}

/** Wipes every development (reanalysis rebuilds them from stored text) and marks all articles pending. */
export function resetAllDevelopments(db: Db): void {
  db.transaction((tx) => {
    tx.delete(developmentSources).run();
    tx.delete(developments).run();
    tx.update(articles).set({ analyzedVersion: null, analyzedAt: null }).run();
  });
}
