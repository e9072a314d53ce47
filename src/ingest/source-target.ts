/**
 * What a source target string is: an http(s) URL, or a local path stored as a file:// URL.
 * Kept apart from the heavy ingest modules so `relations sources list` starts fast.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** Whether a target string is an http(s) URL (otherwise a path or a file:// URL). */
export function isHttpUrl(target: string): boolean {
  return /^https?:\/\//i.test(target.trim());
}

/** The `file://` URL a local path is stored under (sources.url, articles.canonical_url). */
export function fileUrlOf(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

/** The URL a target is registered under: http(s) as given (trimmed), paths as file:// URLs. */
export function sourceUrlOf(target: string): string {
  const t = target.trim();
  if (isHttpUrl(t) || /^file:\/\//i.test(t)) return t;
  return fileUrlOf(t);
}
