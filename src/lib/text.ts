/**
 * Folding for matching: NFD, strip combining marks, đ→d, lower case. "Đổng Quân" and
 * "dong quan" fold to the same string; NFD input works because we decompose first.
 */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

/** Unicode NFC, the one normal form stored. */
export function nfc(s: string): string {
  return s.normalize("NFC");
}

/** A JSON array of strings as stored in a text column; [] for anything else. */
export function parseJsonList(s: string): string[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
