/**
 * Refuses bodies that are not text before they are decoded and extracted: by the declared
 * Content-Type (a PDF, an image, a zip…) and by sniffing the bytes (file signatures, NULs and
 * other control bytes that text never holds — the WHATWG MIME sniffing "binary data bytes").
 * Without this a PDF became an "article" of mojibake.
 */

/** Content types that are never an article page. `application/octet-stream` is left to the sniff. */
const BINARY_TYPE = /^(?:image|audio|video|font|model)\/|^application\/(?:pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|x-rar-compressed|vnd\.rar|msword|vnd\.(?:openxmlformats|ms-|oasis)[\w.+-]*|x-shockwave-flash|wasm|x-msdownload|java-archive|x-bzip2?|x-xz|zstd)$/i;

/** Signatures at the start of common binary formats: "%PDF-", PNG, GIF8, JPEG, zip, gzip, RIFF, OLE2. */
const SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: "PDF", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: "PNG", bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: "GIF", bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: "JPEG", bytes: [0xff, 0xd8, 0xff] },
  { name: "zip", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: "gzip", bytes: [0x1f, 0x8b] },
  { name: "RIFF", bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: "OLE2", bytes: [0xd0, 0xcf, 0x11, 0xe0] },
];

/** How much of the body is sniffed. */
const SNIFF_BYTES = 8192;

/** Bytes 00–08, 0B, 0E–1A, 1C–1F: never in text (tab, LF, FF, CR and ESC are allowed). */
function isBinaryByte(b: number): boolean {
  return b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f);
}

/**
 * Null when the body may be text; else why it is not ("content type application/pdf",
 * "a PDF file", "binary bytes (NUL) in the first 8 KB"). UTF-16 text (a BOM, or ASCII with
 * every other byte NUL) is text.
 */
export function nonTextReason(bytes: Buffer, contentType: string | null): string | null {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type && BINARY_TYPE.test(type)) return `content type ${type} is not a page`;
  for (const sig of SIGNATURES) {
    if (sig.bytes.every((v, i) => bytes[i] === v)) return `the body is a ${sig.name} file, not a page`;
  }
  if (utf16Order(bytes)) return null;
  const head = bytes.subarray(0, SNIFF_BYTES);
  let bad = -1;
  for (let i = 0; i < head.length; i++) {
    if (isBinaryByte(head[i]!)) {
      bad = head[i]!;
      break;
    }
  }
  if (bad >= 0) return `binary bytes (0x${bad.toString(16).padStart(2, "0")}) in the body, not text`;
  return null;
}

/**
 * "utf-16le" / "utf-16be" for UTF-16 text: a BOM, or (no BOM) markup whose every other byte is
 * NUL — ASCII in UTF-16 — in the first KB; else null.
 */
export function utf16Order(bytes: Buffer): "utf-16le" | "utf-16be" | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 16) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero >= half * 0.7 && evenZero <= half * 0.05) return "utf-16le";
  if (evenZero >= half * 0.7 && oddZero <= half * 0.05) return "utf-16be";
  return null;
}
