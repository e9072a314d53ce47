/**
 * Inserts developments with their source articles straight through drizzle, as the analyzer
 * would leave them, for digest tests.
 */
import type { Db } from "../../src/db/client.ts";
import { articles, developments, developmentSources, watches } from "../../src/db/schema.ts";
import { makePair, type DatePrecision, type EventType } from "../../src/domain/types.ts";

/** A development to insert; unspecified fields get plain defaults. */
export interface DevSpec {
  a: string;
  b: string;
  type?: EventType;
  status?: "held" | "announced" | "planned";
  dateStart?: string;
  dateEnd?: string;
  precision?: DatePrecision;
  summary?: string;
  score?: number;
  firstSeenAt: string;
  sources?: { url: string; outlet?: string | null; title?: string }[];
}

let articleSeq = 0;

/** Inserts one development and its sources (articles created as needed); returns its id. */
export function insertDevelopment(db: Db, d: DevSpec): number {
  const { a, b } = makePair(d.a, d.b);
  const dateStart = d.dateStart ?? d.firstSeenAt.slice(0, 10);
  const dev = db
    .insert(developments)
    .values({
      countryA: a,
      countryB: b,
      type: d.type ?? "talks",
      status: d.status ?? "held",
      dateStart,
      dateEnd: d.dateEnd ?? dateStart,
      datePrecision: d.precision ?? "day",
      dateCertain: true,
      summary: d.summary ?? `${a} and ${b} held ${d.type ?? "talks"}`,
      evidence: "evidence",
      evidenceLang: "en",
      score: d.score ?? 0,
      analyzerVersion: "test",
      firstSeenAt: d.firstSeenAt,
      updatedAt: d.firstSeenAt,
    })
    .returning({ id: developments.id })
    .get();
  const sources = d.sources ?? [{ url: `https://news.example/${a}-${b}/${++articleSeq}`, outlet: "Example News" }];
  for (const s of sources) {
    const art = db
      .insert(articles)
      .values({
        canonicalUrl: s.url,
        outlet: s.outlet ?? null,
        title: s.title ?? `Report ${s.url}`,
        text: "body",
        fetchedAt: d.firstSeenAt,
        contentHash: `h-${s.url}`,
      })
      .onConflictDoUpdate({ target: articles.canonicalUrl, set: { title: s.title ?? `Report ${s.url}` } })
      .returning({ id: articles.id })
      .get();
    db.insert(developmentSources)
      .values({ developmentId: dev.id, articleId: art.id, extraction: {}, sentence: "s", spanStart: 0, spanEnd: 1, addedAt: d.firstSeenAt })
      .run();
  }
  return dev.id;
}

/** Makes a channel watch a pair (as `/relations watch` would). */
export function insertWatch(db: Db, channel: string, x: string, y: string): void {
  const { a, b } = makePair(x, y);
  db.insert(watches).values({ channel, countryA: a, countryB: b, createdAt: "2024-01-01T00:00:00.000Z" }).run();
}
