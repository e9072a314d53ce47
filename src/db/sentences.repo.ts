/**
 * The full-text index of article sentences (migrations 0002/0003): `article_sentence_rows` holds
 * each sentence folded like the analyzer matches (id = article_id * 4096 + index), the FTS5 table
 * `article_sentences` indexes it. Here:
 * indexing an article, the backfill of articles stored before the index, and the search behind
 * follow-up questions restricted to a pair's source articles.
 *
 * The search runs FTS5 MATCH (ranked by FTS5's bm25) when the question's terms are selective
 * enough that their doclists are small. When they are very common (every article of a corpus says
 * "tập trận"), a MATCH reads doclists as long as the corpus, and FTS5 cannot seek them to a few
 * articles; then bm25 is computed over the candidate articles' sentences, read by id range (a
 * bounded MATCH tells the two cases apart).
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
 * Indexes the next `batch` articles not indexed yet (ids above `after`) in one transaction.
 * Returns their ids (empty when none is left).
 */
function indexNextBatch(db: Db, batch: number, after: number): number[] {
  const get = db.$client.prepare("SELECT id, title, text, content_hash AS contentHash FROM articles WHERE id = ?");
  const ids = listUnindexedArticleIds(db, batch, after);
  if (!ids.length) return ids;
  db.$client.transaction(() => {
    for (const id of ids) {
      const a = get.get(id) as IndexableArticle | undefined;
      if (a) indexArticleSentences(db, a);
    }
  })();
  return ids;
}

/**
 * Indexes every article that is not indexed yet (stored before the index existed, or whose text
 * changed), in transactions of `batch`. Returns how many were indexed.
 */
export function backfillSentenceIndex(db: Db, opts: { batch?: number; onProgress?: (done: number) => void } = {}): number {
  let done = 0;
  for (let after = 0; ; ) {
    const ids = indexNextBatch(db, opts.batch ?? 500, after);
    if (!ids.length) return done;
    after = ids[ids.length - 1]!;
    done += ids.length;
    opts.onProgress?.(done);
  }
}

/**
 * backfillSentenceIndex in small batches with a turn of the event loop between them, so a large
 * backfill (the first start after the index was added: ~0.5 ms an article) never holds up Slack's
 * 3-second acknowledgements. Stops early when `isStopping()` says so. Resolves with the count.
 */
export async function backfillSentenceIndexInBackground(db: Db, opts: { batch?: number; isStopping?: () => boolean; onProgress?: (done: number) => void } = {}): Promise<number> {
  let done = 0;
  for (let after = 0; ; ) {
    if (opts.isStopping?.() || !db.$client.open) return done;
    const ids = indexNextBatch(db, opts.batch ?? 100, after);
    if (!ids.length) return done;
    after = ids[ids.length - 1]!;
    done += ids.length;
    opts.onProgress?.(done);
    await new Promise<void>((r) => setImmediate(r));
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

/** A search term: folded words (a phrase when several), the last one a prefix when `prefix`; `forms` are alternatives counted as this one term. */
export interface SearchTerm {
  text: string;
  prefix: boolean;
  forms?: string[];
}

/** Above this many matching sentences in the whole index, the MATCH path reads too much; see the file comment. */
export const MATCH_ROW_BUDGET = 2_000;

const K1 = 1.2;
const B = 0.75;

/**
 * Sentences of `articleIds` matching `terms`, best first, at most `limit`. `match` is the FTS5
 * expression for the same terms (quoted, from buildMatchExpression): user text reaches FTS5
 * only through it. A bounded MATCH first counts the matching sentences (up to `matchBudget`,
 * moved in tests): when they are few, FTS5 ranks them (bm25) and those of `articleIds` are kept;
 * when they are many, bm25 is computed over the articles' own sentences instead (idf within
 * them). Scores are comparable within one call, which is how the answerer uses them.
 */
export function searchSentences(db: Db, match: string, terms: readonly SearchTerm[], articleIds: readonly number[], limit = 50, matchBudget = MATCH_ROW_BUDGET): SentenceHit[] {
  if (!articleIds.length || !terms.length) return [];
  const c = db.$client;
  // How selective is it? Counted on the single words (phrases need position lists, dearer to
  // read); a phrase never matches more sentences than its words do.
  const words = [...new Set(terms.flatMap((t) => (t.forms ?? [t.text]).flatMap((f) => f.split(/[^\p{L}\p{N}]+/u)).filter(Boolean).map((w) => ({ text: w, prefix: t.prefix }))).map((w) => JSON.stringify(w)))].map((w) => JSON.parse(w) as SearchTerm);
  const probe = buildWordsMatch(words);
  if (!probe) return [];
  const seen = c.prepare("SELECT count(*) FROM (SELECT rowid FROM article_sentences WHERE article_sentences MATCH ? LIMIT ?)").pluck().get(probe, matchBudget + 1) as number;
  if (seen === 0) return [];
  let hits: SentenceHit[];
  if (seen <= matchBudget) {
    const wanted = new Set(articleIds);
    hits = [];
    const rows = c
      .prepare("SELECT rowid AS id, bm25(article_sentences) AS bm25 FROM article_sentences WHERE article_sentences MATCH ?")
      .all(match) as { id: number; bm25: number }[];
    const get = c.prepare("SELECT article_id AS articleId, start, len FROM article_sentence_rows WHERE id = ?");
    for (const r of rows) {
      if (!wanted.has(Math.floor(r.id / SENTENCE_SLOTS))) continue;
      const row = get.get(r.id) as { articleId: number; start: number; len: number } | undefined;
      if (row) hits.push({ ...row, bm25: r.bm25 });
    }
  } else {
    hits = scoreArticles(db, terms, articleIds);
  }
  hits.sort((x, y) => x.bm25 - y.bm25);
  return hits.slice(0, limit);
}

/** bm25 over the articles' sentences, read by id range, idf within them (negated, as FTS5 reports it). */
function scoreArticles(db: Db, terms: readonly SearchTerm[], articleIds: readonly number[]): SentenceHit[] {
  const get = db.$client.prepare("SELECT start, len, folded FROM article_sentence_rows WHERE id BETWEEN ? AND ?");
  // one-word alternatives are found by a map lookup per token; phrases are checked where their first word is
  const single = new Map<string, number[]>();
  const phrases: { words: string[]; term: number }[] = [];
  const prefixed: { word: string; term: number }[] = [];
  terms.forEach((t, i) => {
    for (const f of t.forms ?? [t.text]) {
      const ws = tokenize(f);
      if (!ws.length) continue;
      if (ws.length > 1) phrases.push({ words: ws, term: i });
      else if (t.prefix) prefixed.push({ word: ws[0]!, term: i });
      else (single.get(ws[0]!) ?? single.set(ws[0]!, []).get(ws[0]!)!).push(i);
    }
  });
  const rows: { articleId: number; start: number; len: number; dl: number; tf: number[] }[] = [];
  const df = terms.map(() => 0);
  let totalLen = 0;
  for (const id of articleIds) {
    const base = id * SENTENCE_SLOTS;
    for (const r of get.all(base, base + SENTENCE_SLOTS - 1) as { start: number; len: number; folded: string }[]) {
      const tokens = tokenize(r.folded);
      totalLen += tokens.length;
      const tf = terms.map(() => 0);
      for (let k = 0; k < tokens.length; k++) {
        const tok = tokens[k]!;
        const hit = single.get(tok);
        if (hit) for (const i of hit) tf[i]!++;
        for (const p of prefixed) if (tok.startsWith(p.word)) tf[p.term]!++;
        for (const p of phrases) if (p.words[0] === tok && p.words.every((w, j) => tokens[k + j] === w)) tf[p.term]!++;
      }
      tf.forEach((n, i) => n && df[i]!++);
      rows.push({ articleId: id, start: r.start, len: r.len, dl: tokens.length, tf });
    }
  }
  const n = rows.length;
  const avgdl = n ? totalLen / n : 1;
  const idf = df.map((d) => Math.max(1e-6, Math.log((n - d + 0.5) / (d + 0.5))));
  const hits: SentenceHit[] = [];
  for (const r of rows) {
    let score = 0;
    r.tf.forEach((tf, i) => {
      if (tf) score += idf[i]! * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * r.dl) / avgdl)));
    });
    if (score > 0) hits.push({ articleId: r.articleId, start: r.start, len: r.len, bm25: -score });
  }
  return hits;
}

// Folded text is mostly ASCII: split on ASCII separators first (fast), and on any other
// non-letter only when a token still holds one — as unicode61 tokenizes.
const ASCII_SEP = /[\s!-\/:-@\[-`{-~]+/;
const NON_WORD = /[^\p{L}\p{N}]/u;
function tokenize(s: string): string[] {
  const out: string[] = [];
  for (const t of s.split(ASCII_SEP)) {
    if (!t) continue;
    if (NON_WORD.test(t)) {
      for (const u of t.split(/[^\p{L}\p{N}]+/u)) if (u) out.push(u);
    } else out.push(t);
  }
  return out;
}

/** An OR of quoted words for the selectivity probe. */
function buildWordsMatch(words: SearchTerm[]): string | null {
  const parts = words.map((w) => `"${w.text.replace(/"/g, '""')}"${w.prefix ? " *" : ""}`);
  return parts.length ? parts.join(" OR ") : null;
}
