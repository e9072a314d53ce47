/** Queries on `articles`, `article_urls` and `raw_pages`. */
import { and, count, eq } from "drizzle-orm";
import type { Db } from "./client.ts";
import { articles, articleUrls, rawPages } from "./schema.ts";

export type ArticleRow = typeof articles.$inferSelect;
export type NewArticle = Omit<typeof articles.$inferInsert, "id" | "analyzedVersion" | "analyzedAt">;
export type RawPageRow = typeof rawPages.$inferSelect;

/** The raw page stored beside an article; `body` is already gzip-compressed. */
export type NewRawPage = Omit<RawPageRow, "articleId">;

/** The article stored under `url`, as its canonical URL or as an alias; null when unknown. */
export function findArticleIdByUrl(db: Db, url: string): number | null {
  const a = db.select({ id: articles.id }).from(articles).where(eq(articles.canonicalUrl, url)).get();
  if (a) return a.id;
  const alias = db.select({ id: articleUrls.articleId }).from(articleUrls).where(eq(articleUrls.url, url)).get();
  return alias?.id ?? null;
}

/**
 * The article with this feed GUID. GUIDs are only unique within a feed, so a plain GUID is
 * matched within its source; a GUID that is itself a URL is matched everywhere.
 */
export function findArticleIdByGuid(db: Db, guid: string, sourceId: number | null): number | null {
  const global = /^https?:\/\//i.test(guid);
  const where =
    global || sourceId === null ? eq(articles.guid, guid) : and(eq(articles.guid, guid), eq(articles.sourceId, sourceId));
  return db.select({ id: articles.id }).from(articles).where(where).get()?.id ?? null;
}

/** The first article whose normalized text has this hash; null when none. */
export function findArticleIdByContentHash(db: Db, hash: string): number | null {
  return db.select({ id: articles.id }).from(articles).where(eq(articles.contentHash, hash)).get()?.id ?? null;
}

/** Records other URLs of an article; URLs already recorded (anywhere) are left as they are. */
export function addArticleAliases(db: Db, articleId: number, urls: Iterable<string>): number {
  let added = 0;
  for (const url of new Set(urls)) {
    if (db.select({ id: articles.id }).from(articles).where(eq(articles.canonicalUrl, url)).get()) continue;
    added += db.insert(articleUrls).values({ url, articleId }).onConflictDoNothing().run().changes;
  }
  return added;
}

/**
 * Writes one article with its raw page and its alias URLs in one transaction, so a crash
 * leaves either all of it or nothing. Returns the new id.
 */
export function insertArticle(db: Db, input: { article: NewArticle; raw: NewRawPage; aliases: Iterable<string> }): number {
  return db.transaction((tx) => {
    const id = tx.insert(articles).values(input.article).returning({ id: articles.id }).get().id;
    tx.insert(rawPages)
      .values({ ...input.raw, articleId: id })
      .run();
    const aliases = [...new Set(input.aliases)].filter((u) => u !== input.article.canonicalUrl);
    addArticleAliases(tx as unknown as Db, id, aliases);
    return id;
  });
}

/** One article by id, or null. */
export function getArticle(db: Db, id: number): ArticleRow | null {
  return db.select().from(articles).where(eq(articles.id, id)).get() ?? null;
}

/** The stored raw page of an article (body gzip-compressed), or null. */
export function getRawPage(db: Db, articleId: number): RawPageRow | null {
  return db.select().from(rawPages).where(eq(rawPages.articleId, articleId)).get() ?? null;
}

/** The alias URLs of an article. */
export function listArticleAliases(db: Db, articleId: number): string[] {
  return db
    .select({ url: articleUrls.url })
    .from(articleUrls)
    .where(eq(articleUrls.articleId, articleId))
    .all()
    .map((r) => r.url);
}

/** How many articles are stored. */
export function countArticles(db: Db): number {
  return db.select({ n: count() }).from(articles).get()?.n ?? 0;
}
