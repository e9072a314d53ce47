/**
 * Reads behind follow-up answers: a pair's developments with the fields a question can match
 * (type, dates, places, actors), which articles report them and where, and the sources to cite.
 * Raw prepared statements: this runs on every question and drizzle's row mapping costs more
 * than the query on large pairs.
 */
import type { DevelopmentCore } from "../domain/types.ts";
import type { Db } from "./client.ts";

/** A development of the pair, as the answerer scores it. */
export interface CandidateRow extends DevelopmentCore {
  /** JSON arrays as stored */
  actors: string;
  places: string;
  details: string;
  countryA: string;
  countryB: string;
  actorCountry: string | null;
  destination: string | null;
  score: number;
}

/** Where an article reports a development: the evidence span in its text. */
export interface ReportLink {
  developmentId: number;
  articleId: number;
  spanStart: number;
  spanEnd: number;
}

/** A source to cite: the article and its evidence sentence for the development. */
export interface CitedSource {
  developmentId: number;
  articleId: number;
  sentence: string;
  spanStart: number;
  url: string;
  outlet: string | null;
  title: string;
  language: string | null;
  publishedAt: string | null;
}

const CANDIDATE_COLS =
  "id, type, status, date_start AS dateStart, date_end AS dateEnd, date_precision AS datePrecision, summary, actors, places, score, details, country_a AS countryA, country_b AS countryB, actor_country AS actorCountry, destination";

/** A development as the first ranking pass sees it (from the covering index, no text). */
export interface LightCandidate extends Pick<DevelopmentCore, "id" | "type" | "status" | "dateStart" | "dateEnd"> {
  score: number;
}

/**
 * The pair's (a < b) developments of the given types, overlapping [from, to] when given, newest
 * first, read from developments_answer_idx only.
 */
export function listPairCandidates(db: Db, a: string, b: string, f: { types?: readonly string[]; from?: string | null; to?: string | null } = {}): LightCandidate[] {
  const where = ["country_a = ?", "country_b = ?"];
  const args: string[] = [a, b];
  if (f.types?.length) {
    where.push(`type IN (${f.types.map(() => "?").join(",")})`);
    args.push(...f.types);
  }
  if (f.to) {
    where.push("date_start <= ?");
    args.push(f.to);
  }
  if (f.from) {
    where.push("date_end >= ?");
    args.push(f.from);
  }
  return db.$client
    .prepare(
      `SELECT id, type, status, date_start AS dateStart, date_end AS dateEnd, score FROM developments INDEXED BY developments_answer_idx WHERE ${where.join(" AND ")} ORDER BY date_start DESC, id DESC`,
    )
    .all(...args) as LightCandidate[];
}

/** Ids of the pair's developments whose actors or places JSON names one of `needles` (person ids, place names). */
export function listPairDevelopmentsNaming(db: Db, a: string, b: string, needles: readonly string[]): number[] {
  if (!needles.length) return [];
  const ors = needles.map(() => "actors LIKE ? ESCAPE '\\' OR places LIKE ? ESCAPE '\\'").join(" OR ");
  const args = needles.flatMap((n) => {
    const pat = `%"${n.replace(/[\\%_]/g, (c) => "\\" + c)}"%`;
    return [pat, pat];
  });
  return db.$client.prepare(`SELECT id FROM developments WHERE country_a = ? AND country_b = ? AND (${ors})`).pluck().all(a, b, ...args) as number[];
}

/** The full rows of the given developments (summary, actors, places), in no particular order. */
export function getCandidates(db: Db, ids: readonly number[]): CandidateRow[] {
  if (!ids.length) return [];
  return db.$client.prepare(`SELECT ${CANDIDATE_COLS} FROM developments WHERE id IN (${ids.map(() => "?").join(",")})`).all(...ids) as CandidateRow[];
}

/**
 * The next `limit` developments of the pair older than the cursor (date_start, id), newest
 * first, optionally of one type and starting on or after `since` (keyset paging for "more").
 */
export function listOlderCandidates(
  db: Db,
  a: string,
  b: string,
  cursor: { dateStart: string; id: number } | null,
  opts: { type?: string | null; since?: string | null; limit: number },
): CandidateRow[] {
  const where = ["country_a = ?", "country_b = ?"];
  const args: (string | number)[] = [a, b];
  if (cursor) {
    where.push("(date_start < ? OR (date_start = ? AND id < ?))");
    args.push(cursor.dateStart, cursor.dateStart, cursor.id);
  }
  if (opts.type) {
    where.push("type = ?");
    args.push(opts.type);
  }
  if (opts.since) {
    where.push("date_start >= ?");
    args.push(opts.since);
  }
  args.push(opts.limit);
  return db.$client
    .prepare(`SELECT ${CANDIDATE_COLS} FROM developments WHERE ${where.join(" AND ")} ORDER BY date_start DESC, id DESC LIMIT ?`)
    .all(...args) as CandidateRow[];
}

/** Which articles report the given developments, and where. */
export function listReports(db: Db, developmentIds: readonly number[]): ReportLink[] {
  if (!developmentIds.length) return [];
  return db.$client
    .prepare(
      `SELECT development_id AS developmentId, article_id AS articleId, span_start AS spanStart, span_end AS spanEnd FROM development_sources WHERE development_id IN (${developmentIds.map(() => "?").join(",")})`,
    )
    .all(...developmentIds) as ReportLink[];
}

/** The sources of the given developments, body text before captions, oldest report first within each. */
export function listCitedSources(db: Db, developmentIds: readonly number[]): CitedSource[] {
  if (!developmentIds.length) return [];
  const marks = developmentIds.map(() => "?").join(",");
  return db.$client
    .prepare(
      `SELECT ds.development_id AS developmentId, ds.article_id AS articleId, ds.sentence, ds.span_start AS spanStart, a.canonical_url AS url, a.outlet, a.title, a.language, a.published_at AS publishedAt
       FROM development_sources ds JOIN articles a ON a.id = ds.article_id
       WHERE ds.development_id IN (${marks})
       ORDER BY ds.development_id, ds.is_caption, a.published_at, a.id`,
    )
    .all(...developmentIds) as CitedSource[];
}

/** Sentences of articles by (article, start, len), for passages given to a model; -1 is the title. */
export function readSentence(db: Db, articleId: number, start: number, len: number): string | null {
  const row = db.$client.prepare("SELECT title, text FROM articles WHERE id = ?").get(articleId) as { title: string; text: string } | undefined;
  if (!row) return null;
  return start < 0 ? row.title : row.text.slice(start, start + len);
}
