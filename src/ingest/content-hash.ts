/**
 * The content hash that recognises the same article under another URL: the text is reduced to
 * its words (NFC, lower case, punctuation and spacing dropped) so that re-wrapped paragraphs,
 * curly vs straight quotes or NFD input hash alike, then SHA-256.
 */
import { createHash } from "node:crypto";

/** The normalized form that is hashed (exported for tests and debugging). */
export function normalizeForHash(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** sha256 hex of the normalized text. */
export function contentHash(text: string): string {
  return createHash("sha256").update(normalizeForHash(text)).digest("hex");
}
