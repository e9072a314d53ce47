import { describe, expect, it } from "vitest";
import {
  deleteSource,
  getSourceByUrl,
  insertSource,
  listDueSources,
  listSources,
  recordSourceFailure,
  recordSourceSuccess,
} from "../../src/db/sources.repo.ts";
import { backoffMs } from "../../src/services/ingest.ts";
import { testDb } from "../helpers/db.ts";

const now = new Date("2026-03-01T10:00:00Z");

describe("sources.repo", () => {
  it("registers once, lists, deletes", () => {
    const db = testDb();
    const s = insertSource(db, { kind: "feed", url: "https://a.example/rss", name: "A", now });
    expect(s).toMatchObject({ id: 1, kind: "feed", enabled: true, consecutiveFailures: 0 });
    expect(() => insertSource(db, { kind: "feed", url: "https://a.example/rss", now })).toThrow(/^sources: already registered as #1/);
    expect(listSources(db)).toHaveLength(1);
    expect(deleteSource(db, s.id)).toBe(true);
    expect(deleteSource(db, s.id)).toBe(false);
  });

  it("backs a failing source off, doubling up to a day, and a success resets it", () => {
    const db = testDb();
    const s = insertSource(db, { kind: "feed", url: "https://a.example/rss", now });
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const row = recordSourceFailure(db, s.id, { now, reason: "ingest: HTTP 500", backoff: backoffMs })!;
      delays.push(Date.parse(row.nextAttemptAt!) - now.getTime());
    }
    expect(delays.slice(0, 4)).toEqual([15, 30, 60, 120].map((m) => m * 60_000));
    expect(delays.at(-1)).toBe(24 * 3600_000);
    expect(listDueSources(db, now)).toHaveLength(0);
    expect(listDueSources(db, new Date(now.getTime() + 24 * 3600_000))).toHaveLength(1);
    recordSourceSuccess(db, s.id, { now, etag: '"e1"', lastModified: null });
    expect(getSourceByUrl(db, s.url)).toMatchObject({ consecutiveFailures: 0, nextAttemptAt: null, lastError: null, etag: '"e1"' });
    expect(listDueSources(db, now)).toHaveLength(1);
  });

  it("skips disabled sources when listing due ones", () => {
    const db = testDb();
    insertSource(db, { kind: "page", url: "https://a.example/x", now });
    db.$client.prepare("update sources set enabled = 0").run();
    expect(listDueSources(db, now)).toEqual([]);
  });
});
