/**
 * Contracts between the ingest steps (fetch → feed/page parse → extraction → store).
 * Each step lives in its own file under src/ingest and implements one of these.
 */
import { redactCredentials } from "../lib/redact.ts";

export type FetchErrorKind =
  | "bad_url"
  | "private_host"
  | "dns"
  | "network"
  | "timeout"
  | "http"
  | "too_large"
  | "redirects"
  | "decode"
  /** the request could not even be sent (a header value Node refuses) */
  | "bad_request"
  /** the caller's signal aborted it (shutdown) */
  | "aborted";

/** A failed fetch; `retryable` is true for timeouts, network resets and 5xx only. URL credentials are redacted. */
export class FetchError extends Error {
  readonly url: string;
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    url: string,
    readonly status?: number,
  ) {
    super(redactCredentials(message));
    this.url = redactCredentials(url);
    this.name = "FetchError";
  }
  get retryable(): boolean {
    return this.kind === "timeout" || this.kind === "network" || (this.kind === "http" && (this.status ?? 0) >= 500);
  }
}

export interface FetchOptions {
  etag?: string | null;
  lastModified?: string | null;
  /** Accept header; defaults to HTML and feeds */
  accept?: string;
  /** aborts the request in flight and any retry (a stopping process) */
  signal?: AbortSignal;
}

export type FetchResult =
  | { status: "not_modified"; url: string; etag: string | null; lastModified: string | null }
  | {
      status: "ok";
      /** final URL after redirects */
      url: string;
      httpStatus: number;
      contentType: string | null;
      /** charset actually used to decode, and where it was found */
      charset: string;
      charsetSource: "bom" | "header" | "meta" | "sniffed" | "default";
      /** raw (decompressed) bytes */
      body: Buffer;
      /** decoded, NFC-normalized text */
      text: string;
      etag: string | null;
      lastModified: string | null;
    };

export interface Fetcher {
  fetch(url: string, opts?: FetchOptions): Promise<FetchResult>;
}

/** One entry of a feed after the format adapter (RSS 2.0, Atom, JSON Feed). */
export interface FeedItem {
  /** absolute URL, resolved against the feed URL */
  url: string;
  guid: string | null;
  title: string | null;
  /** ISO-8601 date-time when the feed gives one */
  published: string | null;
  summary: string | null;
  /** full HTML content when the feed carries it */
  contentHtml: string | null;
}

export interface ParsedFeed {
  format: "rss" | "atom" | "json";
  title: string | null;
  /** link of the site the feed belongs to */
  siteUrl: string | null;
  items: FeedItem[];
  /** items dropped as unusable, with reasons */
  dropped: { index: number; reason: string }[];
}

/** The publication date found on a page, with where it came from. */
export interface PageDate {
  /** ISO-8601 with offset (minute precision) or YYYY-MM-DD / YYYY-MM / YYYY */
  iso: string;
  precision: "minute" | "day" | "month" | "year";
  source: "page_metadata" | "byline" | "text_header";
  /** the text it was read from */
  raw: string;
}

/** What body extraction returns for an article page. */
export interface ExtractedPage {
  title: string;
  /** body paragraphs joined with blank lines, NFC, junk removed, captions removed */
  text: string;
  captions: string[];
  canonicalUrl: string | null;
  published: PageDate | null;
  language: string | null;
  siteName: string | null;
  /** lines removed by the junk filter, with the rule that removed them (for explain/debug) */
  removed: { text: string; rule: string }[];
}
