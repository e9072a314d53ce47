/**
 * Article body extraction: Readability on linkedom, with our DOM pre-clean (related/share/social
 * blocks, marker-headed boxes, captions set apart) and the junk filter over the paragraphs after it.
 * No I/O: HTML and URL in, an ExtractedPage (or null when nothing article-like is found) out.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { fold, nfc } from "../lib/text.ts";
import { filterJunkLines, isBlockMarker, isCaptionLine, type RemovedLine } from "./junk-filter.ts";
import { findPageDate, zoneOffsetMinutes } from "./page-date.ts";
import type { ExtractedPage, PageDate } from "./types.ts";

export interface ExtractOptions {
  /** IANA zone of the outlet, for stamps without an offset (e.g. "Asia/Ho_Chi_Minh") */
  timeZone: string;
  /** deepest element nesting extracted (default MAX_DEPTH); deeper pages are refused */
  maxDepth?: number;
}

/**
 * Deepest element nesting we extract. Real news pages nest 20–60 deep; Readability's scoring is
 * quadratic in depth (`"<div>".repeat(1000)` took 11 s, 5,000 took 15 min), so deeper is refused.
 */
export const MAX_DEPTH = 200;

/** Why a page was given up: too deep, too slow (worker terminated), too much memory, or a crash. */
export type ExtractLimit = "depth" | "timeout" | "memory" | "crash";

/**
 * A page extraction refused for a limit: a hostile or broken page. The ingest records the page
 * as refused (URL and body hash), so the next run does not spend the limit on it again.
 */
export class ExtractLimitError extends Error {
  constructor(
    readonly limit: ExtractLimit,
    message: string,
  ) {
    super(message);
    this.name = "ExtractLimitError";
  }
}

/** Deepest element nesting under `root`, stopping as soon as it passes `stopAt` (iterative: no recursion limit). */
export function elementDepth(root: Element, stopAt = Infinity): number {
  let max = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length) {
    const [el, d] = stack.pop()!;
    if (d > max) {
      max = d;
      if (max > stopAt) return max;
    }
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, d + 1]);
  }
  return max;
}

/** Below this many characters of body text the page is not an article (a menu, a list page). */
const MIN_BODY_CHARS = 200;

/** Collapses whitespace inside a paragraph and trims it. */
function squash(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, " ").trim();
}

function meta(doc: Document, attr: "property" | "name", key: string): string | null {
  const v = doc.querySelector(`meta[${attr}="${key}"]`)?.getAttribute("content");
  return v ? squash(nfc(v)) || null : null;
}

function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

/** Separators between a headline and the site name in <title> / og:title. */
const TITLE_SEPARATOR = /\s+[-|–—·»:]\s+/;

/**
 * Drops a site suffix from a title: "Tàu Nga cập cảng - VnExpress" → "Tàu Nga cập cảng". The last
 * part goes when it names the site (siteName or host) or is a short label after a longer headline.
 */
export function stripTitleSuffix(title: string, siteName: string | null, url: string): string {
  let host = "";
  try {
    host = new URL(url).hostname.replace(/^www\./, "");
  } catch {
    // a bad URL only loses the host hint
  }
  const hostLabel = fold(host.split(".")[0] ?? "");
  const site = siteName ? fold(siteName).replace(/[^\p{L}\p{N}]+/gu, "") : "";
  let t = title.trim();
  for (let round = 0; round < 2; round++) {
    const parts = t.split(TITLE_SEPARATOR);
    if (parts.length < 2) break;
    const last = parts[parts.length - 1]!;
    const head = t.slice(0, t.length - last.length).replace(/\s+[-|–—·»:]\s*$/, "").trim();
    const lastKey = fold(last).replace(/[^\p{L}\p{N}]+/gu, "");
    const namesSite =
      (site.length > 0 && (lastKey === site || lastKey.includes(site) || site.includes(lastKey))) ||
      (hostLabel.length > 2 && (lastKey.includes(hostLabel) || fold(last).includes(host)));
    const shortLabel = last.split(/\s+/).length <= 3 && head.split(/\s+/).length >= 4 && /\s[|–—·»]\s/.test(t);
    if (!(namesSite || shortLabel) || head.length === 0) break;
    t = head;
  }
  return t;
}

/** Vietnamese-only letters (with and without tone marks), to tell vi from en when lang is absent. */
const VI_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;

/** Language from <html lang>/meta, else "vi" or "en" from the share of Vietnamese letters. */
function detectLanguage(doc: Document, text: string): string | null {
  const declared =
    doc.documentElement?.getAttribute("lang") ??
    doc.documentElement?.getAttribute("xml:lang") ??
    doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute("content") ??
    doc.querySelector('meta[property="og:locale"]')?.getAttribute("content");
  const code = declared?.trim().toLowerCase().split(/[-_]/)[0];
  if (code && /^[a-z]{2,3}$/.test(code)) return code;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return null;
  const vi = text.normalize("NFC").match(VI_LETTERS)?.length ?? 0;
  if (vi / letters > 0.02) return "vi";
  const ascii = text.match(/[a-z]/gi)?.length ?? 0;
  return ascii / letters > 0.9 ? "en" : null;
}

/**
 * Class/id words of boxes that are never the article: related, recommendations, share/social bars,
 * tag lists, comments, newsletter sign-ups, ad-driven recirculation widgets.
 * Matches "box-tinlienquan", "related-posts", "article__share", "social-icons", "tags", "comment-list".
 */
const JUNK_CLASS =
  /(?:^|[\s_-])(?:related\w*|relate|recommend\w*|tinlienquan|lienquan|tin-?lien-?quan|tin-?khac|more-?news|share\w*|sharing|social\w*|tags?|tag-?list|comments?|comment-?list|newsletter\w*|subscribe\w*|outbrain|taboola|zalo-?share|fb-?share|breadcrumbs?)(?=$|[\s_-])/i;

/** Class words of caption holders; "desc" counts only next to a picture (a bare desc is often the lead). */
const CAPTION_CLASS = /caption|(?:^|[\s_-])(?:img|image|photo|pic|picture|fig)[\s_-]?desc|(?:^|[\s_-])desc(?:ription)?(?=$|[\s_-])/i;
const STRICT_CAPTION_CLASS = /caption/i;

const PROTECTED = new Set(["HTML", "BODY", "MAIN", "ARTICLE"]);

function textLength(el: Element): number {
  return squash(el.textContent ?? "").length;
}

function classAndId(el: Element): string {
  return `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`.trim();
}

/**
 * True when the element belongs to a picture: inside a <figure>, or in a box that holds an image
 * and little text besides the element's own. A lead paragraph classed "description" in an article container
 * that also has pictures is not a caption.
 */
function nearPicture(el: Element): boolean {
  if (el.closest("figure")) return true;
  const own = textLength(el);
  for (let box = el.parentElement, i = 0; box && i < 4 && !PROTECTED.has(box.tagName); box = box.parentElement, i++) {
    if (textLength(box) > own + 200) return false;
    if (box.querySelector("img, picture") !== null) return true;
  }
  return false;
}

/** Attribute set on caption elements so they can be told apart after Readability. */
const CAPTION_ATTR = "data-extract-caption";

/**
 * Marks captions in the DOM (figcaption, caption-classed elements) instead of taking them out:
 * Readability still decides which part of the page is the article, and only captions inside the
 * article it picks are reported (a page's teaser cards use caption classes too).
 */
function markCaptions(doc: Document): void {
  const found: Element[] = [];
  for (const el of Array.from(doc.querySelectorAll("figcaption, [class]"))) {
    if (el.tagName === "FIGCAPTION") {
      found.push(el);
      continue;
    }
    const cls = el.getAttribute("class") ?? "";
    if (!CAPTION_CLASS.test(cls) || PROTECTED.has(el.tagName)) continue;
    if (STRICT_CAPTION_CLASS.test(cls) ? textLength(el) <= 600 : nearPicture(el) && textLength(el) <= 400) found.push(el);
  }
  for (const el of found) {
    if (el.closest(`[${CAPTION_ATTR}]`)) continue;
    // The mark goes on an inner span too: Readability swaps a lone <div> for the <p> it wraps
    // around its text, and the div's attributes go with it.
    const span = doc.createElement("span");
    span.setAttribute(CAPTION_ATTR, "1");
    while (el.firstChild) span.appendChild(el.firstChild);
    el.appendChild(span);
    el.setAttribute(CAPTION_ATTR, "1");
  }
}

/**
 * True when an element holds article prose: three or more long paragraphs. A class word like
 * "entry-content--has-comments" must not take the article with it; teaser snippets are short.
 */
function hasProse(el: Element): boolean {
  let n = 0;
  for (const p of Array.from(el.querySelectorAll("p"))) if (textLength(p) > 150 && ++n >= 3) return true;
  return false;
}

/** Removes boxes whose class/id say related/share/social/tags/comments/newsletter. */
function removeJunkBoxes(doc: Document, bodyLen: number, removed: RemovedLine[]): void {
  const limit = Math.max(400, bodyLen * 0.3);
  for (const el of Array.from(doc.querySelectorAll("[class], [id]"))) {
    if (PROTECTED.has(el.tagName) || !el.isConnected) continue;
    if (!JUNK_CLASS.test(classAndId(el))) continue;
    const len = textLength(el);
    if (len > limit || hasProse(el)) continue;
    if (len > 0) removed.push({ text: squash(nfc(el.textContent ?? "")).slice(0, 200), rule: "dom-junk-class" });
    el.remove();
  }
}

/** Link text share of an element: teaser lists are mostly links. */
function linkDensity(el: Element): number {
  const total = textLength(el);
  if (total === 0) return 0;
  let links = 0;
  for (const a of Array.from(el.querySelectorAll("a"))) links += textLength(a);
  return links / total;
}

/**
 * Removes blocks introduced by a marker heading ("Tin liên quan", "Related articles"): the whole box
 * when the heading opens a small container, else the heading and the link lists that follow it.
 */
function removeMarkerBlocks(doc: Document, bodyLen: number, removed: RemovedLine[]): void {
  const limit = Math.max(600, bodyLen * 0.3);
  // Walk text nodes, not elements: asking every div for its textContent is quadratic on big pages.
  const candidates: Element[] = [];
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const v = n.nodeValue ?? "";
    if (v.length > 80 || n.parentElement === null) continue;
    const t = squash(v);
    if (t.length > 0 && t.length <= 40 && isBlockMarker(t)) candidates.push(n.parentElement);
  }
  for (const el0 of candidates) {
    if (!el0.isConnected || SKIP_TAGS.has(el0.tagName)) continue;
    const text = squash(el0.textContent ?? "");
    if (text.length === 0 || text.length > 40 || !isBlockMarker(text)) continue;
    let h: Element = el0;
    while (h.parentElement && !PROTECTED.has(h.parentElement.tagName) && squash(h.parentElement.textContent ?? "") === text) h = h.parentElement;
    const box = h.parentElement;
    if (!box) continue;
    const first = Array.from(box.children).find((c) => textLength(c) > 0);
    if (!PROTECTED.has(box.tagName) && first === h && textLength(box) <= limit && linkDensity(box) >= 0.3) {
      removed.push({ text: squash(nfc(box.textContent ?? "")).slice(0, 200), rule: "dom-marker-block" });
      box.remove();
      continue;
    }
    const drop: Element[] = [h];
    for (let s = h.nextElementSibling; s; s = s.nextElementSibling) {
      const listy = s.tagName === "UL" || s.tagName === "OL" || linkDensity(s) >= 0.5;
      if (!listy || textLength(s) > limit) break;
      drop.push(s);
    }
    for (const d of drop) {
      removed.push({ text: squash(nfc(d.textContent ?? "")).slice(0, 200), rule: "dom-marker-block" });
      d.remove();
    }
  }
}

const BLOCK_TAGS = new Set([
  "P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "UL", "OL", "DL", "DT", "DD", "BLOCKQUOTE", "PRE",
  "TABLE", "TBODY", "THEAD", "TFOOT", "TR", "TD", "TH", "FIGURE", "FIGCAPTION", "SECTION", "ARTICLE", "HEADER",
  "FOOTER", "ASIDE", "MAIN", "NAV", "ADDRESS", "CENTER", "HR", "BR", "DETAILS", "SUMMARY",
]);
const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "BUTTON", "SELECT", "INPUT", "TEXTAREA"]);

/** A paragraph of the article and the share of its text that sits inside links. */
interface Paragraph {
  text: string;
  linkRatio: number;
}

/**
 * Paragraphs of an element with their link share: block elements and <br> end a paragraph, table
 * cells are joined by spaces within their row, inline text runs on. Elements marked as captions go
 * to `captions` (when given) instead of the paragraphs.
 */
function walkParagraphs(root: Node, captions?: string[]): Paragraph[] {
  const out: Paragraph[] = [];
  let buf = "";
  let linkChars = 0;
  let inLink = 0;
  const flush = () => {
    const text = squash(buf);
    if (text) out.push({ text, linkRatio: Math.min(1, linkChars / text.length) });
    buf = "";
    linkChars = 0;
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      const v = node.nodeValue ?? "";
      buf += v;
      if (inLink > 0) linkChars += squash(v).length;
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName;
    if (SKIP_TAGS.has(tag)) return;
    if (captions && (node as Element).getAttribute(CAPTION_ATTR) !== null) {
      const t = squash(node.textContent ?? "");
      if (t) captions.push(t);
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    else if (tag === "TD" || tag === "TH") buf += " ";
    if (tag === "A") inLink++;
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    if (tag === "A") inLink--;
    if (block) flush();
    else if (tag === "IMG" || tag === "TD" || tag === "TH") buf += " ";
  };
  walk(root);
  flush();
  return out;
}

/**
 * Paragraphs of an element: block elements and <br> end a paragraph; inline text joins up.
 * Elements marked as captions go to `captions` (when given) instead of the paragraphs.
 */
export function blockParagraphs(root: Node, captions?: string[]): string[] {
  return walkParagraphs(root, captions).map((p) => p.text);
}

/** A paragraph that is only a short link: a menu entry, a footer link, a teaser title. */
function isLinkOnly(p: Paragraph): boolean {
  return p.linkRatio >= 0.9 && p.text.length <= 100;
}

/**
 * Drops runs of three or more link-only paragraphs: menus and link lists that Readability keeps
 * when it takes too wide a container. A single link inside the text stays.
 */
function dropLinkRuns(paras: Paragraph[], removed: RemovedLine[]): Paragraph[] {
  const out: Paragraph[] = [];
  let i = 0;
  while (i < paras.length) {
    let j = i;
    while (j < paras.length && isLinkOnly(paras[j]!)) j++;
    if (j - i >= 3) {
      for (let k = i; k < j; k++) removed.push({ text: paras[k]!.text, rule: "link-list" });
      i = j;
      continue;
    }
    out.push(paras[i]!);
    i++;
  }
  return out;
}

/**
 * Parses HTML into a document; fragments and empty input get a skeleton, since linkedom leaves
 * documentElement null without an <html> element.
 */
export function parseDocument(html: string): Document {
  const full = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return parseHTML(full).document as unknown as Document;
}

/** Title from og:title / h1 / <title>, without the site suffix. */
function findTitle(doc: Document, siteName: string | null, url: string): string {
  const og = meta(doc, "property", "og:title") ?? meta(doc, "name", "twitter:title");
  const h1 = doc.querySelector("h1")?.textContent;
  const t = og ?? (h1 ? squash(nfc(h1)) : null) ?? squash(nfc(doc.querySelector("title")?.textContent ?? ""));
  return stripTitleSuffix(t, siteName, url);
}

/**
 * Extracts the article of an HTML page: title, body paragraphs joined by blank lines (NFC, junk and
 * captions removed), captions apart, canonical candidate, publication date, language, site name,
 * and what the junk filter removed. Returns null when nothing article-like is found.
 */
export function extractPage(html: string, url: string, opts: ExtractOptions): ExtractedPage | null {
  zoneOffsetMinutes(opts.timeZone, 0); // a bad zone is a configuration error: say so before any work
  const source = nfc(html);
  const doc = parseDocument(source);
  if (!doc.body) return null;
  const maxDepth = opts.maxDepth ?? MAX_DEPTH;
  const depth = elementDepth(doc.documentElement, maxDepth);
  if (depth > maxDepth) {
    throw new ExtractLimitError("depth", `ingest: page nests elements more than ${maxDepth} deep; refused as hostile or broken: ${url}`);
  }

  const siteName = meta(doc, "property", "og:site_name") ?? meta(doc, "name", "application-name");
  const title = findTitle(doc, siteName, url);
  const canonicalUrl =
    absoluteUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute("href"), url) ??
    absoluteUrl(meta(doc, "property", "og:url"), url);
  // Date before the clean-up below: stamps often sit in boxes we remove (meta bars, share rows).
  let published = findPageDate(doc, "", opts.timeZone);
  const language = (text: string) => detectLanguage(doc, text);

  // Our DOM clean-up first; when it leaves Readability too little (it can take a container the
  // page marks oddly), Readability alone on a fresh parse; then the page's own article element.
  const body =
    extractBody(doc, title, true) ??
    extractBody(parseDocument(source), title, false) ??
    extractArticleElement(parseDocument(source), title);
  if (!body) return null;

  published ??= findPageDate(null, body.bodyLines.join("\n"), opts.timeZone);
  return {
    title: title || body.fallbackTitle,
    text: body.text,
    captions: body.captions,
    canonicalUrl,
    published,
    language: language(body.text),
    siteName,
    removed: body.removed,
  };
}

interface Body {
  text: string;
  captions: string[];
  removed: RemovedLine[];
  /** paragraphs before the junk filter, where a byline stamp may be read */
  bodyLines: string[];
  fallbackTitle: string;
}

/** Captions out, junk filter over the rest; null when too little text is left. */
function finishBody(paras: Paragraph[], captions: string[], removed: RemovedLine[], title: string, fallbackTitle: string): Body | null {
  const bodyLines: string[] = [];
  for (const p of dropLinkRuns(paras, removed)) {
    if (isCaptionLine(p.text)) captions.push(p.text);
    else bodyLines.push(p.text);
  }
  const filtered = filterJunkLines(bodyLines, { title });
  removed.push(...filtered.removed);
  const text = nfc(filtered.kept.join("\n\n"));
  if (text.length < MIN_BODY_CHARS) return null;
  return { text, captions: [...new Set(captions)], removed, bodyLines, fallbackTitle };
}

/** Readability over the document, with or without our DOM clean-up before it. */
function extractBody(doc: Document, title: string, preclean: boolean): Body | null {
  if (!doc.body) return null;
  const removed: RemovedLine[] = [];
  markCaptions(doc);
  if (preclean) {
    const bodyLen = textLength(doc.body);
    removeJunkBoxes(doc, bodyLen, removed);
    removeMarkerBlocks(doc, bodyLen, removed);
  }
  const article = new Readability(doc, { serializer: (el: Node) => el }).parse();
  if (!article?.content) return null;
  const captions: string[] = [];
  const paras = walkParagraphs(article.content as unknown as Node, captions);
  return finishBody(paras, captions, removed, title, squash(nfc(article.title ?? "")));
}

/** Last resort: the page's own article element (schema.org articleBody, or the largest <article>). */
function extractArticleElement(doc: Document, title: string): Body | null {
  if (!doc.body) return null;
  markCaptions(doc);
  let best: Element | null = doc.querySelector('[itemprop="articleBody"]');
  if (!best) {
    let bestLen = 0;
    for (const a of Array.from(doc.querySelectorAll("article"))) {
      const len = textLength(a);
      if (len > bestLen) [best, bestLen] = [a, len];
    }
  }
  if (!best) return null;
  const captions: string[] = [];
  return finishBody(walkParagraphs(best, captions), captions, [], title, "");
}

/**
 * The seeds' optional first line: "date 2023-08 (VTC News) -", "date 2026-01-28 Bộ trưởng …".
 * It is a header the dump added, not article text.
 */
const SEED_HEADER = /^date (\d{4})-(\d{2})(?:-(\d{2}))?\b/i;

/**
 * The same junk filter and caption detection for plain-text dumps (the seeds format: paragraphs
 * separated by blank lines or single newlines, an optional first line `date YYYY-MM[-DD] …`, which
 * is left out of the text with rule `seed-header`). With `timeZone`, the visible stamp of the raw
 * text is read as `published` (source byline), else the header's date (source text_header).
 */
export function cleanPlainText(
  plain: string,
  opts: { title?: string | null; timeZone?: string } = {},
): { text: string; captions: string[]; removed: RemovedLine[]; published: PageDate | null } {
  if (opts.timeZone) zoneOffsetMinutes(opts.timeZone, 0);
  const lines = nfc(plain)
    .split(/\r?\n/)
    .map(squash)
    .filter((l) => l.length > 0);
  const header = lines[0] !== undefined ? SEED_HEADER.exec(lines[0]) : null;
  const headerLine = header ? lines.shift()! : null;
  const captions: string[] = [];
  const body: string[] = [];
  for (const l of lines) (isCaptionLine(l) ? captions : body).push(l);
  const { kept, removed } = filterJunkLines(body, { title: opts.title });
  if (headerLine) removed.unshift({ text: headerLine, rule: "seed-header" });
  let published = opts.timeZone ? findPageDate(null, lines.join("\n"), opts.timeZone) : null;
  if (!published && header && headerLine) {
    const [, y, mo, d] = header;
    published = d
      ? { iso: `${y}-${mo}-${d}`, precision: "day", source: "text_header", raw: headerLine }
      : { iso: `${y}-${mo}`, precision: "month", source: "text_header", raw: headerLine };
  }
  return { text: kept.join("\n\n"), captions, removed, published };
}
