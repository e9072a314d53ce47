/**
 * Where the bundled samples (fiction) are registered: only for the terminal shell, on the default
 * database or when SAMPLE_SOURCES names them — never on a start with Slack tokens. The real
 * startApp, in this process, on temporary database files.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { listSources } from "../../src/db/sources.repo.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { seedSampleSources, startApp, type Running } from "../../src/main.ts";
import { testDb } from "../helpers/db.ts";
import { startFakeSlackApi } from "../helpers/slack-fakes.ts";

const FIXTURES = join(import.meta.dirname, "fixtures/articles");
const dirs: string[] = [];
const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.shutdown("test");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDbPath = () => {
  const d = mkdtempSync(join(tmpdir(), "rel-samples-start-"));
  dirs.push(d);
  return join(d, "r.db");
};
const io = () => ({ input: new PassThrough(), output: new PassThrough() });
const base = { INGEST_ON_START: "false", LOG_LEVEL: "silent" };

describe("the bundled samples are registered", () => {
  it("never on a start with Slack tokens, even with SAMPLE_SOURCES set", async () => {
    const api = await startFakeSlackApi();
    try {
      const r = await startApp({ ...base, DATABASE_PATH: tempDbPath(), SAMPLE_SOURCES: FIXTURES, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: api.url, PORT: "0" }, io());
      running.push(r);
      expect(r.mode).toBe("http");
      expect(listSources(r.db)).toEqual([]);
    } finally {
      await running.pop()?.shutdown("test");
      await api.close();
    }
  });

  it("not for the shell on a database of one's own without SAMPLE_SOURCES", async () => {
    const r = await startApp({ ...base, DATABASE_PATH: tempDbPath() }, io());
    running.push(r);
    expect(listSources(r.db)).toEqual([]);
  });

  it("for the shell when SAMPLE_SOURCES names them, marked as samples and labelled in their outlets", async () => {
    const r = await startApp({ ...base, DATABASE_PATH: tempDbPath(), SAMPLE_SOURCES: FIXTURES }, io());
    running.push(r);
    expect(listSources(r.db).map((s) => s.sample)).toEqual([true]);
    const outlets = r.db.$client.prepare("SELECT outlet FROM articles").pluck().all() as string[];
    expect(outlets.length).toBeGreaterThan(0);
    for (const o of outlets) expect(o).toMatch(/\(sample\)$/);
  });

  it("for the shell on the default database", () => {
    const db = testDb();
    expect(seedSampleSources(db, {}, () => new Date(), silentLogger, { slack: false, defaultDatabase: true })).not.toBeNull();
    expect(listSources(db).map((s) => [s.name, s.sample])).toEqual([["Bundled sample articles", true]]);
    const other = testDb();
    expect(seedSampleSources(other, {}, () => new Date(), silentLogger, { slack: true, defaultDatabase: true })).toBeNull();
    expect(listSources(other)).toEqual([]);
  });
});
