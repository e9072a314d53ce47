/**
 * `../shared` beside the project: seeds, the scorer and the extraction benchmark come from there
 * (see the README's "Quality and speed"). Scripts find it from their own location, never by an
 * absolute path, and stop with one line when it is not there.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";

/** The project's root folder. */
export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");

/** A path inside ../shared. */
export function sharedPath(...parts: string[]): string {
  return resolve(PROJECT_ROOT, "..", "shared", ...parts);
}

/**
 * Exits the script (code 2) with one line on stderr when a path it needs is missing, so a clone
 * without ../shared gets a sentence, not an ENOENT stack trace.
 */
export function requirePaths(script: string, paths: string[]): void {
  const missing = paths.filter((p) => !existsSync(p));
  if (!missing.length) return;
  const shown = missing.map((p) => relative(process.cwd(), p) || p).join(", ");
  console.error(`${script}: needs ${shown} (from ../shared beside the project), which is not there; nothing run`);
  process.exit(2);
}
