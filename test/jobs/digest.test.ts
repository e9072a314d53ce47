import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { getDigestRow, listDigestRuns } from "../../src/db/digests.repo.ts";
import { lastCronFire, nextCronFire, startDigestScheduler, type DigestSchedule } from "../../src/jobs/digest.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { createDigestWebClient } from "../../src/slack/digest-port.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { testDb } from "../helpers/db.ts";
import { startDigestFakeSlack, type DigestFakeSlack } from "../helpers/digest-fake-slack.ts";
import { insertDevelopment, insertWatch } from "../helpers/digest-rows.ts";

const TZ = "Asia/Ho_Chi_Minh";
let slack: DigestFakeSlack;
beforeAll(async () => {
  slack = await startDigestFakeSlack();
});
afterAll(async () => slack.close());

let seq = 0;
const schedule = (over: Partial<DigestSchedule> = {}): DigestSchedule & { channel: string } => ({ cron: "0 8 * * 1", tz: TZ, channel: `CJOB${++seq}`, postQuiet: true, ...over }) as DigestSchedule & { channel: string };
const deps = (db: Db, now: string, runner = "r1") => ({
  db,
  countries: loadGazetteer(),
  slack: createDigestWebClient("xoxb-test", { slackApiUrl: slack.apiUrl }),
  clock: () => new Date(now),
  logger: silentLogger,
  runner,
  sleep: async () => {},
});

function seedWeeks(db: Db) {
  insertDevelopment(db, { a: "CN", b: "BY", type: "exercise", firstSeenAt: "2024-10-08T03:00:00.000Z" }); // W41
  insertDevelopment(db, { a: "CN", b: "RU", type: "talks", firstSeenAt: "2024-10-15T03:00:00.000Z" }); // W42
  insertDevelopment(db, { a: "US", b: "VN", type: "visit", firstSeenAt: "2024-10-16T03:00:00.000Z" }); // W42
}

describe("lastCronFire", () => {
  it.each([
    ["Monday 08:00 Hanoi, exactly", "2024-10-21T01:00:00Z", "2024-10-21T01:00:00.000Z"],
    ["Monday 07:59 Hanoi: the previous Monday", "2024-10-21T00:59:00Z", "2024-10-14T01:00:00.000Z"],
    ["Wednesday", "2024-10-23T05:00:00Z", "2024-10-21T01:00:00.000Z"],
  ])("%s", (_n, now, want) => {
    expect(lastCronFire("0 8 * * 1", TZ, new Date(now))?.toISOString()).toBe(want);
  });
  it.each([
    ["every 30 minutes", "*/30 * * * *", "2024-10-23T05:17:00Z", "2024-10-23T05:00:00.000Z"],
    ["with a seconds field", "15 0 8 * * 1", "2024-10-23T05:00:00Z", "2024-10-21T01:00:15.000Z"],
    ["Nepal's +05:45 offset", "0 8 * * *", "2024-10-23T05:00:00Z", "2024-10-23T02:15:00.000Z"],
  ])("%s", (_n, expr, now, want) => {
    const tz = _n.startsWith("Nepal") ? "Asia/Kathmandu" : TZ;
    expect(lastCronFire(expr, tz, new Date(now))?.toISOString()).toBe(want);
  });
  it("is null when the expression did not fire in the window", () => {
    expect(lastCronFire("0 8 1 1 *", TZ, new Date("2024-10-23T05:00:00Z"), 8)).toBeNull();
  });
});

describe("startDigestScheduler", () => {
  it("rejects an invalid cron expression with a clear error", () => {
    expect(() => startDigestScheduler(deps(testDb(), "2024-10-23T05:00:00Z"), schedule({ cron: "every monday" }))).toThrow(/^digest: DIGEST_CRON/);
  });

  it("catches up the most recent missed digest after downtime, once, and not older weeks", async () => {
    const db = testDb();
    seedWeeks(db);
    const s = schedule();
    // down on Monday, back on Wednesday
    const a = startDigestScheduler(deps(db, "2024-10-23T05:00:00Z"), s);
    const r = await a.catchUp;
    await a.stop();
    expect(r).toMatchObject({ outcome: "posted", period: "2024-W42" });
    expect(slack.topLevel(s.channel)).toHaveLength(1);
    expect(getDigestRow(db, s.channel, "2024-W41")).toBeUndefined(); // no flood of old weeks

    // restarted again the same week: nothing more
    const b = startDigestScheduler(deps(db, "2024-10-24T05:00:00Z", "r2"), s);
    expect(await b.catchUp).toBeNull();
    await b.stop();
    expect(slack.topLevel(s.channel)).toHaveLength(1);
    expect(listDigestRuns(db, s.channel, "2024-W42")).toHaveLength(1);
  });

  it("does not post a week before it is due (Monday 07:00 posts the week before, if missed)", async () => {
    const db = testDb();
    seedWeeks(db);
    const s = schedule();
    const a = startDigestScheduler(deps(db, "2024-10-21T00:00:00Z"), s); // Monday 07:00 in Hanoi
    expect(await a.catchUp).toMatchObject({ period: "2024-W41" });
    await a.stop();
    expect(getDigestRow(db, s.channel, "2024-W42")).toBeUndefined();
  });

  it("two schedulers on one database file (two connections) post once", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "rel-digest-job-")), "db.sqlite");
    const db1 = openDb(path);
    const db2 = openDb(path);
    seedWeeks(db1);
    const s = schedule();
    const a = startDigestScheduler(deps(db1, "2024-10-21T01:00:30Z", "proc-a"), s);
    const b = startDigestScheduler(deps(db2, "2024-10-21T01:00:30Z", "proc-b"), s);
    const [ra, rb] = await Promise.all([a.catchUp, b.catchUp]);
    // and both fire "now" as well (a cron tick racing the catch-up)
    const [na, nb] = await Promise.all([a.runNow("schedule"), b.runNow("schedule")]);
    await Promise.all([a.stop(), b.stop()]);
    const outcomes = [ra?.outcome, rb?.outcome, na.outcome, nb.outcome];
    expect(outcomes.filter((o) => o === "posted")).toHaveLength(1);
    expect(outcomes.every((o) => ["posted", "busy", "already_done"].includes(o!))).toBe(true);
    expect(slack.topLevel(s.channel)).toHaveLength(1);
    expect(slack.thread(s.channel, slack.topLevel(s.channel)[0]!.ts)).toHaveLength(2);
    closeDb(db1);
    closeDb(db2);
  });

  it("fires on its cron expression and posts the previous week once however often it fires", async () => {
    const db = testDb();
    seedWeeks(db);
    const s = schedule({ cron: "* * * * * *", catchUp: false }); // every second, real time
    const job = startDigestScheduler(deps(db, "2024-10-21T01:00:00Z"), s);
    await expect.poll(() => listDigestRuns(db, s.channel, "2024-W42").length, { timeout: 5000, interval: 100 }).toBeGreaterThanOrEqual(2);
    await job.stop();
    const outcomes = listDigestRuns(db, s.channel, "2024-W42").map((r) => r.outcome);
    expect(outcomes[0]).toBe("posted");
    expect(outcomes.slice(1).every((o) => o === "already_done")).toBe(true);
    expect(slack.topLevel(s.channel)).toHaveLength(1);
  });

  it("watch/unwatch: a channel that watches pairs gets only those; after unwatching, all pairs", async () => {
    const db = testDb();
    seedWeeks(db);
    const watching = schedule();
    insertWatch(db, watching.channel, "RU", "CN");
    const a = startDigestScheduler(deps(db, "2024-10-23T05:00:00Z"), watching);
    const r = await a.catchUp;
    await a.stop();
    expect(slack.thread(watching.channel, r!.ts!).map((m) => m.metadata?.event_payload.key)).toEqual(["CN-RU#1"]);

    const unwatched = schedule();
    insertWatch(db, unwatched.channel, "RU", "CN");
    db.$client.prepare("delete from watches where channel = ?").run(unwatched.channel);
    const b = startDigestScheduler(deps(db, "2024-10-23T05:00:00Z"), unwatched);
    const r2 = await b.catchUp;
    await b.stop();
    expect(slack.thread(unwatched.channel, r2!.ts!)).toHaveLength(2);
  });

  it("every channel that watches pairs gets the digest of its pairs, once a week, with the catch-up", async () => {
    const db = testDb();
    seedWeeks(db);
    const s = schedule();
    const a = `CWATCH${++seq}`;
    const b = `CWATCH${++seq}`;
    insertWatch(db, a, "RU", "CN");
    insertWatch(db, b, "VN", "US");
    const watchedChannels = () => [...new Set(createWatchesRepo(db).listAll().map((w) => w.channel))];
    const job = startDigestScheduler(deps(db, "2024-10-23T05:00:00Z"), { ...s, watchedChannels });
    const caught = await job.catchUpAll;
    expect(caught.map((r) => [r.channel, r.outcome]).sort()).toEqual([[a, "posted"], [b, "posted"], [s.channel, "posted"]].sort());
    const keys = (ch: string) => slack.thread(ch, slack.topLevel(ch)[0]!.ts).map((m) => m.metadata?.event_payload.key);
    expect(keys(a)).toEqual(["CN-RU#1"]);
    expect(keys(b)).toEqual(["US-VN#1"]);
    expect(keys(s.channel)).toHaveLength(2);
    // the next tick (or another process) posts nothing twice
    const again = await job.runAll("schedule");
    expect(again.map((r) => r.outcome)).toEqual(["already_done", "already_done", "already_done"]);
    await job.stop();
    for (const ch of [a, b, s.channel]) expect(slack.topLevel(ch)).toHaveLength(1);
  });

  it("without DIGEST_CHANNEL, the watching channels still get theirs", async () => {
    const db = testDb();
    seedWeeks(db);
    const a = `CWATCH${++seq}`;
    insertWatch(db, a, "RU", "CN");
    const job = startDigestScheduler(deps(db, "2024-10-23T05:00:00Z"), { ...schedule(), channel: undefined, watchedChannels: () => [a] });
    expect((await job.catchUpAll).map((r) => [r.channel, r.outcome])).toEqual([[a, "posted"]]);
    expect(await job.catchUp).toBeNull();
    await job.stop();
  });
});

describe("nextCronFire", () => {
  it.each([
    ["Wednesday: the coming Monday 08:00 Hanoi", "2024-10-23T05:00:00Z", "2024-10-28T01:00:00.000Z"],
    ["Monday 08:00 exactly: the next one", "2024-10-21T01:00:00Z", "2024-10-28T01:00:00.000Z"],
    ["Monday 07:59: in a minute", "2024-10-21T00:59:00Z", "2024-10-21T01:00:00.000Z"],
  ])("%s", (_n, now, want) => {
    expect(nextCronFire("0 8 * * 1", TZ, new Date(now))?.toISOString()).toBe(want);
  });
});
