/**
 * The publication date of a page: first from its metadata (article:published_time, JSON-LD
 * datePublished, itemprop, <time datetime>), else from a visible byline stamp
 * ("Thứ bảy 07/06/2025 20:41", "Cập nhật: 14:20, 03/07/2023", "July 3, 2023").
 *
 * Numeric Vietnamese dates are day/month/year and are never handed to Date.parse (which reads
 * US order). A stamp without an offset is the outlet's local time, converted with the given IANA
 * time zone, and the result is ISO-8601 with that offset.
 */
import { parseHTML } from "linkedom";
import type { PageDate } from "./types.ts";
import { wallTimeToUtc, zoneOffsetMinutes as zoneOffsetAt } from "../lib/time-zone.ts";

/** Offset in minutes of `timeZone` at the instant `utcMs` (src/lib/time-zone.ts), with this module's error prefix. */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  try {
    return zoneOffsetAt(timeZone, utcMs);
  } catch (err) {
    throw err instanceof RangeError ? new Error(`ingest: ${err.message}`) : err;
  }
}

function pad(n: number, w = 2): string {
  return String(Math.abs(n)).padStart(w, "0");
}

/** Formats an instant as YYYY-MM-DDTHH:mm:00±HH:MM in the given offset. */
function formatWithOffset(utcMs: number, offsetMin: number): string {
  const d = new Date(utcMs + offsetMin * 60000);
  const sign = offsetMin < 0 ? "-" : "+";
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00${sign}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`
  );
}

/** Wall-clock time in `timeZone` → UTC milliseconds (two passes settle DST edges). */
function localToUtc(y: number, mo: number, d: number, h: number, mi: number, timeZone: string): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  try {
    return wallTimeToUtc(wall, timeZone);
  } catch (err) {
    throw err instanceof RangeError ? new Error(`ingest: ${err.message}`) : err;
  }
}

function validDate(y: number, mo: number, d: number): boolean {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

interface Parts {
  y: number;
  mo: number;
  d: number;
  h?: number;
  mi?: number;
  /** explicit offset in minutes when the stamp has one */
  offset?: number;
}

/** Builds the PageDate from parts: minute precision when a time is present, else day. */
function toPageDate(p: Parts, timeZone: string, source: PageDate["source"], raw: string): PageDate | null {
  if (!validDate(p.y, p.mo, p.d)) return null;
  if (p.h === undefined || p.mi === undefined || p.h > 23 || p.mi > 59) {
    return { iso: `${p.y}-${pad(p.mo)}-${pad(p.d)}`, precision: "day", source, raw };
  }
  const utc =
    p.offset !== undefined
      ? Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) - p.offset * 60000
      : localToUtc(p.y, p.mo, p.d, p.h, p.mi, timeZone);
  return { iso: formatWithOffset(utc, zoneOffsetMinutes(timeZone, utc)), precision: "minute", source, raw };
}

/** "+07:00", "+0700", "+7", "Z" → minutes. */
function parseOffset(s: string | undefined): number | undefined {
  if (!s) return undefined;
  if (/^z$/i.test(s)) return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(s.trim());
  if (!m) return undefined;
  const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === "-" ? -v : v;
}

/** ISO-8601 as metadata writes it: "2023-07-03", "2023-07-03T14:20", "2023-07-03 14:20:05+07:00", "…Z". */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i;

/** Reads an ISO-8601 metadata value (offset-less times are the outlet's local time). */
export function parseIsoStamp(value: string, timeZone: string, source: PageDate["source"] = "page_metadata"): PageDate | null {
  const m = ISO.exec(value.trim());
  if (!m) return null;
  return toPageDate(
    {
      y: Number(m[1]),
      mo: Number(m[2]),
      d: Number(m[3]),
      h: m[4] === undefined ? undefined : Number(m[4]),
      mi: m[5] === undefined ? undefined : Number(m[5]),
      offset: parseOffset(m[6]),
    },
    timeZone,
    source,
    value.trim(),
  );
}

const META_SELECTORS = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[property="og:published_time"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="publish-date"]',
  'meta[name="publish_date"]',
  'meta[name="date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date.issued"]',
  'meta[name="dcterms.created"]',
  'meta[name="parsely-pub-date"]',
  'meta[name="sailthru.date"]',
];

/** Finds datePublished anywhere in a JSON-LD value (objects, arrays, @graph). */
function findJsonLdDate(v: unknown, depth = 0): string | null {
  if (depth > 6 || v === null || typeof v !== "object") return null;
  if (Array.isArray(v)) {
    for (const x of v) {
      const r = findJsonLdDate(x, depth + 1);
      if (r) return r;
    }
    return null;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.datePublished === "string") return o.datePublished;
  for (const k of ["@graph", "mainEntity", "mainEntityOfPage"]) {
    const r = findJsonLdDate(o[k], depth + 1);
    if (r) return r;
  }
  return null;
}

/** Metadata dates, in order of trust; the first one that parses wins. */
function findMetadataDate(doc: Document, timeZone: string): PageDate | null {
  for (const sel of META_SELECTORS) {
    const v = doc.querySelector(sel)?.getAttribute("content");
    const r = v ? parseIsoStamp(v, timeZone) : null;
    if (r) return r;
  }
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const v = findJsonLdDate(JSON.parse(s.textContent ?? ""));
      const r = v ? parseIsoStamp(v, timeZone) : null;
      if (r) return r;
    } catch {
      // a broken JSON-LD block is common and not our problem; other sources remain
    }
  }
  for (const el of Array.from(doc.querySelectorAll('[itemprop="datePublished"], time[datetime]'))) {
    const v = el.getAttribute("datetime") ?? el.getAttribute("content");
    const r = v ? parseIsoStamp(v, timeZone) : null;
    if (r) return r;
  }
  return null;
}

const MONTHS_EN: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const MONTH_NAME = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
/** "20:41", "14h20", "10:05 AM", "10:05 a.m." */
const TIME = "(\\d{1,2})\\s*[:h]\\s*(\\d{2})(?::\\d{2})?(?:\\s*([ap])\\.?m\\.?)?";
/** "GMT+7", "(GMT+07:00)", "UTC+7", "+07:00" */
const ZONE = "\\(?(?:gmt|utc)\\s*([+-]\\d{1,2}(?::?\\d{2})?)\\)?";
/** "07/06/2025", "7-6-2025", "07.06.2025": day first, as Vietnamese writes it. */
const VI_DATE = "(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})";
/** "ngày 3 tháng 7 năm 2023" (folded) */
const VI_WORDS = "ngay (\\d{1,2}) thang (\\d{1,2}) nam (\\d{4})";

/** Byline patterns over folded text; each turns a match into parts. Ordered: most specific first. */
const BYLINE_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => Parts }[] = [
  {
    // "Thứ bảy 07/06/2025 20:41", "07/06/2025 - 20:41 (GMT+7)", "Thứ Bảy, 7/6/2025, 20:41 (GMT+7)"
    re: new RegExp(`${VI_DATE}\\s*(?:[-,|]\\s*)?(?:luc\\s*)?${TIME}(?:\\s*${ZONE})?`),
    read: (m) => ({ d: +m[1]!, mo: +m[2]!, y: +m[3]!, ...clock(m[4], m[5], m[6]), offset: parseOffset(m[7]) }),
  },
  {
    // "Cập nhật: 14:20, 03/07/2023", "20:41 ngày 07/06/2025", "10:05 GMT+7 07/06/2025"
    re: new RegExp(`${TIME}(?:\\s*${ZONE})?\\s*(?:[-,|]\\s*)?(?:ngay\\s*)?(?:thu [a-z0-9]+,?\\s*|chu nhat,?\\s*)?${VI_DATE}`),
    read: (m) => ({ ...clock(m[1], m[2], m[3]), offset: parseOffset(m[4]), d: +m[5]!, mo: +m[6]!, y: +m[7]! }),
  },
  {
    // "July 3, 2023", "Jul 3, 2023 10:05 AM GMT+7", "July 3, 2023, 10:05 a.m."
    re: new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?:\\s*(?:[-,|@]|at)?\\s*${TIME}(?:\\s*${ZONE})?)?`),
    read: (m) => ({ mo: MONTHS_EN[m[1]!.replace(".", "")]!, d: +m[2]!, y: +m[3]!, ...clock(m[4], m[5], m[6]), offset: parseOffset(m[7]) }),
  },
  {
    // "3 July 2023 10:05 GMT+7", "03 Jul 2023"
    re: new RegExp(`\\b(\\d{1,2})\\s+${MONTH_NAME},?\\s+(\\d{4})(?:\\s*(?:[-,|@]|at)?\\s*${TIME}(?:\\s*${ZONE})?)?`),
    read: (m) => ({ d: +m[1]!, mo: MONTHS_EN[m[2]!.replace(".", "")]!, y: +m[3]!, ...clock(m[4], m[5], m[6]), offset: parseOffset(m[7]) }),
  },
  {
    // "ngày 3 tháng 7 năm 2023"
    re: new RegExp(VI_WORDS),
    read: (m) => ({ d: +m[1]!, mo: +m[2]!, y: +m[3]! }),
  },
  {
    // "ngày 3/7/2023", "03/07/2023" alone
    re: new RegExp(`(?:^|[^\\d/])${VI_DATE}(?![\\d/])`),
    read: (m) => ({ d: +m[1]!, mo: +m[2]!, y: +m[3]! }),
  },
];

function clock(h: string | undefined, mi: string | undefined, ampm: string | undefined): { h?: number; mi?: number } {
  if (h === undefined || mi === undefined) return {};
  let hour = Number(h);
  if (ampm === "p" && hour < 12) hour += 12;
  if (ampm === "a" && hour === 12) hour = 0;
  return { h: hour, mi: Number(mi) };
}

/** Reads a visible stamp from one short line of text, or null. */
export function parseBylineStamp(line: string, timeZone: string, source: PageDate["source"] = "byline"): PageDate | null {
  const f = line
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ");
  for (const { re, read } of BYLINE_PATTERNS) {
    const m = re.exec(f);
    if (!m) continue;
    const r = toPageDate(read(m), timeZone, source, line.trim());
    if (r) return r;
  }
  return null;
}

/** Elements where sites print the visible stamp: class/id with date, time, publish, byline, meta. */
const STAMP_SELECTOR =
  '[class*="date" i], [class*="time" i], [class*="publish" i], [class*="byline" i], [class*="posted" i], [id*="date" i], time';

/** Short lines only: a date inside a body sentence is an event date, not the page's stamp. */
const MAX_STAMP_LINE = 100;

/**
 * Finds the publication date of a page: metadata first (source page_metadata), else a visible
 * stamp in a date/byline element or in a short line of the text (source byline).
 * `text` is the extracted body (or plain text) searched for a stamp line.
 */
export function findPageDate(docOrHtml: Document | string | null, text: string, timeZone: string): PageDate | null {
  const doc =
    typeof docOrHtml === "string"
      ? (parseHTML(/<html[\s>]/i.test(docOrHtml) ? docOrHtml : `<html><head></head><body>${docOrHtml}</body></html>`)
          .document as unknown as Document)
      : docOrHtml;
  if (doc) {
    const meta = findMetadataDate(doc, timeZone);
    if (meta) return meta;
    // Site headers and menus print today's date ("Thứ Hai, 24/11/2026"): skip them, and prefer a
    // stamp with a time, which is how bylines are written, over a bare date.
    let n = 0;
    let dayOnly: PageDate | null = null;
    for (const el of Array.from(doc.querySelectorAll(STAMP_SELECTOR))) {
      if (++n > 200) break;
      if (el.closest("nav") || (el.closest("header") && !el.closest("article"))) continue;
      const t = (el.textContent ?? "").replace(/\s+/g, " ").trim();
      if (t.length === 0 || t.length > MAX_STAMP_LINE) continue;
      const r = parseBylineStamp(t, timeZone);
      if (r?.precision === "minute") return r;
      dayOnly ??= r;
    }
    if (dayOnly) return dayOnly;
  }
  const lines = text.split(/\n+/).map((l) => l.trim()).filter((l) => l.length > 0 && l.length <= MAX_STAMP_LINE);
  // Stamps sit at the top or the bottom of an article; a date in the middle is usually an event.
  const candidates = [...lines.slice(0, 8), ...lines.slice(-6)];
  for (const line of candidates) {
    const r = parseBylineStamp(line, timeZone);
    if (r) return r;
  }
  return null;
}
