import { describe, expect, it } from "vitest";
import { gunzipSync, gzipSync } from "node:zlib";
import {
  addArticleAliases,
  countArticles,
  findArticleIdByContentHash,
  findArticleIdByGuid,
  findArticleIdByUrl,
  getRawPage,
  insertArticle,
  listArticleAliases,
} from "../../src/db/articles.repo.ts";
import { insertSource } from "../../src/db/sources.repo.ts";
import { testDb } from "../helpers/db.ts";

const at = "2026-03-01T10:00:00.000Z";
const article = (url: string, extra: Record<string, unknown> = {}) => ({
  canonicalUrl: url,
  guid: null,
  sourceId: null,
  outlet: "X",
  title: "T",
  language: "en",
  text: "Body",
  captions: [],
  publishedAt: null,
  publishedPrecision: null,
  publishedSource: null,
  fetchedAt: at,
  contentHash: "h-" + url,
  ...extra,
});
const raw = { url: "https://x.example/a", contentType: "text/html", charset: "utf-8", body: gzipSync("<p>Body</p>"), fetchedAt: at };

describe("articles.repo", () => {
  it("writes article, raw page and aliases together and finds it by any URL", () => {
    const db = testDb();
    const id = insertArticle(db, { article: article("https://x.example/a"), raw, aliases: ["https://x.example/a?x=1", "https://x.example/a"] });
    expect(findArticleIdByUrl(db, "https://x.example/a")).toBe(id);
    expect(findArticleIdByUrl(db, "https://x.example/a?x=1")).toBe(id);
    expect(listArticleAliases(db, id)).toEqual(["https://x.example/a?x=1"]);
    expect(gunzipSync(getRawPage(db, id)!.body).toString()).toBe("<p>Body</p>");
    expect(findArticleIdByContentHash(db, "h-https://x.example/a")).toBe(id);
  });

  it("rolls the whole article back when a part fails (no half article)", () => {
    const db = testDb();
    insertArticle(db, { article: article("https://x.example/a"), raw, aliases: [] });
    // the same canonical URL violates the unique index inside the transaction
    expect(() => insertArticle(db, { article: article("https://x.example/a", { contentHash: "other" }), raw, aliases: ["https://x.example/b"] })).toThrow();
    expect(countArticles(db)).toBe(1);
    expect(findArticleIdByUrl(db, "https://x.example/b")).toBeNull();
    expect((db.$client.prepare("select count(*) n from raw_pages").get() as { n: number }).n).toBe(1);
  });

  it("matches plain GUIDs within their source and URL GUIDs everywhere", () => {
    const db = testDb();
    const s1 = insertSource(db, { kind: "feed", url: "https://a.example/rss", now: new Date(at) });
    const s2 = insertSource(db, { kind: "feed", url: "https://b.example/rss", now: new Date(at) });
    const id = insertArticle(db, { article: article("https://a.example/1", { guid: "123", sourceId: s1.id }), raw, aliases: [] });
    const id2 = insertArticle(db, { article: article("https://a.example/2", { guid: "https://a.example/?p=2", sourceId: s1.id }), raw, aliases: [] });
    expect(findArticleIdByGuid(db, "123", s1.id)).toBe(id);
    expect(findArticleIdByGuid(db, "123", s2.id)).toBeNull();
    expect(findArticleIdByGuid(db, "https://a.example/?p=2", s2.id)).toBe(id2);
  });

  it("adds aliases once and never shadows a canonical URL", () => {
    const db = testDb();
    const a = insertArticle(db, { article: article("https://x.example/a"), raw, aliases: [] });
    const b = insertArticle(db, { article: article("https://x.example/b"), raw, aliases: [] });
    expect(addArticleAliases(db, a, ["https://m.x.example/a", "https://m.x.example/a", "https://x.example/b"])).toBe(1);
    expect(addArticleAliases(db, b, ["https://m.x.example/a"])).toBe(0);
    expect(findArticleIdByUrl(db, "https://m.x.example/a")).toBe(a);
  });
});
