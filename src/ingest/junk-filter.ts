/**
 * Junk filter for article paragraphs: what Readability (or a plain-text dump) keeps on Vietnamese
 * and English news pages but is not the article — related-news and recommendation blocks, follow
 * and share/QR lines, headlines repeated or doubled. Pure: strings in, strings out, and every
 * removed line carries the rule that removed it.
 */
import { fold } from "../lib/text.ts";
import { parseBylineStamp } from "./page-date.ts";

/** A line the filter dropped, with the rule that dropped it. */
export interface RemovedLine {
  text: string;
  rule: string;
}

export interface JunkFilterResult {
  kept: string[];
  removed: RemovedLine[];
}

export interface JunkFilterOptions {
  /** the page title; a body line equal to it is a repeat, not article text */
  title?: string | null;
}

/**
 * Headings that introduce a related-news or recommendation block, folded (no case, no diacritics).
 * "Tin liên quan", "Có thể bạn quan tâm", "Xem thêm»", "Related articles", "Read more", "More from BBC".
 */
const BLOCK_MARKERS = [
  "tin lien quan",
  "bai lien quan",
  "co the ban quan tam",
  "ban co the quan tam",
  "tin moi hon",
  "tin da dang",
  "tin cu hon",
  "xem them",
  "doc them",
  "tin cung chuyen muc",
  "tin khac",
  "tin noi bat",
  "tin moi nhat",
  "doc nhieu",
  "xem nhieu",
  "related",
  "related articles",
  "related news",
  "related stories",
  "related content",
  "related posts",
  "read more",
  "recommended",
  "recommended for you",
  "recommended stories",
  "you may also like",
  "you might also like",
  "more stories",
  "most read",
  "most popular",
  "don't miss",
  "dont miss",
  "see more",
  "see also",
  "trending now",
];
const BLOCK_MARKER_SET = new Set(BLOCK_MARKERS);
/** "More from BBC News", "More from this section": the marker is a prefix of a short heading. */
const MARKER_PREFIXES = ["more from ", "more in ", "more on ", "xem them ve ", "doc them ve "];

/** Strips what pages wrap markers in: "Xem thêm»", "Related:", "› Đọc thêm", "READ MORE >>". */
function markerKey(line: string): string {
  return fold(line)
    .replace(/[’‘]/g, "'")
    .replace(/[\s:»«›‹>→⟶▶►•|\-–—.…]+$/u, "")
    .replace(/^[\s»«›‹>→▶►•|\-–—]+/u, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** True when the whole line is a related-news / recommendation heading. */
export function isBlockMarker(line: string): boolean {
  const key = markerKey(line);
  if (BLOCK_MARKER_SET.has(key)) return true;
  return key.length <= 60 && MARKER_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * Inline pointers to another article: "Xem thêm: Nga và Trung Quốc…", "Read more: Biden visits…",
 * ">> Đọc thêm: …". The marker plus a colon or arrow, then a headline.
 */
const INLINE_POINTER = /^[\s>»›•\-–—]*(xem them|doc them|read more|related|tin lien quan|see also|see more|also read|read also|more|don'?t miss)\s*(:|>>|»|›|-|–)\s*\S/;

/**
 * Follow lines: "Mời quý độc giả theo dõi VOV.VN trên", "Theo dõi Pháp luật & Xã hội trên",
 * "Theo dõi chúng tôi trên Google News", "Follow us on Facebook".
 */
const FOLLOW_MOI = /^moi (quy )?(doc gia|ban|ban doc|quy vi)( doc gia)? (theo doi|xem|doc)\b.*\btren\b/;
const FOLLOW_THEO_DOI = /^theo doi .{1,60} tren( (google news|zalo|facebook|youtube|tiktok|telegram|instagram|twitter|x|mang xa hoi|nen tang [^.]{1,30}|kenh [^.]{1,30}))?:?$/;
const FOLLOW_EN = /^(follow|like) (us|[^.]{1,40}) on (google news|facebook|twitter|x|instagram|linkedin|youtube|tiktok|telegram|whatsapp)\b[^.]{0,40}[.!]?$/;

/**
 * Share and QR lines: "Mở Zalo, bấm quét QR để quét và xem trên điện thoại",
 * "Mời bạn quét mã QR để theo dõi …", "Share on Facebook", "Chia sẻ", "Share this article".
 */
const QR_LINE = /\bquet (ma )?qr\b|\bscan (the )?qr( code)?\b/;
const SHARE_LINE = /^(chia se|share|share this( article| story| page)?|tweet|email|print|in bai viet|in bai nay|sao chep (lien ket|link)|copy link|gui bai|luu bai|luu tin|bình luan|binh luan|comments?|zalo|facebook|twitter|linkedin|whatsapp|messenger|telegram|pinterest|reddit)$/;
const SHARE_PREFIX = /^(chia se (len|qua|bai viet|tin)|share (on|via|to|with)|share this|send (via|by) email|copy the link)\b/;

/** Names in share bars: "Whatsapp Facebook Pinterest", "Facebook Twitter Email Print". */
const SHARE_WORDS = new Set([
  "facebook", "twitter", "x", "whatsapp", "pinterest", "pin", "pint", "linkedin", "email", "e-mail", "mail", "print",
  "share", "tweet", "zalo", "messenger", "telegram", "reddit", "tumblr", "flipboard", "sms", "copy", "link", "in",
  "chia", "se", "gui", "luu", "comment", "comments", "binh", "luan",
]);
const SHARE_NETWORKS = new Set(["facebook", "twitter", "whatsapp", "pinterest", "linkedin", "zalo", "messenger", "telegram", "reddit", "tumblr", "flipboard"]);

/** A line made of share-bar words with at least two network names (one stray word allowed). */
function isShareBar(folded: string): boolean {
  const words = folded.split(/[\s|•·,/]+/).filter(Boolean);
  if (words.length < 2 || words.length > 12) return false;
  const networks = words.filter((w) => SHARE_NETWORKS.has(w)).length;
  const unknown = words.filter((w) => !SHARE_WORDS.has(w)).length;
  return networks >= 2 && unknown <= (words.length >= 4 ? 1 : 0);
}

/** A sentence ends the line: ".", "!", "?", "…", possibly inside closing quotes/brackets. */
const SENTENCE_END = /[.!?…]["”’»)\]]*$/u;

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** Short, no sentence end: a headline, a teaser title, a menu entry, a byline. */
function isHeadlineLike(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 200 && wordCount(t) <= 32 && !SENTENCE_END.test(t);
}

/** Running text: ends a sentence and is long enough to be a paragraph, not a label. */
function isBodyLike(line: string): boolean {
  const t = line.trim();
  return SENTENCE_END.test(t) && wordCount(t) >= 12;
}

function normKey(line: string): string {
  return fold(line).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** "X X": the same headline written twice on one line (teaser link text + title attribute). */
export function isDoubledLine(line: string): boolean {
  const words = line.trim().split(/\s+/);
  if (words.length < 6 || words.length % 2 !== 0) return false;
  const half = words.length / 2;
  return normKey(words.slice(0, half).join(" ")) === normKey(words.slice(half).join(" "));
}

/**
 * A line that is only the page's date stamp ("Thứ bảy 07/06/2025 20:41", "Cập nhật: 14:20,
 * 03/07/2023", "July 3, 2023 10:05 AM"): metadata, not body. The page date reads it before.
 */
const STAMP_LABEL = /^(published|updated|posted|last updated|cap nhat|dang|ngay dang|thoi gian)\b/;

function isStampLine(line: string): boolean {
  const t = line.trim();
  if (t.length > 80 || SENTENCE_END.test(t) && !/\b(a|p)\.m\.$/i.test(t)) return false;
  const wordsWithoutDigits = t.split(/\s+/).filter((w) => !/\d/.test(w) && /\p{L}/u.test(w));
  const labelled = STAMP_LABEL.test(fold(t));
  return wordsWithoutDigits.length <= (labelled ? 14 : 6) && parseBylineStamp(t, "UTC") !== null;
}

/** Rule for a single line on its own, or null when the line is not junk by itself. */
function lineRule(line: string): string | null {
  const f = fold(line).replace(/\s+/g, " ").trim();
  if (f.length === 0) return null;
  const short = f.length <= 160;
  if (short && FOLLOW_MOI.test(f)) return "follow-line";
  if (f.length <= 100 && FOLLOW_THEO_DOI.test(f)) return "follow-line";
  if (short && FOLLOW_EN.test(f)) return "follow-line";
  if (short && QR_LINE.test(f)) return "share-qr";
  const bare = f.replace(/[\s:|•·\-–—]+$/u, "").replace(/^[\s|•·\-–—]+/u, "");
  if (SHARE_LINE.test(bare) || (short && SHARE_PREFIX.test(bare)) || isShareBar(bare)) return "share-line";
  if (f.length <= 250 && INLINE_POINTER.test(f) && !isBlockMarker(line)) return "read-more-inline";
  if (isStampLine(line)) return "date-stamp";
  return null;
}

/**
 * End of a related block that starts after index `start`: teaser titles (short), duplicated titles,
 * snippets (a running-text line followed by another teaser title), further markers and share lines
 * belong to it; the block ends where two running-text paragraphs follow each other, which is how
 * article text reads and a teaser list never does. Returns the first index not in the block.
 */
function blockEnd(lines: string[], start: number): number {
  const seen = new Set<string>();
  let k = start;
  while (k < lines.length) {
    const line = lines[k]!;
    const key = normKey(line);
    if (isBlockMarker(line) || lineRule(line) !== null || seen.has(key) || isHeadlineLike(line) || isDoubledLine(line)) {
      seen.add(key);
      k++;
      continue;
    }
    // A running-text line: a teaser snippet when a teaser title (or the end) comes next.
    const next = lines[k + 1];
    if (next === undefined || !isBodyLike(next) || seen.has(normKey(next)) || isBlockMarker(next)) {
      seen.add(key);
      k++;
      continue;
    }
    break;
  }
  return k;
}

/**
 * Filters junk lines out of an article's paragraphs. Works on Readability paragraphs and on
 * plain-text dumps alike; order of the kept lines is preserved.
 *
 * Rules: `related-block` (a marker heading and the teaser items after it), `read-more-inline`,
 * `follow-line`, `share-qr`, `share-line`, `date-stamp`, `repeated-line` (equal to the previous line),
 * `doubled-headline` ("X X"), `repeated-title` (the page title again in the body),
 * `repeated-headline` (a short headline-like line already seen earlier).
 */
export function filterJunkLines(lines: string[], opts: JunkFilterOptions = {}): JunkFilterResult {
  const kept: string[] = [];
  const removed: RemovedLine[] = [];
  const titleKey = opts.title ? normKey(opts.title) : null;
  const seenHeadlines = new Set<string>();
  let prevKey: string | null = null;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!.trim();
    if (line.length === 0) {
      i++;
      continue;
    }
    if (isBlockMarker(line)) {
      const end = blockEnd(lines, i + 1);
      removed.push({ text: line, rule: "related-block" });
      for (let k = i + 1; k < end; k++) {
        const t = lines[k]!.trim();
        if (t) removed.push({ text: t, rule: "related-block" });
      }
      i = end;
      prevKey = null;
      continue;
    }
    const key = normKey(line);
    let rule = lineRule(line);
    // Short repeats are table cells and list counters, not headlines.
    if (rule === null && key.length >= 12 && key === prevKey) rule = "repeated-line";
    if (rule === null && isDoubledLine(line)) rule = "doubled-headline";
    if (rule === null && titleKey && key === titleKey) rule = "repeated-title";
    if (rule === null && isHeadlineLike(line) && wordCount(line) >= 5 && seenHeadlines.has(key)) rule = "repeated-headline";
    if (rule !== null) {
      removed.push({ text: line, rule });
    } else {
      kept.push(line);
      if (isHeadlineLike(line)) seenHeadlines.add(key);
    }
    if (titleKey && key === titleKey) seenHeadlines.add(key);
    prevKey = key;
    i++;
  }
  return { kept, removed };
}

/** Credit words that mark a photo caption: "Ảnh", "Ảnh minh họa", "Nguồn ảnh", "Photo", "Photograph". */
const CREDIT = "(?:anh minh hoa|nguon anh|anh|photo(?:graph)?s?|image|picture|credit|video)";
/** "… Belousov (Ảnh: Reuters)", "(Ảnh minh họa)", "(Photo: AP)" at the end of a line. */
const CAPTION_PAREN = new RegExp(`\\(\\s*${CREDIT}\\b[^()]{0,80}\\)\\s*\\.?$`);
/** "… người đồng cấp Nga. Ảnh: France 24.", "… in Hanoi. Photo: Reuters" at the end of a line. */
const CAPTION_TAIL = new RegExp(`(?:^|[.!?|]\\s+|\\s[-–—|]\\s|^)${CREDIT}\\s*:\\s*[^:!?]{1,60}$`);

/**
 * True for a photo caption written as a line of text: "(Ảnh: X)" / "Ảnh: X." / "Photo: X" credit at
 * the end, as news sites print under pictures. Such lines are captions, not body text.
 */
export function isCaptionLine(line: string): boolean {
  const f = fold(line).replace(/\s+/g, " ").trim();
  if (f.length === 0 || f.length > 400) return false;
  return CAPTION_PAREN.test(f) || CAPTION_TAIL.test(f);
}
