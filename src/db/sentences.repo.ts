/**
 * The full-text index of article sentences (migrations 0002/0003): `article_sentence_rows` holds
 * each sentence folded like the analyzer matches (id = article_id * 4096 + index), the FTS5 table
 * `article_sentences` indexes it, `article_sentences_vocab` gives document frequencies. Here:
 * indexing an article, the backfill of articles stored before the index, and the search behind
 * follow-up questions restricted to a pair's source articles.
 *
 * The search runs FTS5 MATCH (ranked by FTS5's bm25) when the question's terms are selective
 * enough that their doclists are small. When they are very common (every article of a corpus says
 * "tập trận"), a MATCH reads doclists as long as the corpus, and FTS5 cannot seek them to a few
 * articles; then the same bm25 is computed over the candidate articles' sentences, read by id
 * range, with the document frequencies of the FTS5 index. Both give scores on the same scale.
 */
import { splitSentences } from "../analyze/sentences.ts";
import { fold } from "../lib/text.ts";
import type { Db } from "./client.ts";

/** Rows per article in the id space: id = article_id * SENTENCE_SLOTS + sentence index. */
export const SENTENCE_SLOTS = 4096;

/** The article fields indexing needs. */
export interface IndexableArticle {
  id: number;
  title: string;
  text: string;
  contentHash: string;
}

/**
 * (Re)indexes one article's title (row 0, start -1) and sentences, replacing what was there.
 * Sentences past the 4,095th are not indexed. Returns the number of rows written.
 */
export function indexArticleSentences(db: Db, a: IndexableArticle): number {
  const c = db.$client;
  const base = a.id * SENTENCE_SLOTS;
  c.prepare("DELETE FROM article_sentence_rows WHERE id BETWEEN ? AND ?").run(base, base + SENTENCE_SLOTS - 1);
  const ins = c.prepare("INSERT INTO article_sentence_rows (id, article_id, start, len, folded) VALUES (?, ?, ?, ?, ?)");
  let n = 0;
  if (a.title.trim()) ins.run(base + n++, a.id, -1, a.title.length, fold(a.title));
  for (const s of splitSentences(a.text)) {
    if (n >= SENTENCE_SLOTS) break;
    ins.run(base + n++, a.id, s.start, s.end - s.start, fold(s.text));
  }
  c.prepare(
    "INSERT INTO article_sentences_indexed (article_id, content_hash, sentences) VALUES (?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET content_hash = excluded.content_hash, sentences = excluded.sentences",
  ).run(a.id, a.contentHash, n);
  return n;
}

/** Ids of articles not indexed yet or indexed from another text (content hash changed), oldest first. */
export function listUnindexedArticleIds(db: Db, limit: number, afterId = 0): number[] {
  return db.$client
    .prepare(
      "SELECT a.id FROM articles a LEFT JOIN article_sentences_indexed i ON i.article_id = a.id WHERE a.id > ? AND (i.article_id IS NULL OR i.content_hash <> a.content_hash) ORDER BY a.id LIMIT ?",
    )
    .pluck()
    .all(afterId, limit) as number[];
}

/**
 * Indexes every article that is not indexed yet (stored before the index existed, or whose text
 * changed), in transactions of `batch`. Returns how many were indexed.
 */
export function backfillSentenceIndex(db: Db, opts: { batch?: number; onProgress?: (done: number) => void } = {}): number {
  const batch = opts.batch ?? 500;
  const get = db.$client.prepare("SELECT id, title, text, content_hash AS contentHash FROM articles WHERE id = ?");
  let done = 0;
  let after = 0;
  for (;;) {
    const ids = listUnindexedArticleIds(db, batch, after);
    if (!ids.length) return done;
    db.$client.transaction(() => {
      for (const id of ids) {
        const a = get.get(id) as IndexableArticle | undefined;
        if (a) indexArticleSentences(db, a);
      }
    })();
    after = ids[ids.length - 1]!;
    done += ids.length;
    opts.onProgress?.(done);
  }
}

/** One matching sentence. `start` is -1 for the title. */
export interface SentenceHit {
  articleId: number;
  start: number;
  len: number;
  /** bm25 as FTS5 reports it: lower (more negative) is better */
  bm25: number;
}

/** A search term: folded words (a phrase when several), the last one a prefix when `prefix`. */
export interface SearchTerm {
  text: string;
  prefix: boolean;
}

/** Above this many matching sentences (sum over terms), the MATCH path reads too much; see the file comment. */
export const MATCH_DOC_BUDGET = 5_000;

const K1 = 1.2;
const B = 0.75;

/**
 * Sentences of `articleIds` matching `terms`, best first, at most `limit`. `match` is the FTS5
 * expression for the same terms (quoted, from buildMatchExpression): user text reaches FTS5
 * only through it. `matchBudget` (tests) moves the switch between the two paths.
 */
export function searchSentences(db: Db, match: string, terms: readonly SearchTerm[], articleIds: readonly number[], limit = 50, matchBudget = MATCH_DOC_BUDGET): SentenceHit[] {
  if (!articleIds.length || !terms.length) return [];
  const c = db.$client;
  const stats = termStats(db, terms);
  const total = stats.reduce((n, s) => n + s.df, 0);
  if (total === 0) return [];
  let hits: SentenceHit[];
  if (total <= matchBudget) {
    const wanted = new Set(articleIds);
    hits = [];
    const rows = c
      .prepare("SELECT rowid AS id, bm25(article_sentences) AS bm25 FROM article_sentences WHERE article_sentences MATCH ?")
      .all(match) as { id: number; bm25: number }[];
    if (rows.length) {
      const get = c.prepare("SELECT article_id AS articleId, start, len FROM article_sentence_rows WHERE id = ?");
      for (const r of rows) {
        if (!wanted.has(Math.floor(r.id / SENTENCE_SLOTS))) continue;
        const row = get.get(r.id) as { articleId: number; start: number; len: number } | undefined;
        if (row) hits.push({ ...row, bm25: r.bm25 });
      }
    }
  } else {
    hits = scoreArticles(db, stats, articleIds);
  }
  hits.sort((x, y) => x.bm25 - y.bm25);
  return hits.slice(0, limit);
}

interface TermStat {
  words: string[];
  prefix: boolean;
  df: number;
  idf: number;
}

/** Document frequencies of the terms from the FTS5 index (a phrase: its rarest word), with FTS5's idf. */
function termStats(db: Db, terms: readonly SearchTerm[]): TermStat[] {
  const c = db.$client;
  const n = indexedRowCount(db);
  const exact = c.prepare("SELECT doc FROM article_sentences_vocab WHERE term = ?").pluck();
  const range = c.prepare("SELECT sum(doc) FROM (SELECT doc FROM article_sentences_vocab WHERE term >= ? AND term < ? LIMIT 200)").pluck();
  const out: TermStat[] = [];
  for (const t of terms) {
    const words = t.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!words.length) continue;
    let df = Infinity;
    words.forEach((w, i) => {
      const d = t.prefix && i === words.length - 1 ? ((range.get(w, w + "\uffff") as number | null) ?? 0) : ((exact.get(w) as number | undefined) ?? 0);
      df = Math.min(df, d);
    });
    if (!Number.isFinite(df)) df = 0;
    // FTS5's bm25 idf, floored as FTS5 floors it
    const idf = Math.max(1e-6, Math.log((n - df + 0.5) / (df + 0.5)));
    out.push({ words, prefix: t.prefix, df, idf });
  }
  return out;
}

const rowCounts = new WeakMap<Db, { n: number; at: number }>();

/** Sentences in the index (cached a minute per connection: it only steers idf). */
function indexedRowCount(db: Db): number {
  const now = Date.now();
  const hit = rowCounts.get(db);
  if (hit && now - hit.at < 60_000) return hit.n;
  const n = (db.$client.prepare("SELECT coalesce(sum(sentences), 0) FROM article_sentences_indexed").pluck().get() as number) || 1;
  rowCounts.set(db, { n, at: now });
  return n;
}

/** bm25 over the articles' sentences, read by id range, with the index's idf (negated, as FTS5 reports it). */
function scoreArticles(db: Db, stats: TermStat[], articleIds: readonly number[]): SentenceHit[] {
  const get = db.$client.prepare("SELECT start, len, folded FROM article_sentence_rows WHERE id BETWEEN ? AND ?");
  const rows: { articleId: number; start: number; len: number; tokens: string[] }[] = [];
  let totalLen = 0;
  for (const id of articleIds) {
    const base = id * SENTENCE_SLOTS;
    for (const r of get.all(base, base + SENTENCE_SLOTS - 1) as { start: number; len: number; folded: string }[]) {
      const tokens = r.folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      totalLen += tokens.length;
      rows.push({ articleId: id, start: r.start, len: r.len, tokens });
    }
  }
  const avgdl = rows.length ? totalLen / rows.length : 1;
  const hits: SentenceHit[] = [];
  for (const r of rows) {
    let score = 0;
    for (const t of stats) {
      const tf = countPhrase(r.tokens, t.words, t.prefix);
      if (tf) score += t.idf * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * r.tokens.length) / avgdl)));
    }
    if (score > 0) hits.push({ articleId: r.articleId, start: r.start, len: r.len, bm25: -score });
  }
  return hits;
}

/** Occurrences of the phrase `words` in `tokens` (the last word a prefix when `prefix`). */
function countPhrase(tokens: string[], words: string[], prefix: boolean): number {
  let n = 0;
  const last = words.length - 1;
  outer: for (let i = 0; i + last < tokens.length; i++) {
    for (let j = 0; j <= last; j++) {
      const tok = tokens[i + j]!;
      const w = words[j]!;
      if (j === last && prefix ? !tok.startsWith(w) : tok !== w) continue outer;
    }
    n++;
  }
  return n;
}
