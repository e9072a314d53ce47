/**
 * Follow-up answers on a real in-memory database: English and Vietnamese questions of every kind,
 * the pair restriction, "nothing found", hostile FTS5 syntax, and the sentence index itself.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { buildMatchExpression, createQuestionParser, quoteFtsTerm, type QuestionParser } from "../../src/analyze/question.ts";
import type { Db } from "../../src/db/client.ts";
import { backfillSentenceIndex, backfillSentenceIndexInBackground, indexArticleSentences, listUnindexedArticleIds, searchSentences as searchWith, type SearchTerm } from "../../src/db/sentences.repo.ts";
import { buildAnswer, type AnswerContext } from "../../src/services/answer.ts";
import { testDb } from "../helpers/db.ts";
import { seedAnswerData } from "./answer-seed.ts";

const clock = () => new Date("2025-01-15T03:00:00Z");
let parser: QuestionParser;
let db: Db;
let ids: ReturnType<typeof seedAnswerData>;

beforeAll(() => {
  parser = createQuestionParser(loadGazetteer());
  db = testDb();
  ids = seedAnswerData(db);
});

/** Searches `terms` (as the answerer does: the quoted MATCH expression and the same terms). */
const search = (d: Db, terms: SearchTerm[], articleIds: number[]) => searchWith(d, buildMatchExpression(terms)!, terms, articleIds);
const CN_RU: AnswerContext = { pair: { a: "CN", b: "RU" } };
const BY_CN: AnswerContext = { pair: { a: "BY", b: "CN" } };
const ask = (ctx: AnswerContext, q: string) => buildAnswer({ db, parser, clock }, ctx, q);
const topKeys = (ctx: AnswerContext, q: string) => {
  const byId = new Map(Object.entries(ids.dev).map(([k, v]) => [v, k]));
  return ask(ctx, q).items.map((it) => byId.get(it.developmentId));
};

describe("questions in English and Vietnamese find the right development first", () => {
  it.each([
    ["when, latest exercise (en)", CN_RU, "When did they last hold exercises?", "navy2024"],
    ["when, latest exercise (vi)", CN_RU, "lần cuối tập trận chung là khi nào?", "navy2024"],
    ["when, latest exercise (vi without diacritics)", CN_RU, "lan cuoi tap tran chung la khi nao?", "navy2024"],
    ["when, patrol (en)", CN_RU, "When was their most recent joint patrol?", "patrol2024"],
    ["who, place (en)", BY_CN, "Who met in Minsk?", "minsk"],
    ["who, place (vi)", BY_CN, "ai đã gặp ai ở Minsk?", "minsk"],
    ["who, person and place in another language", CN_RU, "Who did Belousov meet in Beijing?", "belousov"],
    ["what, month (en)", BY_CN, "What was agreed in March 2023?", "statement"],
    ["what, month (vi)", BY_CN, "tháng 3/2023 hai bên đã thỏa thuận gì?", "statement"],
    ["whether, arms (en)", BY_CN, "Any arms deals?", "vehicles"],
    ["whether, arms (vi)", BY_CN, "Có mua bán vũ khí không?", "vehicles"],
    ["sources, naval drill", CN_RU, "Sources for the naval drill?", "navy2024"],
    ["slice, year (en)", CN_RU, "What about 2023?", "north2023"],
    ["slice, year (vi)", CN_RU, "còn năm 2023 thì sao?", "north2023"],
    ["before a year", CN_RU, "Before 2024, when did they hold an exercise?", "north2023"],
    ["full-text words only", CN_RU, "anything about strategic bombers?", "patrol2024"],
    ["Vietnamese full text with đ folded", CN_RU, "Đổng Quân đã hội đàm với ai?", "belousov"],
  ])("%s", (_name, ctx, q, want) => {
    expect(topKeys(ctx, q)[0]).toBe(want);
  });

  it("gives 1–3 items, each with date, English summary, original-language quote and an http(s) link", () => {
    const a = ask(CN_RU, "ai đã gặp ai ở Bắc Kinh hồi tháng 10/2024?");
    expect(a.items.length).toBeGreaterThanOrEqual(1);
    expect(a.items.length).toBeLessThanOrEqual(3);
    const it0 = a.items[0]!;
    expect(it0).toMatchObject({ type: "visit", dateStart: "2024-10-14", datePrecision: "day" });
    expect(it0.summary).toMatch(/Belousov visited Beijing/);
    expect(it0.quote).toMatchObject({ lang: "vi" });
    expect(it0.quote!.text).toContain("Bắc Kinh");
    expect(it0.sources[0]).toMatchObject({ url: "https://qdnd.example.vn/quoc-te/belousov-bac-kinh", outlet: "Quân đội nhân dân" });
  });

  it("links only http(s) sources, and still quotes the others", () => {
    const a = ask(BY_CN, "What talks did they hold in January 2021?");
    expect(a.items[0]?.summary).toBe("China and Belarus held defense talks.");
    expect(a.items[0]?.sources).toEqual([]);
    // the words of a source without a web link are still quoted
    expect(a.items[0]?.quote?.text).toBe("China and Belarus held defense talks in Beijing in January 2021.");
  });
});

describe("never a source not about the thread's pair, never an invented fact", () => {
  it.each([
    ["a type the pair never had (another pair did)", BY_CN, "Did China and Belarus run any joint patrols?", "patrols"],
    ["a type the pair never had (vi)", BY_CN, "Trung Quốc và Belarus có tuần tra chung không?", "patrols"],
    ["a year with nothing", BY_CN, "What about 2019?", "anything in 2019"],
    ["a type in a year with nothing", CN_RU, "any exercises in 2022?", "exercises in 2022"],
  ])("%s → nothing found", (_name, ctx, q, about) => {
    const a = ask(ctx, q);
    expect(a.items).toEqual([]);
    expect(a.nothingAbout).toBe(about);
  });

  it("cites only articles reporting developments of the pair", () => {
    const pairArticles = new Set([ids.article.minsk, ids.article.statement, ids.article.eagle, ids.article.vehicles, ids.article.unsafe]);
    for (const q of ["any patrols or exercises?", "border patrol", "What about 2024?", "Kazakhstan", "sources?"]) {
      for (const it of ask(BY_CN, q).items) for (const s of it.sources) expect(pairArticles.has(s.articleId)).toBe(true);
    }
  });

  it("a thread without a pair asks for one", () => {
    expect(ask({ pair: null }, "any exercises?").needsPair).toBe(true);
  });
});

describe("more and switch of pair", () => {
  it("'more' gives the next older developments after the thread's cursor, and a cursor to go on", () => {
    const first = ask({ ...CN_RU, cursor: `2024-09-10:${ids.dev.navy2024}` }, "more");
    expect(first.items.map((i) => i.developmentId)).toEqual([ids.dev.patrol2024, ids.dev.north2023]);
    expect(first.cursor).toBe(`2023-07-01:${ids.dev.north2023}`);
    const next = ask({ ...CN_RU, cursor: first.cursor }, "xem thêm");
    expect(next.items).toEqual([]);
    expect(next.nothingAbout).toBe("anything older");
  });

  it("'more' keeps the thread's type filter", () => {
    const a = ask({ ...CN_RU, type: "exercise", cursor: `2024-09-10:${ids.dev.navy2024}` }, "more");
    expect(a.items.map((i) => i.developmentId)).toEqual([ids.dev.north2023]);
  });

  it.each([
    ["and China–Russia?", { a: "CN", b: "RU" }, ids => ids.dev.belousov],
    ["còn Nga – Triều Tiên thì sao?", { a: "KP", b: "RU" }, ids => ids.dev.treaty],
    ["and north korea russia?", { a: "KP", b: "RU" }, ids => ids.dev.treaty],
    ["con nga trieu tien thi sao", { a: "KP", b: "RU" }, ids => ids.dev.treaty],
  ] as [string, { a: string; b: string }, (i: typeof ids) => number][])("%s switches the pair", (q, pair, newest) => {
    const a = ask(BY_CN, q);
    expect(a.question.kind).toBe("switch");
    expect(a.pair).toEqual(pair);
    expect(a.items[0]!.developmentId).toBe(newest(ids));
  });

  it("naming the thread's own pair is not a switch", () => {
    expect(ask(BY_CN, "Did China and Belarus hold exercises?").pair).toEqual({ a: "BY", b: "CN" });
  });
});

describe("hostile FTS5 syntax never breaks the search", () => {
  it.each([
    ['"NEAR('],
    ["a OR"],
    ["*"],
    ["^"],
    ["-x"],
    ['exercise" OR "'],
    ['"""'],
    ["NOT exercise"],
    ["AND OR NOT"],
    ["folded:exercise"],
    ["(((drill"],
    ["{folded article_id}: drill"],
    ["drill*"],
    ["NEAR(drill patrol, 2)"],
    ["\u0000\u0001 drill"],
    ["'; DROP TABLE articles; --"],
  ])("%j", (q) => {
    expect(() => ask(CN_RU, q)).not.toThrow();
    const a = ask(CN_RU, q);
    expect(a.items.length + (a.nothingAbout ? 1 : 0)).toBeGreaterThan(0);
  });

  it.each([
    ["plain word", "drill", '"drill"'],
    ["inner quote", 'say "hi', '"say hi"'],
    ["operator word", "OR", '"OR"'],
    ["NEAR call", "NEAR(", '"NEAR"'],
    ["only punctuation", "*^-()", null],
  ])("quoteFtsTerm: %s", (_n, input, want) => {
    expect(quoteFtsTerm(input)).toBe(want);
  });

  it("a MATCH built from hostile terms runs", () => {
    const terms = [{ text: '"NEAR(', prefix: false }, { text: "a OR", prefix: false }, { text: "exercis", prefix: true }];
    const m = buildMatchExpression(terms);
    expect(m).toBe('"NEAR" OR "a OR" OR "exercis" *');
    expect(search(db, terms, [ids.article.navy2024!]).length).toBeGreaterThan(0);
  });
});

describe("the sentence index", () => {
  it("folds diacritics and đ, so 'dong quan' finds 'Đổng Quân'", () => {
    const hits = search(db, [{ text: "dong quan", prefix: false }], Object.values(ids.article));
    expect(hits.map((h) => h.articleId)).toEqual([ids.article.belousov]);
  });

  it("restricts a search to the articles given", () => {
    const t = [{ text: "patrol", prefix: false }];
    expect(search(db, t, [ids.article.kazakh!]).map((h) => h.articleId)).toEqual([ids.article.kazakh, ids.article.kazakh]); // title and body
    expect(search(db, t, [ids.article.minsk!])).toEqual([]);
  });

  it("ranks the same with FTS5 MATCH and with the bm25 over candidate sentences used for very common terms", () => {
    const d = testDb();
    const arts = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`a${i}`, { url: `https://x.example/${i}`, outlet: "X", title: `Report ${i}`, language: "en" as const, publishedAt: "2024-01-01T00:00:00Z", text: i % 3 === 0 ? `Naval drill number ${i} near the coast. Officers met.` : `Officers met in the capital ${i}. Nothing else.` }]),
    );
    const { article } = seedAnswerData(d, arts, []);
    const terms = [{ text: "naval", prefix: false }, { text: "drill", prefix: false }, { text: "coa", prefix: true }];
    const some = Object.values(article).slice(0, 12);
    const viaMatch = searchWith(d, buildMatchExpression(terms)!, terms, some);
    const viaScan = searchWith(d, buildMatchExpression(terms)!, terms, some, 50, 0);
    expect(viaMatch.map((h) => [h.articleId, h.start])).toEqual(viaScan.map((h) => [h.articleId, h.start]));
    expect(viaMatch.length).toBe(4);
  });

  it("reindexing replaces an article's rows; deleting the article removes them", () => {
    const d = testDb();
    const { article } = seedAnswerData(d);
    const id = article.eagle!;
    const t = [{ text: "brest", prefix: false }];
    expect(search(d, t, [id]).length).toBe(2); // title and body
    indexArticleSentences(d, { id, title: "New title", text: "Nothing about that town any more.", contentHash: "x" });
    expect(search(d, t, [id])).toEqual([]);
    indexArticleSentences(d, { id, title: "Brest", text: "One. Two.", contentHash: "y" });
    expect(search(d, t, [id]).length).toBe(1);
    d.$client.prepare("DELETE FROM development_sources WHERE article_id = ?").run(id);
    d.$client.prepare("DELETE FROM articles WHERE id = ?").run(id);
    expect(d.$client.prepare("SELECT count(*) FROM article_sentence_rows WHERE article_id = ?").pluck().get(id)).toBe(0);
    expect(d.$client.prepare("SELECT count(*) FROM article_sentences WHERE article_sentences MATCH 'brest'").pluck().get()).toBe(0);
  });

  it("the background backfill yields between batches and stops when asked", async () => {
    const d = testDb();
    const { article } = seedAnswerData(d);
    const total = Object.keys(article).length;
    d.$client.prepare("DELETE FROM article_sentences_indexed").run();
    let batches = 0;
    expect(await backfillSentenceIndexInBackground(d, { batch: 2, isStopping: () => batches >= 2, onProgress: () => batches++ })).toBe(4);
    expect(listUnindexedArticleIds(d, 100).length).toBe(total - 4);
    expect(await backfillSentenceIndexInBackground(d, { batch: 3 })).toBe(total - 4);
    expect(listUnindexedArticleIds(d, 100)).toEqual([]);
  });

  it("the backfill indexes articles stored before the index, and those whose text changed", () => {
    const d = testDb();
    const { article } = seedAnswerData(d);
    d.$client.prepare("DELETE FROM article_sentences_indexed").run();
    d.$client.prepare("DELETE FROM article_sentence_rows").run();
    d.$client.prepare("UPDATE articles SET text = 'Eagle Assault moved to Vitebsk.', content_hash = 'changed' WHERE id = ?").run(article.eagle);
    expect(listUnindexedArticleIds(d, 100).length).toBe(Object.keys(article).length);
    expect(backfillSentenceIndex(d, { batch: 3 })).toBe(Object.keys(article).length);
    expect(listUnindexedArticleIds(d, 100)).toEqual([]);
    expect(search(d, [{ text: "vitebsk", prefix: false }], [article.eagle!]).length).toBe(1);
    expect(backfillSentenceIndex(d)).toBe(0);
  });
});
