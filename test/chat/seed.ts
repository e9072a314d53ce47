/**
 * Test data for the chat and Slack tests: articles and developments inserted straight through
 * drizzle into a real (in-memory) database, as the analyzer would have filed them.
 */
import type { Db } from "../../src/db/client.ts";
import { articles, developmentSources, developments } from "../../src/db/schema.ts";
import type { DatePrecision, EventType } from "../../src/domain/types.ts";
import { makePair } from "../../src/domain/types.ts";

/** A source article of a seeded development. */
export interface SeedSource {
  url: string;
  outlet?: string | null;
  title?: string;
}

/** One development to insert. */
export interface SeedDevelopment {
  pair: [string, string];
  type: EventType;
  start: string;
  end?: string;
  precision?: DatePrecision;
  status?: "held" | "announced" | "planned";
  summary: string;
  sources: SeedSource[];
  updatedAt?: string;
  /** extracted fields a summary in another language is written from */
  actors?: string[];
  places?: string[];
  details?: string[];
  actorCountry?: string | null;
  destination?: string | null;
}

let articleSeq = 0;

/** Inserts the developments with their articles (articles are reused by URL); returns the ids. */
export function seedDevelopments(db: Db, devs: SeedDevelopment[]): number[] {
  const ids: number[] = [];
  for (const d of devs) {
    const { a, b } = makePair(d.pair[0], d.pair[1]);
    const at = d.updatedAt ?? "2024-10-20T00:00:00.000Z";
    const dev = db
      .insert(developments)
      .values({
        countryA: a,
        countryB: b,
        type: d.type,
        status: d.status ?? "held",
        dateStart: d.start,
        dateEnd: d.end ?? d.start,
        datePrecision: d.precision ?? "day",
        dateCertain: true,
        summary: d.summary,
        actors: d.actors ?? [],
        places: d.places ?? [],
        details: d.details ?? [],
        actorCountry: d.actorCountry ?? null,
        destination: d.destination ?? null,
        evidence: d.summary,
        evidenceLang: "en",
        analyzerVersion: "test",
        firstSeenAt: at,
        updatedAt: at,
      })
      .returning({ id: developments.id })
      .get();
    ids.push(dev.id);
    d.sources.forEach((s, i) => {
      const existing = db.$client.prepare("SELECT id FROM articles WHERE canonical_url = ?").get(s.url) as { id: number } | undefined;
      const articleId =
        existing?.id ??
        db
          .insert(articles)
          .values({
            canonicalUrl: s.url,
            outlet: s.outlet === undefined ? "Outlet" : s.outlet,
            title: s.title ?? `Article ${++articleSeq}`,
            text: d.summary,
            fetchedAt: at,
            contentHash: `h${++articleSeq}`,
            publishedAt: d.start,
          })
          .returning({ id: articles.id })
          .get().id;
      db.insert(developmentSources)
        .values({ developmentId: dev.id, articleId, extraction: {}, sentence: d.summary, spanStart: i, spanEnd: i + 1, addedAt: at })
        .run();
    });
  }
  return ids;
}

/** `n` exercises between two countries, one a month going back from 2024-12, each with `sourcesEach` sources. */
export function seedMany(db: Db, pair: [string, string], n: number, sourcesEach = 1): number[] {
  const devs: SeedDevelopment[] = [];
  for (let i = 0; i < n; i++) {
    const y = 2024 - Math.floor(i / 12);
    const m = 12 - (i % 12);
    const start = `${y}-${String(m).padStart(2, "0")}-10`;
    devs.push({
      pair,
      type: i % 3 === 0 ? "exercise" : i % 3 === 1 ? "visit" : "talks",
      start,
      summary: `Development number ${i + 1} between the two.`,
      sources: Array.from({ length: sourcesEach }, (_, k) => ({ url: `https://news${k}.example.com/${pair.join("-")}/${i}`, outlet: `News ${k}` })),
    });
  }
  return seedDevelopments(db, devs);
}
