/**
 * Feed formats: RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed 1.0/1.1.
 * wire text → raw parse (fast-xml-parser / JSON.parse) → one adapter per format → FeedItem,
 * checked with zod at the boundary. A bad item is dropped with a reason; only a feed that cannot be
 * read at all throws FeedError. No I/O here: the caller fetches and passes the decoded text.
 */
import { decodeHTML, decodeXML } from "entities";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import { canonicalizeUrl } from "./canonical-url.ts";
import type { FeedItem, ParsedFeed } from "./types.ts";

/** Why a whole feed could not be read. */
export type FeedErrorKind = "html" | "malformed" | "empty" | "unknown_format";

/** A feed that cannot be read at all (as opposed to one bad item, which is dropped). */
export class FeedError extends Error {
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = "FeedError";
  }
}

/** Options for parseFeed. */
export interface ParseFeedOptions {
  /**
   * UTC offset (minutes) for feed dates that carry a time but no zone, e.g. 420 for a Vietnamese
   * outlet. Default 0 (UTC). Dates with a zone or offset ignore it.
   */
  defaultUtcOffsetMinutes?: number;
}

/** Boundary check of what an adapter produced; anything failing it is dropped with the zod message. */
export const FeedItemSchema = z.object({
  url: z.string().refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), "not an absolute http(s) URL"),
  guid: z.string().min(1).nullable(),
  title: z.string().min(1).nullable(),
  /** a date-time in UTC, or a bare YYYY-MM-DD when the feed gives only a day */
  published: z.union([z.iso.datetime(), z.iso.date()]).nullable(),
  summary: z.string().nullable(),
  contentHtml: z.string().nullable(),
});

/** Parses a feed document of any supported format. Throws FeedError (message starts "ingest:"). */
export function parseFeed(text: string, feedUrl: string, opts: ParseFeedOptions = {}): ParsedFeed {
  const body = text.replace(/^\uFEFF/, "").trim();
  if (!body) throw new FeedError("empty", `ingest: empty feed: ${feedUrl}`, feedUrl);
  const ctx: Ctx = { feedUrl, offset: opts.defaultUtcOffsetMinutes ?? 0 };
  if (body.startsWith("{")) return finishFeed(parseJsonFeed(body, ctx), feedUrl);
  if (looksLikeHtml(body)) throw htmlError(feedUrl);
  if (!body.startsWith("<")) throw new FeedError("unknown_format", `ingest: not a feed (neither XML nor JSON): ${feedUrl}`, feedUrl);

  const xml = prepareXml(body);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new FeedError("malformed", `ingest: malformed XML in feed ${feedUrl}: ${msg} (line ${line}, column ${col})`, feedUrl);
  }
  let doc: Record<string, unknown>;
  try {
    doc = xmlParser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    throw new FeedError("malformed", `ingest: malformed XML in feed ${feedUrl}: ${(e as Error).message}`, feedUrl);
  }
  if (isObj(doc.rss)) return finishFeed(adaptRss2(doc.rss, ctx), feedUrl);
  if (isObj(doc["rdf:RDF"])) return finishFeed(adaptRss1(doc["rdf:RDF"], ctx), feedUrl);
  if (isObj(doc.feed)) return finishFeed(adaptAtom(doc.feed, ctx), feedUrl);
  if (doc.html !== undefined) throw htmlError(feedUrl);
  const root = Object.keys(doc)[0];
  throw new FeedError("unknown_format", `ingest: unknown feed format (root <${root ?? "none"}>): ${feedUrl}`, feedUrl);
}

/**
 * Whether a fetched body is a feed rather than a page, judged from the content first (servers
 * mislabel feeds as text/html and pages as text/xml); the Content-Type only decides JSON bodies
 * that do not name a JSON Feed version.
 */
export function looksLikeFeed(text: string, contentType: string | null): boolean {
  const head = stripXmlProlog(text.replace(/^\uFEFF/, "").trimStart().slice(0, 8192));
  if (head.startsWith("{")) {
    if (/"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\/1/.test(text.slice(0, 65536))) return true;
    return /feed\+json/i.test(contentType ?? "") && /"items"\s*:/.test(text);
  }
  return /^<(?:rss|feed|rdf:RDF|[a-z]+:feed)\b/i.test(head);
}

const FEED_TYPES = new Set(["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json+feed", "application/rdf+xml"]);

/**
 * Feed URLs a page advertises with `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json" href>`,
 * absolute (resolved against `<base href>` then `baseUrl`), http(s) only, in page order, without duplicates.
 */
export function discoverFeedLinks(html: string, baseUrl: string): string[] {
  const head = html.slice(0, 200_000);
  let base = baseUrl;
  const baseTag = /<base\b[^>]*>/i.exec(head);
  const baseHref = baseTag ? readAttrs(baseTag[0]).get("href") : undefined;
  if (baseHref) base = safeResolve(baseHref, baseUrl) ?? baseUrl;
  const out: string[] = [];
  for (const tag of head.match(/<link\b[^>]*>/gi) ?? []) {
    const attrs = readAttrs(tag);
    const rel = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
    const type = (attrs.get("type") ?? "").toLowerCase().split(";")[0]!.trim();
    const href = attrs.get("href");
    if (!rel.includes("alternate") || !FEED_TYPES.has(type) || !href) continue;
    const abs = safeResolve(href, base);
    if (abs && /^https?:/.test(abs) && !out.includes(abs)) out.push(abs);
  }
  return out;
}

/**
 * A feed date as ISO-8601: RFC 822/1123 ("Tue, 24 Nov 2026 13:05:00 +0700", named zones GMT/EST/ICT…),
 * ISO 8601 ("2026-11-24T13:05:00+07:00"), and day-first slash dates common on Vietnamese feeds
 * ("24/11/2026 13:05"), which are never handed to Date.parse because it reads them month-first.
 * Returns a UTC date-time, or YYYY-MM-DD for a date without time, or null when unreadable.
 */
export function parseFeedDate(raw: string | null | undefined, defaultUtcOffsetMinutes = 0): string | null {
  if (!raw) return null;
  const s = raw.trim().replace(/\s+/g, " ");
  return parseRfc822(s, defaultUtcOffsetMinutes) ?? parseIso(s, defaultUtcOffsetMinutes) ?? parseDayFirst(s, defaultUtcOffsetMinutes);
}

// ---------------------------------------------------------------------------------------------
// raw parse

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // named HTML entities and numeric references are decoded by us, once, per field
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
  // Atom content may be XHTML; keep it raw instead of turning it into objects that lose text order.
  stopNodes: ["feed.entry.content", "feed.entry.summary"],
});

/**
 * Repairs the commonest wire faults before validation, and removes DOCTYPEs: their internal
 * entity declarations are an expansion-bomb risk and no real feed needs them.
 * A bare "&" in text ("Q&A", "?a=1&b=2") is escaped, outside CDATA only.
 */
function prepareXml(xml: string): string {
  return xml
    .replace(/<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>/i, "")
    .replace(/(<!\[CDATA\[[\s\S]*?\]\]>)|&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#x[0-9a-fA-F]+);)/g, (_m, cdata: string | undefined) => cdata ?? "&amp;");
}

function stripXmlProlog(s: string): string {
  // <?xml …?>, <?xml-stylesheet …?>, <!-- … -->, <!DOCTYPE …> before the root element
  let rest = s;
  for (;;) {
    const m = /^\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)/i.exec(rest);
    if (!m) return rest.trimStart();
    rest = rest.slice(m[0].length);
  }
}

function looksLikeHtml(body: string): boolean {
  return /^<(?:!doctype\s+html|html|head|body|meta|title)\b/i.test(stripXmlProlog(body)) || /^<!doctype\s+html/i.test(body);
}

function htmlError(url: string): FeedError {
  return new FeedError("html", `ingest: feed returned HTML, not a feed: ${url}`, url);
}

// ---------------------------------------------------------------------------------------------
// adapters

interface Ctx {
  feedUrl: string;
  offset: number;
}

/** What an adapter returns before the boundary check. */
interface RawFeed {
  format: ParsedFeed["format"];
  title: string | null;
  siteUrl: string | null;
  items: (Partial<FeedItem> | null)[];
}

type Node = Record<string, unknown>;

function adaptRss2(rss: Node, ctx: Ctx): RawFeed {
  const channel = asObj(one(rss.channel)) ?? {};
  const feedBase = resolveBase(attr(rss, "xml:base"), ctx.feedUrl);
  const siteUrl = safeResolve(firstText(channel.link), feedBase);
  // Relative item links are relative to the site the channel names, when it names one.
  const channelBase = resolveBase(attr(channel, "xml:base"), siteUrl && /^https?:/.test(siteUrl) ? siteUrl : feedBase);
  const items = asArray(channel.item).map((it) => rssItem(it, channelBase, ctx));
  return { format: "rss", title: cleanText(text(channel.title)), siteUrl, items };
}

function adaptRss1(rdf: Node, ctx: Ctx): RawFeed {
  const channel = asObj(one(rdf.channel)) ?? {};
  const siteUrl = safeResolve(firstText(channel.link), ctx.feedUrl);
  const base = siteUrl && /^https?:/.test(siteUrl) ? siteUrl : ctx.feedUrl;
  // RSS 1.0 puts items beside the channel, not inside it
  const items = asArray(rdf.item).map((it) => rssItem(it, base, ctx));
  return { format: "rss", title: cleanText(text(channel.title)), siteUrl, items };
}

function rssItem(raw: unknown, base: string, ctx: Ctx): Partial<FeedItem> | null {
  const it = asObj(raw);
  if (!it) return null;
  const itemBase = resolveBase(attr(it, "xml:base"), base);
  const guidNode = one(it.guid);
  const guid = cleanText(text(guidNode));
  const guidIsLink = guid !== null && attr(guidNode, "isPermaLink") !== "false" && /^https?:\/\//i.test(guid);
  // FeedBurner rewrites <link> to a tracking redirect and keeps the real one in origLink.
  const link = firstText(it["feedburner:origLink"]) ?? firstText(it.link) ?? (guidIsLink ? guid : null);
  return {
    url: link ? safeResolve(link, itemBase) ?? undefined : undefined,
    guid: guid ?? cleanText(attr(it, "rdf:about")),
    title: cleanText(text(it.title)),
    published: parseFeedDate(text(it.pubDate) ?? text(it["dc:date"]), ctx.offset),
    summary: cleanText(text(it.description)),
    contentHtml: nonEmpty(text(it["content:encoded"])),
  };
}

function adaptAtom(feed: Node, ctx: Ctx): RawFeed {
  const base = resolveBase(attr(feed, "xml:base"), ctx.feedUrl);
  const siteHref = pickAtomLink(feed.link);
  const siteUrl = siteHref ? safeResolve(siteHref, base) : null;
  const items = asArray(feed.entry).map((raw): Partial<FeedItem> | null => {
    const e = asObj(raw);
    if (!e) return null;
    const entryBase = resolveBase(attr(e, "xml:base"), base);
    const href = pickAtomLink(e.link);
    const id = cleanText(text(e.id));
    const url = href ? safeResolve(href, entryBase) : id && /^https?:\/\//i.test(id) ? id : null;
    const content = atomContent(e.content);
    const summary = atomContent(e.summary);
    return {
      url: url ?? undefined,
      guid: id,
      title: cleanText(text(e.title)),
      published: parseFeedDate(text(e.published) ?? text(e.updated) ?? text(e.issued) ?? text(e.modified), ctx.offset),
      summary: summary ? cleanText(summary.html) : null,
      contentHtml: content ? nonEmpty(content.html) : null,
    };
  });
  return { format: "atom", title: cleanText(text(feed.title)), siteUrl, items };
}

/** The alternate (or rel-less) link, preferring text/html, else the first link with an href. */
function pickAtomLink(links: unknown): string | null {
  const all = asArray(links)
    .map((l) => (typeof l === "string" ? { "@_href": l } : asObj(l)))
    .filter((l): l is Node => !!l && typeof l["@_href"] === "string");
  const alternates = all.filter((l) => !l["@_rel"] || l["@_rel"] === "alternate");
  const best = alternates.find((l) => !l["@_type"] || /html/i.test(String(l["@_type"]))) ?? alternates[0] ?? all[0];
  return best ? String(best["@_href"]).trim() : null;
}

/** Atom text constructs kept raw by the parser: type="xhtml" is markup as is, text/html are XML-escaped. */
function atomContent(node: unknown): { html: string } | null {
  const n = one(node);
  if (n === undefined || n === null) return null;
  const raw = typeof n === "string" ? n : String(asObj(n)?.["#text"] ?? "");
  const type = String(attr(n, "type") ?? "text").toLowerCase();
  if (type === "xhtml") {
    // the content is wrapped in one <div xmlns="…XHTML">; its inside is the HTML
    const m = /^\s*<div\b[^>]*>([\s\S]*)<\/div>\s*$/i.exec(raw);
    return { html: (m?.[1] ?? raw).trim() };
  }
  const decoded = decodeRawXmlText(raw);
  return { html: type === "text" ? escapeHtml(decoded) : decoded };
}

/** Text of a raw (unparsed) XML node: CDATA sections literal, the rest with XML entities decoded. */
function decodeRawXmlText(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith("<![CDATA[") ? part.slice(9, -3) : decodeXML(part)))
    .join("")
    .trim();
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const JsonFeedSchema = z.object({
  version: z.string().regex(/jsonfeed\.org\/version\/1/, "not a JSON Feed version 1.x"),
  title: z.string().optional(),
  home_page_url: z.string().optional(),
  items: z.array(z.unknown()),
});

const JsonItemSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  url: z.string().optional(),
  external_url: z.string().optional(),
  title: z.string().optional(),
  summary: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  date_published: z.string().optional(),
  date_modified: z.string().optional(),
});

function parseJsonFeed(body: string, ctx: Ctx): RawFeed {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    throw new FeedError("malformed", `ingest: malformed JSON in feed ${ctx.feedUrl}: ${(e as Error).message}`, ctx.feedUrl);
  }
  const feed = JsonFeedSchema.safeParse(data);
  if (!feed.success) {
    throw new FeedError("unknown_format", `ingest: JSON is not a JSON Feed: ${ctx.feedUrl}: ${z.prettifyError(feed.error).replace(/\n/g, " ")}`, ctx.feedUrl);
  }
  const siteUrl = feed.data.home_page_url ? safeResolve(feed.data.home_page_url, ctx.feedUrl) : null;
  const items = feed.data.items.map((raw): Partial<FeedItem> | null => {
    const r = JsonItemSchema.safeParse(raw);
    if (!r.success) return null;
    const it = r.data;
    const id = it.id === undefined ? null : cleanText(String(it.id));
    const link = it.url ?? it.external_url ?? (id && /^https?:\/\//i.test(id) ? id : null);
    return {
      url: link ? safeResolve(link, ctx.feedUrl) ?? undefined : undefined,
      guid: id,
      title: cleanText(it.title ?? null),
      published: parseFeedDate(it.date_published ?? it.date_modified, ctx.offset),
      summary: cleanText(it.summary ?? it.content_text ?? null),
      contentHtml: nonEmpty(it.content_html ?? null),
    };
  });
  return { format: "json", title: cleanText(feed.data.title ?? null), siteUrl, items };
}

/** The boundary: zod-check each adapted item, drop unusable and duplicate ones with a reason. */
function finishFeed(raw: RawFeed, feedUrl: string): ParsedFeed {
  const items: FeedItem[] = [];
  const dropped: ParsedFeed["dropped"] = [];
  const seen = new Map<string, number>();
  raw.items.forEach((cand, index) => {
    if (!cand) return void dropped.push({ index, reason: "item is not an object" });
    if (!cand.url) return void dropped.push({ index, reason: "no usable link" });
    const parsed = FeedItemSchema.safeParse({
      url: cand.url,
      guid: cand.guid ?? null,
      title: cand.title ?? null,
      published: cand.published ?? null,
      summary: cand.summary ?? null,
      contentHtml: cand.contentHtml ?? null,
    });
    if (!parsed.success) {
      return void dropped.push({ index, reason: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
    }
    const item = parsed.data;
    // The same link twice is one article. A GUID shared by different links is not a duplicate:
    // a CMS that repeats one GUID would otherwise lose every later item (the ingest then stops
    // trusting that GUID).
    const key = `url:${canonicalizeUrl(item.url) ?? item.url}`;
    const dup = seen.get(key);
    if (dup !== undefined) return void dropped.push({ index, reason: `duplicate of item ${dup}` });
    seen.set(key, index);
    items.push(item);
  });
  if (raw.items.length === 0 && raw.title === null && raw.siteUrl === null) {
    throw new FeedError("empty", `ingest: feed has no channel, title or items: ${feedUrl}`, feedUrl);
  }
  return { format: raw.format, title: raw.title, siteUrl: raw.siteUrl, items, dropped };
}

// ---------------------------------------------------------------------------------------------
// dates

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Named zones seen in feeds; an unknown name makes the date unreadable rather than guessed. */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  ict: 420, wib: 420, cet: 60, cest: 120, eet: 120, eest: 180, bst: 60, msk: 180, ist: 330, sgt: 480, hkt: 480,
  jst: 540, kst: 540, aest: 600, aedt: 660,
};

// "Tue, 24 Nov 2026 13:05:00 +0700", "24 Nov 2026 06:05 GMT", "Tue, 24 November 2026 13:05:00 GMT+7"
const RFC822 =
  /^(?:[a-z]{2,9}\.?,? )?(\d{1,2})[ -]([a-z]{3,9})\.?[ -](\d{4}|\d{2})(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(?: ?(?:(?:gmt|utc)?([+-]\d{1,2}(?::?\d{2})?)|([a-z]{1,5})))?$/i;
// "2026-11-24T13:05:00+07:00", "2026-11-24 13:05:00Z", "2026-11-24T06:05:00.123Z", "2026-11-24"
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// "24/11/2026 13:05", "Thứ ba, 24/11/2026 - 13:05 (GMT+7)", "24-11-2026 13:05:00 +07:00"
const DAY_FIRST = /(?:^|[^\d])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,-]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?(?: ?\(?(?:gmt|utc)? ?([+-]\d{1,2}(?::?\d{2})?)\)?)?/i;

function parseRfc822(s: string, defOffset: number): string | null {
  const m = RFC822.exec(s);
  if (!m) return null;
  const month = MONTHS[m[2]!.toLowerCase()] ?? MONTHS[m[2]!.toLowerCase().slice(0, 3)];
  if (!month) return null;
  let year = Number(m[3]);
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  let offset: number | null = defOffset;
  if (m[7]) offset = numericOffset(m[7]);
  else if (m[8]) offset = ZONES[m[8].toLowerCase()] ?? null;
  if (offset === null) return null;
  return build(year, month, Number(m[1]), m[4], m[5], m[6], offset);
}

function parseIso(s: string, defOffset: number): string | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const offset = m[7] ? (m[7].toUpperCase() === "Z" ? 0 : numericOffset(m[7])) : defOffset;
  if (offset === null) return null;
  return build(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6], offset);
}

function parseDayFirst(s: string, defOffset: number): string | null {
  const m = DAY_FIRST.exec(s);
  if (!m) return null;
  const offset = m[7] ? numericOffset(m[7]) : defOffset;
  if (offset === null) return null;
  return build(Number(m[3]), Number(m[2]), Number(m[1]), m[4], m[5], m[6], offset);
}

/** "+0700", "+07:00", "+7", "-05" → minutes east of UTC. */
function numericOffset(s: string): number | null {
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(s);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return (m[1] === "-" ? -1 : 1) * minutes;
}

function build(year: number, month: number, day: number, hh: string | undefined, mm: string | undefined, ss: string | undefined, offset: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (hh === undefined) return `${year}-${pad(month)}-${pad(day)}`;
  const h = Number(hh);
  const mi = Number(mm);
  const se = Number(ss ?? 0);
  if (h > 23 || mi > 59 || se > 60) return null;
  const ms = Date.UTC(year, month - 1, day, h, mi, Math.min(se, 59)) - offset * 60_000;
  return new Date(ms).toISOString();
}

const pad = (n: number) => String(n).padStart(2, "0");

// ---------------------------------------------------------------------------------------------
// small helpers over parsed XML

function isObj(v: unknown): v is Node {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function asObj(v: unknown): Node | null {
  return isObj(v) ? v : null;
}
function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}
function one(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}
function attr(node: unknown, name: string): string | null {
  const n = asObj(one(node));
  const v = n?.[`@_${name}`];
  return typeof v === "string" ? v : null;
}
/** Text of an element: a string, or the #text of an element with attributes. */
function text(node: unknown): string | null {
  const n = one(node);
  if (typeof n === "string") return n;
  if (typeof n === "number") return String(n);
  const t = asObj(n)?.["#text"];
  return typeof t === "string" ? t : typeof t === "number" ? String(t) : null;
}
/** First element of a repeated element that has text (RSS <link> next to <atom:link href> etc.). */
function firstText(node: unknown): string | null {
  for (const n of asArray(node)) {
    const t = text(n)?.trim();
    if (t) return t;
  }
  return null;
}
function nonEmpty(s: string | null): string | null {
  const t = s?.trim();
  return t ? t : null;
}

/** Plain text of a field that may carry markup or escaped entities: tags out, entities decoded once, spaces collapsed, NFC. */
function cleanText(s: string | null): string | null {
  if (s === null) return null;
  const t = decodeHTML(s.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim()
    .normalize("NFC");
  return t || null;
}

function safeResolve(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(decodeXmlEntitiesInUrl(href.trim()), base).href;
  } catch {
    return null;
  }
}
/** Links read from attributes are already XML-decoded; links from text may still carry &amp; when double-escaped. */
function decodeXmlEntitiesInUrl(u: string): string {
  return u.includes("&amp;") ? u.replace(/&amp;/g, "&") : u;
}
function resolveBase(xmlBase: string | null, parent: string): string {
  return xmlBase ? (safeResolve(xmlBase, parent) ?? parent) : parent;
}

/** Attributes of one start tag: name (lower case) → value, entities decoded. */
function readAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=/<>"']+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
  for (const m of tag.replace(/^<\w+/, "").matchAll(re)) {
    out.set(m[1]!.toLowerCase(), decodeHTML(m[2] ?? m[3] ?? m[4] ?? ""));
  }
  return out;
}
