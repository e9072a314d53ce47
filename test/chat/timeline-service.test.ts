/** The timeline service's in-memory pair totals must always agree with the SQL it replaces. */
import { describe, expect, it } from "vitest";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { testDb } from "../helpers/db.ts";
import { seedDevelopments, seedMany } from "./seed.ts";

describe("timeline service: pair totals", () => {
  it("gives the same totals and partners from the index as from SQL, before and after writes", async () => {
    const db = testDb();
    seedMany(db, ["CN", "RU"], 30, 2);
    seedMany(db, ["BY", "CN"], 7, 1);
    seedDevelopments(db, [{ pair: ["RU", "KP"], type: "arms", start: "2024-11-02", summary: "Shells.", sources: [{ url: "https://news0.example.com/CN-RU/0", outlet: "x" }] }]);
    const repo = createTimelineRepo(db);
    const sql = createTimelineService(repo);
    // Tiny chunks so the rebuild crosses many chunk boundaries.
    const indexed = createTimelineService(repo, { chunkRows: 7, rebuildIntervalMs: 0 });
    await indexed.warm();
    const pairs = [{ a: "CN", b: "RU" }, { a: "BY", b: "CN" }, { a: "KP", b: "RU" }, { a: "US", b: "VN" }];
    const compare = () => {
      for (const p of pairs) expect(indexed.page(p, {}, null, 5).stats).toEqual(sql.page(p, {}, null, 5).stats);
      for (const c of ["CN", "RU", "KP", "BY", "VN"]) expect(indexed.partners(c)).toEqual(sql.partners(c));
    };
    compare();
    expect(indexed.page(pairs[0]!, {}, null, 5).stats).toEqual({ developments: 30, sources: 60, lastUpdated: "2024-10-20T00:00:00.000Z" });

    // A write makes the index stale: answers fall back to SQL at once, then the rebuild catches up.
    seedDevelopments(db, [{ pair: ["CN", "RU"], type: "patrol", start: "2024-12-20", summary: "Patrol.", sources: [{ url: "https://new.example/1", outlet: "y" }], updatedAt: "2024-12-21T00:00:00.000Z" }]);
    db.$client.prepare("DELETE FROM developments WHERE country_a = 'BY'").run();
    compare();
    await new Promise((r) => setTimeout(r, 20));
    await indexed.warm();
    compare();
    expect(indexed.page(pairs[0]!, {}, null, 5).stats).toEqual({ developments: 31, sources: 61, lastUpdated: "2024-12-21T00:00:00.000Z" });
    expect(indexed.page(pairs[1]!, {}, null, 5).stats).toEqual({ developments: 0, sources: 0, lastUpdated: null });
    indexed.stop();
  });
});
