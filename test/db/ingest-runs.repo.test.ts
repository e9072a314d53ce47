import { describe, expect, it } from "vitest";
import { abandonStaleRuns, finishRun, getRun, listRunErrors, recordIngestError, startRun } from "../../src/db/ingest-runs.repo.ts";
import { testDb } from "../helpers/db.ts";

const now = new Date("2026-03-01T10:00:00Z");

describe("ingest-runs.repo", () => {
  it("opens, links errors to, and closes a run", () => {
    const db = testDb();
    const id = startRun(db, { trigger: "cli", now });
    recordIngestError(db, { runId: id, sourceId: null, url: "https://x/1", reason: "ingest: HTTP 404", now });
    finishRun(db, id, { status: "partial", counts: { sources: 1, newArticles: 2, unchanged: 0, skipped: 1, failed: 1 }, now });
    expect(getRun(db, id)).toMatchObject({ status: "partial", trigger: "cli", newArticles: 2, failed: 1, finishedAt: now.toISOString() });
    expect(listRunErrors(db, id).map((e) => e.reason)).toEqual(["ingest: HTTP 404"]);
  });

  it("marks runs left running as abandoned", () => {
    const db = testDb();
    const a = startRun(db, { trigger: "x", now });
    const b = startRun(db, { trigger: "x", now });
    finishRun(db, b, { status: "ok", counts: { sources: 0, newArticles: 0, unchanged: 0, skipped: 0, failed: 0 }, now });
    expect(abandonStaleRuns(db, now)).toBe(1);
    expect(getRun(db, a)?.status).toBe("abandoned");
    expect(getRun(db, b)?.status).toBe("ok");
  });
});
