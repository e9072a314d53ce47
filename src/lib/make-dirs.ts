/**
 * `mkdir -p` that fails instead of spinning. Node's mkdirSync(dir, { recursive: true }) loops
 * forever when mkdir answers ENOENT under a parent that exists — as it does in /proc
 * (`relations --db /proc/x/r.db …` hung at 100% CPU). Here each missing level is made once, from
 * the top, and the first refusal is thrown with the folder it was about.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

export function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      // made meanwhile by another process: fine, if it is a folder
      if ((e as NodeJS.ErrnoException).code === "EEXIST" && statSync(d).isDirectory()) continue;
      throw new Error(`cannot create the folder ${d} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
}
