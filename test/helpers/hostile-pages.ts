/** Hostile pages for the "evil" loopback server of the hostile-input tests and bench:hostile. */

/** `"<div>".repeat(n) + "<p>text</p>" + "</div>".repeat(n)`: Readability is quadratic in depth. */
export function nestedDivPage(n: number): string {
  return `<!doctype html><html><head><title>Nested</title></head><body>${"<div>".repeat(n)}<p>text</p>${"</div>".repeat(n)}</body></html>`;
}

/** About `bytes` of sibling boxes with a short paragraph each: shallow, but slow to score (~3.5 s per MB). */
export function widePage(bytes: number): string {
  const box = "<div><p>Lorem ipsum dolor sit amet consectetur.</p></div>\n";
  return `<!doctype html><html><head><title>Wide</title></head><body>${box.repeat(Math.ceil(bytes / box.length))}</body></html>`;
}
