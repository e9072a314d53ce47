/** Queries on `refused_pages`: pages given up for an extraction limit, so they are not retried as they are. */
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "./client.ts";
import { refusedPages } from "./schema.ts";

/** The hash a refused page is remembered by (its decoded text, exactly). */
export function pageTextHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Remembers that the page at `url` with this text was refused, and why. */
export function recordRefusedPage(db: Db, r: { url: string; text: string; reason: string; now: Date }): void {
  const row = { url: r.url, textHash: pageTextHash(r.text), reason: r.reason, at: r.now.toISOString() };
  db.insert(refusedPages)
    .values(row)
    .onConflictDoUpdate({ target: refusedPages.url, set: { textHash: row.textHash, reason: row.reason, at: row.at } })
    .run();
}

/** The reason the page at `url` with exactly this text was refused before, or null. */
export function refusedReason(db: Db, url: string, text: string): string | null {
  return (
    db
      .select({ reason: refusedPages.reason })
      .from(refusedPages)
      .where(and(eq(refusedPages.url, url), eq(refusedPages.textHash, pageTextHash(text))))
      .get()?.reason ?? null
  );
}
