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
