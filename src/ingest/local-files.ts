/**
 * Local sources: a file or a folder (searched recursively) of `.txt` and `.html` articles.
 *
 * `.txt` files follow the seeds' format. The first line may be a date header, with a leading
 * space in the seeds, then either the outlet or the title:
 *   " date 2023-08 (VTC News) -"                        → month precision, outlet VTC News
 *   " date 2026-01-28 Bộ trưởng Quốc phòng Trung Quốc …" → day precision, that title
 * or a page stamp copied from the site ("Thứ bảy 07/06/2025 20:41", local time of the outlet);
 * with neither, the first line is the title. `.html` files go through extractPage like pages.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import type { ExtractedPage, PageDate } from "./types.ts";
import { zoneOffsetMinutes } from "./page-date.ts";
import { fileUrlOf } from "./source-target.ts";
import { cleanPlainText, extractPage } from "./extract-page.ts";
import { nonTextReason } from "./content-sniff.ts";
import { decodeBody } from "./encoding.ts";

/** An article read from a local file, before it is stored. */
export interface LocalArticle {
  title: string;
  text: string;
  captions: string[];
  outlet: string | null;
  published: PageDate | null;
  language: string | null;
  canonicalUrl: string | null;
}

/** Size cap of a local file when none is given: FETCH_MAX_BYTES' default. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Extensions read from folders. */
export const LOCAL_EXTENSIONS = [".txt", ".html", ".htm"] as const;

export { fileUrlOf };

/** The files a path stands for: itself, or every .txt/.html below a folder, sorted. */
export async function listLocalFiles(path: string): Promise<string[]> {
  const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`local-files: cannot read ${path}: ${err.code ?? err.message}`);
  });
  if (st.isFile()) return [resolve(path)];
  if (!st.isDirectory()) throw new Error(`local-files: neither a file nor a folder: ${path}`);
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && (LOCAL_EXTENSIONS as readonly string[]).includes(extname(e.name).toLowerCase()))
    .map((e) => resolve(join(e.parentPath, e.name)))
    .sort();
}

/** Whether a path is a folder (false for files; throws when it does not exist). */
export async function isFolder(path: string): Promise<boolean> {
  return (await stat(path)).isDirectory();
}

// " date 2023-08 (VTC News) -", " date 2026-01-28 Title …"
const DATE_HEADER = /^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?(?=\s|$)\s*(.*)$/i;
// "(VTC News) -", "(VOV) - Title"
const OUTLET_PREFIX = /^\((?<outlet>[^)]{1,80})\)\s*(?:[-–—:]\s*)?(?<rest>.*)$/;
// "VOV.VN - Hôm qua (3/7), …": the outlet's own dateline at the start of the body
const DATELINE_OUTLET = /^([A-Z][A-Za-z0-9]*\.(?:VN|vn|com|net|org))\s*[-–—]\s/;
// "Thứ bảy 07/06/2025 20:41", "07/06/2025", "Monday 07/06/2025 08:05" (day first, as VN sites write)
const STAMP_LINE =
  /^\s*(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy)|chủ\s+nhật|[a-z]+day)\s*,?\s*)?(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s*[,-]?\s*(\d{1,2}):(\d{2}))?\s*(?:\(?(?:gmt|utc)\s*[+-]\s*\d{1,2}\)?)?\s*$/iu;

/**
 * Parses a `.txt` article in the seeds' format. Returns null when it holds no text at all.
 * Without any title line (" date 2023-08 (VTC News) -") the title is the body's first
 * sentence, cut at 120 characters, because every article needs a label.
 */
export function parseTextFile(raw: string, opts: { timeZone: string }): LocalArticle | null {
  const lines = raw.replace(/^\uFEFF/, "").normalize("NFC").split(/\r?\n/);
  let published: PageDate | null = null;
  let outlet: string | null = null;
  let title: string | null = null;
  let i = 0;
  const first = lines[0] ?? "";
  const header = DATE_HEADER.exec(first);
  const stamp = header ? null : STAMP_LINE.exec(first);
  if (header) {
    const [, y, m, d, restRaw] = header;
    published = { iso: d ? `${y}-${m}-${d}` : `${y}-${m}`, precision: d ? "day" : "month", source: "text_header", raw: first.trim() };
    let rest = (restRaw ?? "").trim();
    const o = OUTLET_PREFIX.exec(rest);
    if (o?.groups) {
      outlet = o.groups.outlet!.trim();
      rest = o.groups.rest!.trim();
    }
    rest = rest.replace(/^[-–—:]\s*/, "").trim();
    if (rest) title = rest;
    i = 1;
  } else if (stamp) {
    const [, dd, mm, yyyy, hh, mi] = stamp;
    const day = Number(dd), month = Number(mm);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
      const date = `${yyyy}-${pad(month)}-${pad(day)}`;
      published =
        hh !== undefined && mi !== undefined
          ? { iso: zonedIso(date, Number(hh), Number(mi), opts.timeZone), precision: "minute", source: "text_header", raw: first.trim() }
          : { iso: date, precision: "day", source: "text_header", raw: first.trim() };
      i = 1;
    }
  }
  if (title === null) {
    while (i < lines.length && !lines[i]!.trim()) i++;
    if (!header && i < lines.length) title = lines[i++]!.trim();
  }
  const body = lines.slice(i).join("\n");
  const cleaned = cleanPlainText(body, { title });
  const text = cleaned.text.trim();
  if (!text && !title) return null;
  if (!title) title = firstSentence(text);
  outlet ??= DATELINE_OUTLET.exec(text)?.[1] ?? null;
  return {
    title,
    text,
    captions: cleaned.captions,
    outlet,
    published,
    language: guessLanguage(`${title}\n${text}`),
    canonicalUrl: null,
  };
}

/** Reads one local file into an article (null when it holds nothing usable), with its bytes. */
export async function readLocalArticle(
  path: string,
  opts: {
    timeZone: string;
    /** files larger than this are refused before they are read (default 5 MB, like fetched pages) */
    maxBytes?: number;
    extract?: (html: string, url: string) => ExtractedPage | null | Promise<ExtractedPage | null>;
  },
): Promise<{ url: string; bytes: Buffer; contentType: string; article: LocalArticle | null }> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const size = (await stat(path)).size;
  // A 10 MB .txt took 190 s and 1.5 GB: local files get the cap fetched pages have.
  if (size > maxBytes) throw new Error(`local-files: file larger than ${maxBytes} bytes (FETCH_MAX_BYTES), not read: ${path}`);
  const bytes = await readFile(path);
  const notText = nonTextReason(bytes, null);
  if (notText) throw new Error(`local-files: ${notText}: ${path}`);
  const url = fileUrlOf(path);
  const ext = extname(path).toLowerCase();
  // Local files are mostly UTF-8 (the seeds); the same decoding as fetched pages also reads a
  // BOM, UTF-16 (which the binary sniff lets through) and legacy single-byte files.
  const content = decodeBody(bytes, ext === ".txt" ? "text/plain" : null).text;
  if (ext === ".txt") return { url, bytes, contentType: "text/plain; charset=utf-8", article: parseTextFile(content, opts) };
  const page = opts.extract ? await opts.extract(content, url) : extractPage(content, url, { timeZone: opts.timeZone });
  return {
    url,
    bytes,
    contentType: "text/html; charset=utf-8",
    article: page && {
      title: page.title,
      text: page.text,
      captions: page.captions,
      outlet: page.siteName,
      published: page.published,
      language: page.language ?? guessLanguage(`${page.title}\n${page.text}`),
      canonicalUrl: page.canonicalUrl,
    },
  };
}

const VI_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/giu;

/**
 * A language guess for text the extractor left unlabelled: Vietnamese when its letters carry
 * Vietnamese diacritics (≥ 3 % of letters — real Vietnamese prose is around 30 %), English when
 * the letters are plain Latin, otherwise null.
 */
export function guessLanguage(text: string): "vi" | "en" | null {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return null;
  const vi = text.match(VI_LETTERS)?.length ?? 0;
  if (vi / letters >= 0.03) return "vi";
  const latin = text.match(/[a-z]/gi)?.length ?? 0;
  return latin / letters >= 0.9 ? "en" : null;
}

function firstSentence(text: string): string {
  const para = text.split(/\n/)[0]?.trim() ?? "";
  const sentence = /^(.+?[.!?…])(?:\s|$)/u.exec(para)?.[1] ?? para;
  if (sentence.length <= 120) return sentence;
  const cut = sentence.slice(0, 120);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), 60)) + "…";
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2025-06-07", 20:41 in Asia/Ho_Chi_Minh → "2025-06-07T20:41:00+07:00". */
export function zonedIso(date: string, hour: number, minute: number, timeZone: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, hour, minute);
  // The zone's offset at that instant; good enough across DST edges for news stamps.
  const offsetMin = zoneOffsetMinutes(timeZone, asUtc);
  const sign = offsetMin >= 0 ? "+" : "-";
  const abs = Math.abs(offsetMin);
  return `${date}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
