/** Queries on `developments` (timeline entries) and `development_sources` (their reports). */
import { and, asc, eq, gte, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { ArticleDevelopment } from "../analyze/types.ts";
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

/** Developments of a pair whose dates come within `marginDays` of [start, end]. */
export function findNearbyDevelopments(db: Db, pair: [string, string], start: string, end: string, marginDays = 40): DevelopmentRow[] {
  const lo = shift(start, -marginDays);
  const hi = shift(end, marginDays);
  return db
    .select()
    .from(developments)
    .where(and(eq(developments.countryA, pair[0]), eq(developments.countryB, pair[1]), lte(developments.dateStart, hi), gte(developments.dateEnd, lo)))
    .all();
}

function shift(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Inserts a development; returns its id. */
export function insertDevelopment(db: Db, d: ArticleDevelopment, meta: { analyzerVersion: string; firstSeenAt: string; now: string }): number {
  return db
    .insert(developments)
    .values({ ...fields(d), analyzerVersion: meta.analyzerVersion, firstSeenAt: meta.firstSeenAt, updatedAt: meta.now })
    .returning({ id: developments.id })
    .get().id;
}

/** Rewrites a development's representative fields. */
export function updateDevelopment(db: Db, id: number, d: ArticleDevelopment, meta: { analyzerVersion: string; firstSeenAt: string; now: string }): void {
  db.update(developments)
    .set({ ...fields(d), analyzerVersion: meta.analyzerVersion, firstSeenAt: meta.firstSeenAt, updatedAt: meta.now })
    .where(eq(developments.id, id))
    .run();
}

/** Links an article's report (with its evidence span) to a development. */
export function addDevelopmentSource(db: Db, developmentId: number, articleId: number, d: ArticleDevelopment, now: string): void {
  const ev = d.evidence.find((e) => e.part !== "caption") ?? d.evidence[0]!;
  db.insert(developmentSources)
    .values({
      developmentId,
      articleId,
      extraction: d,
      sentence: ev.sentence,
      spanStart: ev.start,
      spanEnd: ev.end,
      isCaption: ev.part === "caption",
      addedAt: now,
    })
    .onConflictDoNothing()
    .run();
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
  const ids = db
    .selectDistinct({ id: developmentSources.developmentId })
    .from(developmentSources)
    .where(eq(developmentSources.articleId, articleId))
    .all()
    .map((r) => r.id);
  if (ids.length) db.delete(developmentSources).where(eq(developmentSources.articleId, articleId)).run();
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
    .orderBy(asc(articles.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** Marks an article analyzed by `version`. */
export function markAnalyzed(db: Db, articleId: number, version: string, now: string): void {
  db.update(articles).set({ analyzedVersion: version, analyzedAt: now }).where(eq(articles.id, articleId)).run();
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
export function listDevelopmentsWithSources(db: Db): (DevelopmentRow & { sources: ExportSource[] })[] {
  const rows = db.select().from(developments).orderBy(asc(developments.countryA), asc(developments.countryB), asc(developments.dateStart)).all();
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
