/** Shared setup for the ingest service tests: real fetcher on loopback, real DB. */
import iconv from "iconv-lite";
import type { Db } from "../../src/db/client.ts";
import { createFetcher, type ClosableFetcher } from "../../src/ingest/fetch.ts";
import { silentLogger } from "../../src/lib/log.ts";
import type { IngestDeps } from "../../src/services/ingest.ts";

/** A fetcher with short limits so failure cases stay fast. */
export function testFetcher(over: Partial<Parameters<typeof createFetcher>[0]> = {}): ClosableFetcher {
  return createFetcher({
    userAgent: "relations-test/1",
    timeoutMs: 800,
    maxBytes: 300_000,
    maxRedirects: 3,
    retries: 0,
    perHostConcurrency: 4,
    perHostDelayMs: 0,
    allowPrivateHosts: true,
    ...over,
  });
}

/** A clock the test can move. */
export function movableClock(start = "2026-03-01T10:00:00Z") {
  let t = new Date(start).getTime();
  const clock = () => new Date(t);
  return Object.assign(clock, { advance: (ms: number) => void (t += ms), set: (iso: string) => void (t = Date.parse(iso)) });
}

/** Deps for ingestOnce; `fetchers` collects fetchers to close. */
export function makeDeps(db: Db, fetchers: ClosableFetcher[], over: Partial<IngestDeps> = {}): IngestDeps {
  const fetcher = testFetcher();
  fetchers.push(fetcher);
  return { db, fetcher, clock: movableClock(), logger: silentLogger, timeZone: "Asia/Ho_Chi_Minh", ...over };
}

/** Rows of a table as plain objects. */
export function rows<T = Record<string, unknown>>(db: Db, sql: string, ...params: unknown[]): T[] {
  return db.$client.prepare(sql).all(...params) as T[];
}

/**
 * Real windows-1258 bytes for Vietnamese text: letters the code page has are written directly,
 * the others as base letter plus a combining tone mark, as legacy sites do.
 */
export function toCp1258(s: string): Buffer {
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/g;
  return Buffer.concat(
    [...s.normalize("NFC")].map((ch) => {
      const direct = iconv.encode(ch, "windows-1258");
      if (ch === "?" || direct.toString("latin1") !== "?") return direct;
      const d = ch.normalize("NFD");
      const marks = (d.match(tones) ?? []).join("");
      return iconv.encode(d.replace(tones, "").normalize("NFC") + marks, "windows-1258");
    }),
  );
}
