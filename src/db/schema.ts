/**
 * All tables. Migrations are generated from this file by drizzle-kit (`npm run db:generate`)
 * into migrations/ and applied at start by db/client.ts. Times are ISO-8601 UTC strings;
 * calendar dates of developments are `YYYY-MM-DD` strings with a precision beside them.
 */
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Where articles come from, with the state of polite fetching. */
export const sources = sqliteTable(
  "sources",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** feed (RSS/Atom/JSON Feed), page (one article URL), file, folder */
    kind: text("kind", { enum: ["feed", "page", "file", "folder"] }).notNull(),
    /** http(s) URL, or file:// URL for local files and folders */
    url: text("url").notNull(),
    name: text("name"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    etag: text("etag"),
    lastModified: text("last_modified"),
    lastAttemptAt: text("last_attempt_at"),
    lastSuccessAt: text("last_success_at"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    nextAttemptAt: text("next_attempt_at"),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull(),
    /**
     * the bundled sample articles (fiction written for the demo): their articles' outlets are
     * labelled "(sample)" by a trigger, so nobody mistakes them for news
     */
    sample: integer("sample", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("sources_url_unique").on(t.url)],
);

/** One article, once: the canonical URL is unique and the content hash catches the same text elsewhere. */
export const articles = sqliteTable(
  "articles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    canonicalUrl: text("canonical_url").notNull(),
    guid: text("guid"),
    sourceId: integer("source_id").references(() => sources.id, { onDelete: "set null" }),
    outlet: text("outlet"),
    title: text("title").notNull(),
    language: text("language"),
    /** NFC body text, paragraphs separated by blank lines */
    text: text("text").notNull(),
    /** JSON array of photo captions, kept apart from the body */
    captions: text("captions", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** ISO date-time or date of publication; null when nothing tells */
    publishedAt: text("published_at"),
    publishedPrecision: text("published_precision", { enum: ["minute", "day", "month", "year"] }),
    publishedSource: text("published_source", {
      enum: ["feed", "page_metadata", "byline", "text_header", "inferred"],
    }),
    fetchedAt: text("fetched_at").notNull(),
    contentHash: text("content_hash").notNull(),
    /** analyzer version that last analyzed this article; null = pending */
    analyzedVersion: text("analyzed_version"),
    analyzedAt: text("analyzed_at"),
  },
  (t) => [
    uniqueIndex("articles_canonical_url_unique").on(t.canonicalUrl),
    index("articles_content_hash_idx").on(t.contentHash),
    index("articles_guid_idx").on(t.guid),
    index("articles_source_idx").on(t.sourceId),
    index("articles_analyzed_idx").on(t.analyzedVersion),
  ],
);

/** Other URLs (feed links, tracking variants, mirrors) under which an article was seen. */
export const articleUrls = sqliteTable(
  "article_urls",
  {
    url: text("url").primaryKey(),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
  },
  (t) => [index("article_urls_article_idx").on(t.articleId)],
);

/** The page as fetched (gzip), so an article can be re-extracted without refetching. */
export const rawPages = sqliteTable("raw_pages", {
  articleId: integer("article_id")
    .primaryKey()
    .references(() => articles.id, { onDelete: "cascade" }),
  url: text("url").notNull(),
  contentType: text("content_type"),
  charset: text("charset"),
  body: blob("body", { mode: "buffer" }).notNull(),
  fetchedAt: text("fetched_at").notNull(),
});

/** One execution of the ingest job, with its counts. */
export const ingestRuns = sqliteTable("ingest_runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  startedAt: text("started_at").notNull(),
  finishedAt: text("finished_at"),
  status: text("status", { enum: ["running", "ok", "partial", "failed", "abandoned"] }).notNull(),
  trigger: text("trigger").notNull().default("manual"),
  sources: integer("sources").notNull().default(0),
  newArticles: integer("new_articles").notNull().default(0),
  unchanged: integer("unchanged").notNull().default(0),
  skipped: integer("skipped").notNull().default(0),
  failed: integer("failed").notNull().default(0),
});

/** Every failure of a source or item, with the reason, so nothing fails silently. */
export const ingestErrors = sqliteTable(
  "ingest_errors",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id").references(() => ingestRuns.id, { onDelete: "cascade" }),
    sourceId: integer("source_id").references(() => sources.id, { onDelete: "set null" }),
    url: text("url"),
    reason: text("reason").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("ingest_errors_run_idx").on(t.runId)],
);

/**
 * Pages whose extraction was refused for a limit (too deep, too slow, out of memory): the next
 * run skips the same page (same URL, same text) instead of spending the limit on it again.
 */
export const refusedPages = sqliteTable("refused_pages", {
  url: text("url").primaryKey(),
  /** sha256 of the page's decoded text: a changed page is tried again */
  textHash: text("text_hash").notNull(),
  reason: text("reason").notNull(),
  at: text("at").notNull(),
});

/** Named leases so that two processes on one database never run the same job at once. */
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: text("expires_at").notNull(),
});

/**
 * A development as the timeline shows it: one real-world event, possibly reported by many
 * articles. `countryA` < `countryB` (ISO alpha-2), so a pair has one spelling.
 */
export const developments = sqliteTable(
  "developments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    countryA: text("country_a").notNull(),
    countryB: text("country_b").notNull(),
    type: text("type", {
      enum: ["visit", "talks", "exercise", "patrol", "agreement", "arms", "training", "pledge"],
    }).notNull(),
    status: text("status", { enum: ["held", "announced", "planned"] }).notNull(),
    /** YYYY-MM-DD, first day covered */
    dateStart: text("date_start").notNull(),
    /** YYYY-MM-DD, last day covered */
    dateEnd: text("date_end").notNull(),
    datePrecision: text("date_precision", { enum: ["day", "month", "year"] }).notNull(),
    dateCertain: integer("date_certain", { mode: "boolean" }).notNull(),
    summary: text("summary").notNull(),
    evidence: text("evidence").notNull(),
    evidenceLang: text("evidence_lang").notNull(),
    /** JSON: actors and places the cluster knows, used to merge later reports */
    actors: text("actors", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    places: text("places", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** JSON: descriptors (video, naval, name:…) and the acting/visited country, for merging and summaries */
    details: text("details", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    actorCountry: text("actor_country"),
    destination: text("destination"),
    /** 0..1, how sure the analyzer is; also orders the digest */
    score: real("score").notNull().default(0),
    analyzerVersion: text("analyzer_version").notNull(),
    firstSeenAt: text("first_seen_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("developments_pair_date_idx").on(t.countryA, t.countryB, t.dateStart),
    index("developments_b_idx").on(t.countryB, t.countryA),
    index("developments_first_seen_idx").on(t.firstSeenAt),
  ],
);

/** Which articles report a development, with the evidence span in each. */
export const developmentSources = sqliteTable(
  "development_sources",
  {
    developmentId: integer("development_id")
      .notNull()
      .references(() => developments.id, { onDelete: "cascade" }),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    /** the article-level extraction as JSON (type, date, actors, rule …) for re-clustering and explain */
    extraction: text("extraction", { mode: "json" }).notNull(),
    sentence: text("sentence").notNull(),
    spanStart: integer("span_start").notNull(),
    spanEnd: integer("span_end").notNull(),
    isCaption: integer("is_caption", { mode: "boolean" }).notNull().default(false),
    addedAt: text("added_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.developmentId, t.articleId, t.spanStart] }),
    index("development_sources_article_idx").on(t.articleId),
  ],
);

/** Pairs a channel watches for its weekly digest, and whether it also wants an alert per new development. */
export const watches = sqliteTable(
  "watches",
  {
    channel: text("channel").notNull(),
    countryA: text("country_a").notNull(),
    countryB: text("country_b").notNull(),
    createdBy: text("created_by"),
    createdAt: text("created_at").notNull(),
    /** `/relations watch a b alerts`: the channel gets a short message for each new development of the pair */
    alerts: integer("alerts", { mode: "boolean" }).notNull().default(false),
    /** when alerts were turned on: only developments first seen since then are alerted (no flood of history) */
    alertsSince: text("alerts_since"),
  },
  (t) => [primaryKey({ columns: [t.channel, t.countryA, t.countryB] })],
);

/** A channel's settings: the language its answers are in (`/relations lang vi|en`); no row = each command's own language. */
export const channelSettings = sqliteTable("channel_settings", {
  channel: text("channel").primaryKey(),
  lang: text("lang", { enum: ["en", "vi"] }).notNull(),
  updatedBy: text("updated_by"),
  updatedAt: text("updated_at").notNull(),
});

/**
 * One digest per (channel, period): the row is claimed before posting and completed after. Alerts
 * reuse the same claim with the message key as the period (`alert-…`, `burst-…`; see `alerts`).
 */
export const digests = sqliteTable(
  "digests",
  {
    channel: text("channel").notNull(),
    /** ISO week, e.g. 2024-W42 */
    period: text("period").notNull(),
    status: text("status", { enum: ["claimed", "posting", "posted", "skipped", "failed"] }).notNull(),
    claimedBy: text("claimed_by"),
    claimedAt: text("claimed_at"),
    /** Slack ts of the parent message once posted */
    ts: text("ts"),
    /** a marker placed in the message so a crash between post and record can be recovered */
    nonce: text("nonce"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    postedAt: text("posted_at"),
  },
  (t) => [primaryKey({ columns: [t.channel, t.period] })],
);

/**
 * Which developments a channel was alerted to, and in which message (issue 13). A row is written
 * in the same IMMEDIATE transaction that picks the development, so of two processes one assigns it;
 * the message itself is posted exactly once through a `digests` claim whose period is the message
 * key (`alert-<id>`, or `burst-<first id>` for a burst), with the digest's rules. No foreign key:
 * the row outlives a re-analysis that rebuilds the development under a new id, and its pair, type
 * and date keep that rebuilt development from being alerted again.
 */
export const alerts = sqliteTable(
  "alerts",
  {
    channel: text("channel").notNull(),
    developmentId: integer("development_id").notNull(),
    countryA: text("country_a").notNull(),
    countryB: text("country_b").notNull(),
    type: text("type").notNull(),
    dateStart: text("date_start").notNull(),
    /** the `digests.period` of the claim that posts it */
    messageKey: text("message_key").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.channel, t.developmentId] }),
    index("alerts_message_idx").on(t.channel, t.messageKey),
    index("alerts_signature_idx").on(t.channel, t.countryA, t.countryB, t.type, t.dateStart),
  ],
);

/** Each digest run and its outcome. */
export const digestRuns = sqliteTable("digest_runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  channel: text("channel").notNull(),
  period: text("period").notNull(),
  startedAt: text("started_at").notNull(),
  finishedAt: text("finished_at"),
  outcome: text("outcome").notNull(),
  detail: text("detail"),
});

/** What each message the bot posted in a channel was about, so thread replies know their context. */
export const botMessages = sqliteTable(
  "bot_messages",
  {
    channel: text("channel").notNull(),
    ts: text("ts").notNull(),
    kind: text("kind", { enum: ["timeline", "digest", "digest_pair", "answer", "alert"] }).notNull(),
    countryA: text("country_a"),
    countryB: text("country_b"),
    since: text("since"),
    until: text("until"),
    typeFilter: text("type_filter"),
    /** for "more": the oldest development date already shown */
    cursor: text("cursor"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.ts] })],
);

/** Slack event ids already handled (Slack retries slow deliveries). */
export const processedEvents = sqliteTable("processed_events", {
  eventId: text("event_id").primaryKey(),
  at: text("at").notNull(),
});
