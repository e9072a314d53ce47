/**
 * Ingest once: bring every due source (or the given targets) into the database, each article
 * once, nothing lost. Sources are feeds (RSS/Atom/JSON Feed: each item's page is fetched and
 * extracted), single article pages, local files and folders.
 *
 * Decisions worth knowing:
 * - A target that is not registered is ingested once WITHOUT registering it (no fetch state is
 *   kept; its articles get source_id null). Register with `relations sources add` to poll it.
 * - Before fetching an item's page it is skipped when its canonical link or its GUID is stored.
 *   After extraction, a known canonical URL or a known content hash makes the new URLs aliases.
 * - When an item's page cannot be fetched but the feed carries the full content, that content
 *   is stored instead; the fetch error is still recorded in ingest_errors (not counted failed).
 * - A feed's new ETag / Last-Modified is stored only after its items are done, and not when an
 *   item failed in a way worth retrying (timeout, 5xx, network): a crash half-way or a flaky
 *   item then leads to a full refetch next time, where stored items are skipped at no cost.
 * - A failing source backs off exponentially (15 min × 2^(n-1), at most 24 h); explicit targets
 *   ignore the backoff.
 */
import { promisify } from "node:util";
import { gzip as gzipCb } from "node:zlib";
import { fileURLToPath } from "node:url";
import type { Db } from "../db/client.ts";
import {
  addArticleAliases,
  findArticleIdByContentHash,
  findArticleIdByGuid,
  findArticleIdByUrl,
  insertArticle,
} from "../db/articles.repo.ts";
import { finishRun, recordIngestError, startRun, type RunCounts, type RunStatus } from "../db/ingest-runs.repo.ts";
import {
  getSourceByUrl,
  listDueSources,
  recordSourceFailure,
  recordSourceSuccess,
  type SourceKind,
  type SourceRow,
} from "../db/sources.repo.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";
import { canonicalizeUrl, pickCanonical } from "../ingest/canonical-url.ts";
import { contentHash } from "../ingest/content-hash.ts";
import { ExtractLimitError, extractPage } from "../ingest/extract-page.ts";
import { nonTextReason } from "../ingest/content-sniff.ts";
import { redactCredentials } from "../lib/redact.ts";
import { recordRefusedPage, refusedReason } from "../db/refused-pages.repo.ts";
import { discoverFeedLinks, looksLikeFeed, parseFeed } from "../ingest/feeds.ts";
import { zoneOffsetMinutes } from "../lib/time-zone.ts";
import { fileUrlOf, guessLanguage, isFolder, listLocalFiles, readLocalArticle } from "../ingest/local-files.ts";
import { sourceUrlOf } from "../ingest/source-target.ts";

export { isHttpUrl, sourceUrlOf } from "../ingest/source-target.ts";
import { FetchError, type ExtractedPage, type FeedItem, type Fetcher, type FetchResult, type PageDate } from "../ingest/types.ts";

const gzip = promisify(gzipCb);

/** What ingestOnce needs from the outside world. */
export interface IngestDeps {
  db: Db;
  fetcher: Fetcher;
  clock: Clock;
  logger: Logger;
  /** time zone of outlets' local stamps (OUTLET_TZ) */
  timeZone: string;
  /** called after each new article is committed (the analyzer hooks in here); errors are logged */
  onArticle?: (articleId: number) => void | Promise<void>;
  /** progress for a terminal bar */
  onProgress?: (p: IngestProgress) => void;
  /** items processed at once (fetches are further limited per host by the fetcher); default 8 */
  concurrency?: number;
  /**
   * body extraction; default extractPage on this thread (bounded in depth only). Long-running
   * processes pass createExtractPool().extract, which also bounds the time a page may take.
   */
  extract?: (html: string, url: string, opts: { timeZone: string }) => ExtractedPage | null | Promise<ExtractedPage | null>;
  /** local files larger than this are refused, as fetched pages are (FETCH_MAX_BYTES); default 5 MB */
  maxFileBytes?: number;
  /** filled in while running, for benchmarks */
  metrics?: IngestMetrics;
}

/** Time spent in body extraction during a run. */
export interface IngestMetrics {
  extractMs: number;
  extracted: number;
}

/** Options of one run. */
export interface IngestOptions {
  /** URLs or paths; default: every enabled registered source that is not backing off */
  targets?: string[];
  /** what started the run: "manual", "cli", "schedule", "start" … */
  trigger?: string;
  /** stops starting new items; the run then ends as `abandoned` */
  signal?: AbortSignal;
}

/** Progress of a run (counts so far). */
export interface IngestProgress extends RunCounts {
  sourcesTotal: number;
  itemsDone: number;
  itemsTotal: number;
}

/** The outcome of a run. */
export interface IngestSummary extends RunCounts {
  runId: number;
  status: Exclude<RunStatus, "running">;
  errors: { url: string | null; reason: string }[];
}

/** A target as the run sees it: a registered source, or an unregistered URL/path. */
interface Target {
  source: SourceRow | null;
  /** http(s) or file:// URL */
  url: string;
  /** null: detect from what the URL serves */
  kind: SourceKind | null;
  name: string | null;
}

/** One article ready to store. */
interface Candidate {
  canonicalUrl: string;
  aliases: string[];
  guid: string | null;
  sourceId: number | null;
  outlet: string | null;
  title: string;
  language: string | null;
  text: string;
  captions: string[];
  published: { at: string; precision: "minute" | "day" | "month" | "year"; source: PageDate["source"] | "feed" } | null;
  raw: { url: string; contentType: string | null; charset: string | null; body: Buffer };
}

const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
const BACKOFF_BASE_MS = 15 * 60_000;
const BACKOFF_MAX_MS = 24 * 3600_000;
/** feed content used when the page fails must be at least this long to count as an article */
const MIN_FALLBACK_CHARS = 200;

/** Delay before the next attempt after `failures` consecutive failures. */
export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
}


/**
 * Tells what a target is, for `sources add`: paths are file or folder; a URL is fetched once
 * and is a feed when it serves one, else a page (with the feeds the page advertises, if any).
 */
export async function detectSource(target: string, fetcher: Fetcher): Promise<{ kind: SourceKind; feedLinks: string[] }> {
  const url = sourceUrlOf(target);
  if (url.startsWith("file:")) return { kind: (await isFolder(fileURLToPath(url))) ? "folder" : "file", feedLinks: [] };
  const res = await fetcher.fetch(url, { accept: FEED_ACCEPT });
  if (res.status !== "ok") return { kind: "feed", feedLinks: [] };
  if (looksLikeFeed(res.text, res.contentType)) return { kind: "feed", feedLinks: [] };
  return { kind: "page", feedLinks: discoverFeedLinks(res.text, res.url) };
}

/** The kind alone (see detectSource). */
export async function detectSourceKind(target: string, fetcher: Fetcher): Promise<SourceKind> {
  return (await detectSource(target, fetcher)).kind;
}

/** Runs one ingest pass and records it as an ingest_runs row. Never throws for a bad source. */
export async function ingestOnce(deps: IngestDeps, opts: IngestOptions = {}): Promise<IngestSummary> {
  const run = new IngestRun(deps, opts);
  return run.execute();
}

class IngestRun {
  private readonly db: Db;
  private readonly counts: RunCounts = { sources: 0, newArticles: 0, unchanged: 0, skipped: 0, failed: 0 };
  private readonly errors: { url: string | null; reason: string }[] = [];
  private runId = 0;
  private sourcesTotal = 0;
  private itemsDone = 0;
  private itemsTotal = 0;
  /** canonical URLs and GUIDs claimed by items in flight, so duplicates in one run are fetched once */
  private readonly claimed = new Set<string>();

  constructor(
    private readonly deps: IngestDeps,
    private readonly opts: IngestOptions,
  ) {
    this.db = deps.db;
  }

  private now(): Date {
    return this.deps.clock();
  }

  private get aborted(): boolean {
    return this.opts.signal?.aborted ?? false;
  }

  async execute(): Promise<IngestSummary> {
    this.runId = startRun(this.db, { trigger: this.opts.trigger ?? "manual", now: this.now() });
    try {
      return await this.runTargets();
    } catch (err) {
      // Only a bug or a broken database gets here (sources and items catch their own errors).
      try {
        finishRun(this.db, this.runId, { status: "failed", counts: this.counts, now: this.now() });
      } catch {
        // the database itself is gone; the run row stays "running" and is abandoned later
      }
      throw err;
    }
  }

  private async runTargets(): Promise<IngestSummary> {
    const targets = this.resolveTargets();
    this.sourcesTotal = targets.length;
    let sourcesFailed = 0;
    for (const target of targets) {
      if (this.aborted) break;
      this.counts.sources++;
      const ok = await this.ingestTarget(target);
      if (!ok) sourcesFailed++;
      this.progress();
    }
    const status: IngestSummary["status"] = this.aborted
      ? "abandoned"
      : this.counts.sources > 0 && sourcesFailed === this.counts.sources
        ? "failed"
        : this.counts.failed > 0
          ? "partial"
          : "ok";
    finishRun(this.db, this.runId, { status, counts: this.counts, now: this.now() });
    this.deps.logger.info("ingest: run finished", { runId: this.runId, status, ...this.counts });
    return { runId: this.runId, status, ...this.counts, errors: this.errors };
  }

  private resolveTargets(): Target[] {
    if (!this.opts.targets?.length) {
      return listDueSources(this.db, this.now()).map((s) => ({ source: s, url: s.url, kind: s.kind, name: s.name }));
    }
    const seen = new Set<string>();
    const out: Target[] = [];
    for (const t of this.opts.targets) {
      const url = sourceUrlOf(t);
      if (seen.has(url)) continue;
      seen.add(url);
      const source = getSourceByUrl(this.db, url);
      out.push(source ? { source, url, kind: source.kind, name: source.name } : { source: null, url, kind: null, name: null });
    }
    return out;
  }

  private progress(): void {
    this.deps.onProgress?.({ ...this.counts, sourcesTotal: this.sourcesTotal, itemsDone: this.itemsDone, itemsTotal: this.itemsTotal });
  }

  private recordError(sourceId: number | null, rawUrl: string | null, rawReason: string): void {
    const url = rawUrl === null ? null : redactCredentials(rawUrl);
    const reason = redactCredentials(rawReason);
    this.errors.push({ url, reason });
    this.deps.logger.warn(reason, { url, sourceId });
    try {
      recordIngestError(this.db, { runId: this.runId, sourceId, url, reason, now: this.now() });
    } catch (err) {
      this.deps.logger.error("ingest: could not record an error", { err, reason });
    }
  }

  /** One source; true unless the source as a whole failed. */
  private async ingestTarget(t: Target): Promise<boolean> {
    const sourceId = t.source?.id ?? null;
    try {
      const before = { ...this.counts, errors: this.errors.length };
      const result = t.url.startsWith("file:") ? await this.ingestLocal(t) : await this.ingestRemote(t);
      // A source that gave nothing new, no failure and nothing worth a note (every item already on
      // record, or a page refused earlier and unchanged) is unchanged, like a 304: "skipped" is kept
      // for items passed over inside a source that did change.
      const quiet =
        this.counts.newArticles === before.newArticles &&
        this.counts.failed === before.failed &&
        this.counts.unchanged === before.unchanged &&
        this.errors.length === before.errors &&
        this.counts.skipped > before.skipped;
      if (quiet && !this.aborted) {
        this.counts.skipped = before.skipped;
        this.counts.unchanged++;
      }
      if (!this.aborted && t.source) {
        recordSourceSuccess(this.db, t.source.id, { now: this.now(), ...(result.validators ?? {}) });
      }
      return result.ok;
    } catch (err) {
      const reason = reasonOf(err, t.url);
      this.counts.failed++;
      this.recordError(sourceId, t.url, reason);
      if (t.source) recordSourceFailure(this.db, t.source.id, { now: this.now(), reason, backoff: backoffMs });
      return false;
    }
  }

  // ---------- remote sources ----------

  private async ingestRemote(t: Target): Promise<{ ok: boolean; validators?: { etag: string | null; lastModified: string | null } }> {
    const kind = t.kind;
    if (kind !== "feed") {
      // A page already stored is not fetched again (a feed URL is never an article URL).
      const known = this.knownUrl(canonicalizeUrl(t.url) ?? t.url);
      if (known !== null) {
        this.counts.skipped++;
        return { ok: true };
      }
    }
    const conditional = kind === "feed" && t.source ? { etag: t.source.etag, lastModified: t.source.lastModified } : {};
    const res = await this.deps.fetcher.fetch(t.url, { ...conditional, accept: kind === "page" ? undefined : FEED_ACCEPT, signal: this.opts.signal });
    if (res.status === "not_modified") {
      this.counts.unchanged++;
      return { ok: true, validators: { etag: res.etag ?? t.source?.etag ?? null, lastModified: res.lastModified ?? t.source?.lastModified ?? null } };
    }
    const isFeed = kind === "feed" || (kind === null && looksLikeFeed(res.text, res.contentType));
    if (!isFeed) {
      const itemUrl = canonicalizeUrl(t.url) ?? t.url;
      const out = await this.ingestPageResult(res, { sourceId: t.source?.id ?? null, itemUrl, guid: null, feedDate: null, outlet: t.name });
      // A single page that yields no article is the source failing (recorded once, by the caller).
      if (out.outcome === "failed") throw new Error(out.reason);
      return { ok: true };
    }
    // parseFeed throws FeedError ("ingest: feed returned HTML …", "ingest: malformed XML …").
    // Feed dates without a zone are read in the outlets' time zone.
    const feed = parseFeed(res.text, res.url, { defaultUtcOffsetMinutes: zoneOffsetMinutes(this.deps.timeZone, this.now().getTime()) });
    for (const d of feed.dropped) {
      // A duplicate entry is the same article listed twice: skipped, not a failure.
      if (/^duplicate\b/i.test(d.reason)) {
        this.counts.skipped++;
        continue;
      }
      this.counts.failed++;
      this.recordError(t.source?.id ?? null, t.url, `ingest: feed item ${d.index} dropped: ${d.reason}`);
    }
    const { anyOk, retryableFailure } = await this.ingestFeedItems(t, feed.items, feed.title);
    // Keep the old validators when something should be retried, so the next run refetches.
    const validators = retryableFailure || this.aborted ? undefined : { etag: res.etag, lastModified: res.lastModified };
    return { ok: anyOk, validators };
  }

  private async ingestFeedItems(
    t: Target,
    items: FeedItem[],
    feedTitle: string | null,
  ): Promise<{ anyOk: boolean; retryableFailure: boolean }> {
    const sourceId = t.source?.id ?? null;
    let anyOk = false;
    let retryableFailure = false;
    // A CMS that gives one GUID to items with different links makes that GUID useless: it is
    // neither used to skip nor stored, or every later item would be lost as a "duplicate".
    const linksOfGuid = new Map<string, Set<string>>();
    for (const item of items) {
      const url = item.guid ? canonicalizeUrl(item.url) : null;
      if (url && item.guid) linksOfGuid.set(item.guid, (linksOfGuid.get(item.guid) ?? new Set()).add(url));
    }
    // Duplicates inside the feed (same canonical link or GUID) are dropped before any fetch.
    const unique: { item: FeedItem; url: string }[] = [];
    for (const listed of items) {
      const url = canonicalizeUrl(listed.url);
      if (!url) {
        this.counts.failed++;
        this.recordError(sourceId, listed.url, `ingest: feed item link is not an http(s) URL: ${listed.url}`);
        continue;
      }
      const item = listed.guid && (linksOfGuid.get(listed.guid)?.size ?? 0) > 1 ? { ...listed, guid: null } : listed;
      const keys = [`u:${url}`, ...(item.guid ? [`g:${item.guid}`] : [])];
      if (keys.some((k) => this.claimed.has(k))) {
        this.counts.skipped++;
        anyOk = true;
        continue;
      }
      keys.forEach((k) => this.claimed.add(k));
      unique.push({ item, url });
    }
    this.itemsTotal += unique.length;
    this.progress();
    await runPool(unique, this.deps.concurrency ?? 8, async ({ item, url }) => {
      if (this.aborted) return;
      try {
        const outcome = await this.ingestFeedItem(t, item, url, feedTitle);
        if (outcome !== "failed") anyOk = true;
        if (outcome === "retryable") retryableFailure = true;
      } catch (err) {
        // Unexpected (a bug or the DB): recorded like any item failure, the rest go on.
        this.counts.failed++;
        this.recordError(sourceId, item.url, reasonOf(err, item.url));
      } finally {
        this.itemsDone++;
        this.progress();
      }
    });
    return { anyOk: anyOk || unique.length === 0, retryableFailure };
  }

  private async ingestFeedItem(
    t: Target,
    item: FeedItem,
    url: string,
    feedTitle: string | null,
  ): Promise<"new" | "alias" | "skipped" | "failed" | "retryable"> {
    const sourceId = t.source?.id ?? null;
    if (this.knownUrl(url) !== null) {
      this.counts.skipped++;
      return "skipped";
    }
    const sameGuid = item.guid ? findArticleIdByGuid(this.db, item.guid, sourceId) : null;
    if (sameGuid !== null) {
      // The same article under a new link (the GUID is what feeds promise stays put); the skip
      // is recorded, so a CMS that reuses GUIDs across runs never loses items silently.
      this.counts.skipped++;
      this.recordError(sourceId, item.url, `ingest: feed item skipped: its GUID "${item.guid}" is the stored article #${sameGuid} under another link: ${item.url}`);
      return "skipped";
    }
    const ctx = { sourceId, itemUrl: url, guid: item.guid, feedDate: item.published, outlet: t.name ?? feedTitle };
    let res: FetchResult;
    try {
      res = await this.deps.fetcher.fetch(item.url, { signal: this.opts.signal });
      if (res.status !== "ok") throw new FetchError("http", `ingest: unexpected 304 for a page never fetched: ${item.url}`, item.url, 304);
    } catch (err) {
      const reason = reasonOf(err, item.url);
      const retryable = err instanceof FetchError && err.retryable;
      if (item.contentHtml && (await this.ingestFeedContent(item, url, ctx, reason))) return "new";
      this.counts.failed++;
      this.recordError(sourceId, item.url, reason);
      return retryable ? "retryable" : "failed";
    }
    const out = await this.ingestPageResult(res, ctx);
    if (out.outcome === "failed") {
      this.counts.failed++;
      this.recordError(sourceId, item.url, out.reason);
      return "failed";
    }
    return out.outcome;
  }

  /** Stores a feed item's own content when its page failed; false when it is too thin. */
  private async ingestFeedContent(item: FeedItem, url: string, ctx: ItemContext, fetchReason: string): Promise<boolean> {
    const html = `<!doctype html><html><head><title>${escapeHtml(item.title ?? "")}</title></head><body><article><h1>${escapeHtml(item.title ?? "")}</h1>${item.contentHtml}</article></body></html>`;
    const page = await this.extract(html, url).catch((err: unknown) => {
      if (err instanceof RefusedEarlier || err instanceof ExtractLimitError) return null;
      throw err;
    });
    if (!page || page.text.length < MIN_FALLBACK_CHARS) return false;
    const cand = this.candidateFrom(page, { ...ctx, canonicalUrl: url, aliases: [], raw: { url: item.url, contentType: "text/html; charset=utf-8", charset: "utf-8", body: Buffer.from(html) } });
    const out = await this.store(cand);
    this.recordError(ctx.sourceId, item.url, `${fetchReason} (stored the feed's own content instead)`);
    return out === "new";
  }

  /** Extracts and stores a fetched page. */
  private async ingestPageResult(
    res: Extract<FetchResult, { status: "ok" }>,
    ctx: ItemContext,
  ): Promise<{ outcome: "new" | "alias" | "skipped" } | { outcome: "failed"; reason: string }> {
    const notText = nonTextReason(res.body, res.contentType);
    if (notText) return { outcome: "failed", reason: `ingest: ${notText}: ${res.url}` };
    let page: ExtractedPage | null;
    try {
      page = await this.extract(res.text, res.url);
    } catch (err) {
      if (err instanceof RefusedEarlier) {
        this.counts.skipped++;
        return { outcome: "skipped" };
      }
      throw err;
    }
    if (!page || !page.text.trim()) return { outcome: "failed", reason: `ingest: no article text found on the page: ${res.url}` };
    const canonicalUrl = pickCanonical(res.url, { relCanonical: page.canonicalUrl });
    const aliases = [ctx.itemUrl, canonicalizeUrl(res.url) ?? res.url].filter((u) => u !== canonicalUrl);
    const cand = this.candidateFrom(page, {
      ...ctx,
      canonicalUrl,
      aliases,
      raw: { url: res.url, contentType: res.contentType, charset: res.charset, body: res.body },
    });
    return { outcome: await this.store(cand) };
  }

  private candidateFrom(
    page: { title: string; text: string; captions: string[]; published: PageDate | null; language: string | null; siteName: string | null },
    c: ItemContext & { canonicalUrl: string; aliases: string[]; raw: Candidate["raw"] },
  ): Candidate {
    const published: Candidate["published"] = c.feedDate
      ? { at: c.feedDate, precision: /^\d{4}-\d{2}-\d{2}$/.test(c.feedDate) ? "day" : "minute", source: "feed" }
      : page.published
        ? { at: page.published.iso, precision: page.published.precision, source: page.published.source }
        : null;
    return {
      canonicalUrl: c.canonicalUrl,
      aliases: c.aliases,
      guid: c.guid,
      sourceId: c.sourceId,
      outlet: page.siteName ?? c.outlet ?? hostOf(c.canonicalUrl),
      title: page.title.normalize("NFC").trim(),
      language: page.language ?? guessLanguage(`${page.title}\n${page.text}`),
      text: page.text.normalize("NFC"),
      captions: page.captions.map((x) => x.normalize("NFC")),
      published,
      raw: c.raw,
    };
  }

  /**
   * Stores one article in one transaction, or records its URLs as aliases of the article that
   * already has its canonical URL or its text. Checked and written with no await in between,
   * so concurrent items of this run cannot both insert.
   */
  private async store(c: Candidate): Promise<"new" | "alias"> {
    const body = await gzip(c.raw.body);
    const hash = contentHash(c.text);
    const fetchedAt = this.now().toISOString();
    const existing = this.knownUrl(c.canonicalUrl) ?? findArticleIdByContentHash(this.db, hash);
    if (existing !== null) {
      addArticleAliases(this.db, existing, [c.canonicalUrl, ...c.aliases]);
      this.counts.skipped++;
      return "alias";
    }
    const id = insertArticle(this.db, {
      article: {
        canonicalUrl: c.canonicalUrl,
        guid: c.guid,
        sourceId: c.sourceId,
        outlet: c.outlet,
        title: c.title,
        language: c.language,
        text: c.text,
        captions: c.captions,
        publishedAt: c.published?.at ?? null,
        publishedPrecision: c.published?.precision ?? null,
        publishedSource: c.published?.source ?? null,
        fetchedAt,
        contentHash: hash,
      },
      raw: { url: redactCredentials(c.raw.url), contentType: c.raw.contentType, charset: c.raw.charset, body, fetchedAt },
      aliases: c.aliases,
    });
    this.counts.newArticles++;
    if (this.deps.onArticle) {
      try {
        await this.deps.onArticle(id);
      } catch (err) {
        this.deps.logger.error("ingest: onArticle hook failed", { articleId: id, err });
      }
    }
    return "new";
  }

  /**
   * Extracts a page, unless the same page (URL and text) was refused before (throws
   * RefusedEarlier). A page refused for a limit now is remembered, and the error goes on.
   */
  private async extract(html: string, url: string): Promise<ExtractedPage | null> {
    const before = refusedReason(this.db, url, html);
    if (before !== null) {
      this.deps.logger.info("ingest: page refused by an earlier run and unchanged; skipped", { url, reason: before });
      throw new RefusedEarlier(before);
    }
    const t0 = performance.now();
    let page: ExtractedPage | null;
    try {
      page = await (this.deps.extract ?? extractPage)(html, url, { timeZone: this.deps.timeZone });
    } catch (err) {
      if (err instanceof ExtractLimitError) recordRefusedPage(this.db, { url, text: html, reason: err.message, now: this.now() });
      throw err;
    }
    if (this.deps.metrics) {
      this.deps.metrics.extractMs += performance.now() - t0;
      this.deps.metrics.extracted++;
    }
    return page;
  }

  private knownUrl(url: string): number | null {
    return findArticleIdByUrl(this.db, url);
  }

  // ---------- local sources ----------

  private async ingestLocal(t: Target): Promise<{ ok: boolean; validators?: undefined }> {
    const path = fileURLToPath(t.url);
    const files = await listLocalFiles(path);
    if (t.kind === "file" && files.length !== 1) throw new Error(`ingest: not a single file: ${path}`);
    this.itemsTotal += files.length;
    let anyOk = files.length === 0;
    // Files are read in parallel but stored (and so analysed and clustered) in the folder's sorted
    // order: the same folder gives the same developments whichever read finished first.
    const turns = files.map(() => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    await runPool(files, this.deps.concurrency ?? 8, async (file, i) => {
      try {
        if (await this.ingestLocalFile(t, file, i > 0 ? turns[i - 1]!.promise : Promise.resolve())) anyOk = true;
      } finally {
        turns[i]!.resolve();
      }
    });
    return { ok: anyOk };
  }

  /** One file of a folder, stored once the file before it is: true when it is stored or already on record. */
  private async ingestLocalFile(t: Target, file: string, previousStored: Promise<void>): Promise<boolean> {
    if (this.aborted) return false;
    const url = fileUrlOf(file);
    try {
      if (this.knownUrl(url) !== null) {
        this.counts.skipped++;
        return true;
      }
      const read = await readLocalArticle(file, { timeZone: this.deps.timeZone, maxBytes: this.deps.maxFileBytes, extract: (html, u) => this.extract(html, u) });
      await previousStored;
      if (this.aborted) return false;
      if (!read.article || !read.article.text) {
        this.counts.failed++;
        this.recordError(t.source?.id ?? null, url, `ingest: no article text found in ${file}`);
        return false;
      }
      const a = read.article;
      const canonical = (a.canonicalUrl && canonicalizeUrl(a.canonicalUrl)) || url;
      await this.store({
        canonicalUrl: canonical,
        aliases: canonical === url ? [] : [url],
        guid: null,
        sourceId: t.source?.id ?? null,
        outlet: a.outlet ?? t.name,
        title: a.title,
        language: a.language,
        text: a.text,
        captions: a.captions,
        published: a.published ? { at: a.published.iso, precision: a.published.precision, source: a.published.source } : null,
        raw: { url, contentType: read.contentType, charset: "utf-8", body: read.bytes },
      });
      return true;
    } catch (err) {
      if (err instanceof RefusedEarlier) {
        this.counts.skipped++;
        return false;
      }
      this.counts.failed++;
      this.recordError(t.source?.id ?? null, url, reasonOf(err, url));
      return false;
    } finally {
      this.itemsDone++;
      this.progress();
    }
  }
}

/** Thrown by IngestRun.extract for a page refused before and unchanged: a skip, not a failure. */
class RefusedEarlier extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

interface ItemContext {
  sourceId: number | null;
  /** canonicalized URL the item was listed under */
  itemUrl: string;
  guid: string | null;
  /** ISO date-time from the feed */
  feedDate: string | null;
  outlet: string | null;
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function runPool<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function reasonOf(err: unknown, url: string): string {
  const msg = err instanceof Error ? err.message : String(err);
  // Every recorded reason names its module; foreign errors get ours.
  return /^[a-z][\w-]*: /.test(msg) ? msg : `ingest: ${msg} (${url})`;
}

function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol.startsWith("http") ? u.hostname.replace(/^www\./, "") : null;
  } catch {
    return null;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
