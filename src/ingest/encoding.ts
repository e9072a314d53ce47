/**
 * Bytes → text. The charset comes from, in order: a byte-order mark, the Content-Type header, a
 * `<meta charset>` / `<meta http-equiv=content-type>` / XML declaration in the first KB, else UTF-8.
 * Declarations are checked against the bytes because Vietnamese sites often lie: a header that says
 * iso-8859-1 over valid UTF-8, or a meta that says utf-8 over windows-1258 bytes. The result is NFC.
 */
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { utf16Order } from "./content-sniff.ts";

/** Where the charset used for decoding was found. */
export type CharsetSource = "bom" | "header" | "meta" | "sniffed" | "default";

/** Decoded text with the charset used and its source. */
export interface DecodedBody {
  text: string;
  /** the charset actually used to decode (iconv-lite name, lower case) */
  charset: string;
  source: CharsetSource;
}

/** How far into the document we look for a `<meta>` or XML declaration (HTML spec says 1024; be generous). */
const SNIFF_BYTES = 4096;

/** Decodes a response body; never throws (unknown labels fall back to detection). */
export function decodeBody(bytes: Buffer, contentType: string | null): DecodedBody {
  const bom = detectBom(bytes);
  if (bom) return finish(iconv.decode(bytes.subarray(bom.length), bom.charset), bom.charset, "bom");
  // UTF-16 without a BOM (a page labelled UTF-16 only by its <meta>, which reads as ASCII
  // only once decoded): read as UTF-8 it became the text "<" and NULs.
  const wide = utf16Order(bytes);
  if (wide) return finish(iconv.decode(bytes, wide), wide, "sniffed");

  const fromHeader = normalizeCharset(charsetFromContentType(contentType));
  const fromMeta = fromHeader ? null : normalizeCharset(charsetFromMarkup(bytes), true);
  const declared = fromHeader ?? fromMeta;
  const declaredSource: CharsetSource = fromHeader ? "header" : "meta";

  if (!declared) {
    if (isUtf8(bytes)) return finish(bytes.toString("utf8"), "utf-8", "default");
    if (mostlyUtf8(bytes)) return finish(bytes.toString("utf8"), "utf-8", "sniffed");
    const guess = guessSingleByte(bytes);
    return finish(iconv.decode(bytes, guess), guess, "sniffed");
  }
  if (declared === "utf-8") {
    if (isUtf8(bytes)) return finish(bytes.toString("utf8"), "utf-8", declaredSource);
    // A UTF-8 page with a few broken sequences (a truncated paste): only those characters
    // become U+FFFD, instead of the whole page turning into windows-1252 mojibake.
    if (mostlyUtf8(bytes)) return finish(bytes.toString("utf8"), "utf-8", declaredSource);
    // Declared UTF-8 but the bytes are not: a legacy page with a copied template.
    const guess = guessSingleByte(bytes);
    return finish(iconv.decode(bytes, guess), guess, "sniffed");
  }
  if (isSingleByte(declared) && hasNonAscii(bytes) && (isUtf8(bytes) || mostlyUtf8(bytes))) {
    // Legacy text in a single-byte charset is practically never valid UTF-8 with multibyte
    // sequences, so valid UTF-8 here means the declaration is wrong.
    return finish(bytes.toString("utf8"), "utf-8", "sniffed");
  }
  return finish(iconv.decode(bytes, declared), declared, declaredSource);
}

/** The `charset=` parameter of a Content-Type value, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  // "text/html; charset=windows-1258", "application/rss+xml;charset=\"UTF-8\""
  const m = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m?.[2] ?? null;
}

/** A charset declared inside the document's first bytes (XML declaration or HTML meta), or null. */
export function charsetFromMarkup(bytes: Buffer): string | null {
  // latin1 maps bytes 1:1, so ASCII markup reads the same whatever the real charset is.
  const head = bytes.subarray(0, SNIFF_BYTES).toString("latin1");
  // <?xml version="1.0" encoding="windows-1258"?>
  const xml = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return xml[1];
  // <meta charset="utf-8"> / <meta charset=utf-8 />
  const metaCharset = /<meta\b[^>]*?\scharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(head);
  if (metaCharset?.[1]) return metaCharset[1];
  // <meta http-equiv="Content-Type" content="text/html; charset=windows-1258">
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?content-type/i.test(tag)) continue;
    const content = /\scontent\s*=\s*(["'])(.*?)\1/i.exec(tag)?.[2];
    const cs = charsetFromContentType(content ?? null);
    if (cs) return cs;
  }
  return null;
}

const BOMS: { bytes: number[]; charset: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], charset: "utf-8" },
  { bytes: [0xff, 0xfe], charset: "utf-16le" },
  { bytes: [0xfe, 0xff], charset: "utf-16be" },
];

function detectBom(bytes: Buffer): { charset: string; length: number } | null {
  for (const b of BOMS) {
    if (b.bytes.every((v, i) => bytes[i] === v)) return { charset: b.charset, length: b.bytes.length };
  }
  return null;
}

/**
 * Maps a label to the iconv-lite name we decode with, or null when unknown. Per the WHATWG
 * Encoding standard, latin1/ascii labels are decoded as windows-1252 (a superset browsers use).
 * A meta that claims UTF-16 cannot be right (we just read it as ASCII), so it means UTF-8.
 */
function normalizeCharset(label: string | null, fromMarkup = false): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^x-/, "");
  if (!l) return null;
  if (["utf8", "utf-8", "unicode-1-1-utf-8"].includes(l)) return "utf-8";
  if (/^(iso-?8859-1|latin-?1|l1|us-ascii|ascii|iso_8859-1|cp819|windows-1252|cp1252)$/.test(l)) return "windows-1252";
  if (/^(cp|windows-?)125[0-8]$/.test(l)) return "windows-" + l.slice(-4);
  if (fromMarkup && l.startsWith("utf-16")) return "utf-8";
  if (l === "utf-16") return "utf-16le";
  return iconv.encodingExists(l) ? l : null;
}

/**
 * True when the bytes hold more valid multi-byte UTF-8 sequences than invalid bytes: UTF-8 with
 * a few damaged characters. Legacy single-byte text practically never forms a valid sequence.
 */
export function mostlyUtf8(bytes: Buffer): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return valid > invalid;
}

function isSingleByte(charset: string): boolean {
  return /^(windows-125\d|iso-8859-\d+|koi8-[ru]|macintosh|tis-620)$/.test(charset);
}

function hasNonAscii(bytes: Buffer): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/**
 * windows-1258 or windows-1252 for bytes that are not UTF-8. Both share the Latin-1 letters
 * (â ê ô à á); Vietnamese in 1258 also needs bytes that are rare in Western text: Ă/ă (C3/E3),
 * Đ/đ (D0/F0), Ơ/ơ (D5/F5), Ư/ư (DD/FD) and the combining tones CC EC D2 DE F2 after a vowel.
 */
function guessSingleByte(bytes: Buffer): "windows-1258" | "windows-1252" {
  const vietOnly = new Set([0xc3, 0xe3, 0xd0, 0xf0, 0xd5, 0xf5, 0xdd, 0xfd]);
  const tones = new Set([0xcc, 0xec, 0xd2, 0xde, 0xf2]);
  let viet = 0;
  let high = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    high++;
    if (vietOnly.has(b)) viet++;
    else if (tones.has(b) && i > 0 && isLetterByte(bytes[i - 1]!)) viet++;
  }
  return viet >= 2 && viet * 5 >= high ? "windows-1258" : "windows-1252";
}

/** An ASCII letter or a windows-125x accented letter (a tone mark follows a base vowel). */
function isLetterByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0xc0 && b !== 0xd7 && b !== 0xf7);
}

function finish(text: string, charset: string, source: CharsetSource): DecodedBody {
  return { text: text.normalize("NFC"), charset, source };
}
