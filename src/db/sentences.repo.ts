/**
 * The full-text index of article sentences (FTS5 table `article_sentences`, migration
 * 0002_article_sentences_fts): indexing an article, the backfill of articles stored before the
 * index existed, and the search behind follow-up questions, restricted to a pair's sources.
 */
import { splitSentences } from "../analyze/sentences.ts";
import { fold } from "../lib/text.ts";
import type { Db } from "./client.ts";

/** Rows per article in the rowid space: rowid = article_id * SENTENCE_SLOTS + sentence index. */
export const SENTENCE_SLOTS = 4096;

/** The article fields indexing needs. */
export interface IndexableArticle {
  id: number;
  title: string;
  text: string;
  contentHash: string;
}

/**
 * (Re)indexes one article's title and sentences, replacing what was there. Sentences past the
 * 4,095th are not indexed (far beyond any news article). Returns the number of rows written.
 */
export function indexArticleSentences(db: Db, a: IndexableArticle): number {
  const c = db.$client;
  const base = a.id * SENTENCE_SLOTS;
  c.prepare("DELETE FROM article_sentences WHERE rowid BETWEEN ? AND ?").run(base, base + SENTENCE_SLOTS - 1);
  const ins = c.prepare("INSERT INTO article_sentences (rowid, folded, article_id, start, len) VALUES (?, ?, ?, ?, ?)");
  let n = 0;
  // the title is row 0 with start -1: it is searched but quoted from the article record
  if (a.title.trim()) {
    ins.run(base, fold(a.title), a.id, -1, a.title.length);
    n++;
  }
  for (const s of splitSentences(a.text)) {
    if (n >= SENTENCE_SLOTS) break;
    ins.run(base + n, fold(s.text), a.id, s.start, s.end - s.start);
    n++;
  }
  c.prepare(
    "INSERT INTO article_sentences_indexed (article_id, content_hash, sentences) VALUES (?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET content_hash = excluded.content_hash, sentences = excluded.sentences",
  ).run(a.id, a.contentHash, n);
  return n;
}

/** Ids of articles not indexed yet or indexed from another text (content hash changed), oldest first. */
export function listUnindexedArticleIds(db: Db, limit: number): number[] {
  return db.$client
    .prepare(
      "SELECT a.id FROM articles a LEFT JOIN article_sentences_indexed i ON i.article_id = a.id WHERE i.article_id IS NULL OR i.content_hash <> a.content_hash ORDER BY a.id LIMIT ?",
    )
    .pluck()
    .all(limit) as number[];
}

/**
 * Indexes every article that is not indexed yet (articles stored before the index existed, or
 * whose text changed), in transactions of `batch`. Returns how many were indexed.
 */
export function backfillSentenceIndex(db: Db, opts: { batch?: number; onProgress?: (done: number) => void } = {}): number {
  const batch = opts.batch ?? 500;
  const get = db.$client.prepare("SELECT id, title, text, content_hash AS contentHash FROM articles WHERE id = ?");
  let done = 0;
  for (;;) {
    const ids = listUnindexedArticleIds(db, batch);
    if (!ids.length) return done;
    db.$client.transaction(() => {
      for (const id of ids) {
        const a = get.get(id) as IndexableArticle | undefined;
        if (a) indexArticleSentences(db, a);
      }
    })();
    done += ids.length;
    opts.onProgress?.(done);
  }
}

/** One matching sentence. `start` is -1 for the title. */
export interface SentenceHit {
  articleId: number;
  start: number;
  len: number;
  /** FTS5 bm25: lower (more negative) is better */
  bm25: number;
}

/** The ids of the articles that report a development of the pair (a < b). */
export function listPairArticleIds(db: Db, a: string, b: string): number[] {
  return db.$client
    .prepare(
      "SELECT DISTINCT ds.article_id FROM developments d JOIN development_sources ds ON ds.development_id = d.id WHERE d.country_a = ? AND d.country_b = ?",
    )
    .pluck()
    .all(a, b) as number[];
}

/**
 * Sentences matching `match` (an FTS5 expression built by buildMatchExpression: quoted terms
 * only) within `articleIds`, best first. Each article is searched as its own rowid range, so the
 * cost follows the pair's articles, not the size of the index. At most `limit` hits.
 */
export function searchSentences(db: Db, match: string, articleIds: readonly number[], limit = 50): SentenceHit[] {
  if (!articleIds.length) return [];
  const stmt = db.$client.prepare(
    "SELECT article_id AS articleId, start, len, bm25(article_sentences) AS bm25 FROM article_sentences WHERE article_sentences MATCH ? AND rowid BETWEEN ? AND ?",
  );
  const hits: SentenceHit[] = [];
  for (const id of articleIds) {
    const base = id * SENTENCE_SLOTS;
    for (const r of stmt.all(match, base, base + SENTENCE_SLOTS - 1) as SentenceHit[]) hits.push(r);
  }
  hits.sort((x, y) => x.bm25 - y.bm25);
  return hits.slice(0, limit);
}
