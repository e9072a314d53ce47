import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, closeDb } from "../../src/db/client.ts";

describe("openDb", () => {
  it("applies migrations and sets WAL, foreign keys and a busy timeout on a file", () => {
    const path = join(mkdtempSync(join(tmpdir(), "rel-db-")), "sub", "x.db");
    const db = openDb(path);
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    const tables = db.$client.prepare("select name from sqlite_master where type='table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["sources", "articles", "raw_pages", "ingest_runs", "developments"]));
    closeDb(db);
    // reopening applies nothing twice
    const again = openDb(path);
    expect((again.$client.prepare("select count(*) c from __drizzle_migrations").get() as { c: number }).c).toBeGreaterThan(0);
    closeDb(again);
  });
});
