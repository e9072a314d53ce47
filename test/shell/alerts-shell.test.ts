/**
 * Alerts in the terminal shell, which stands in for Slack: `watch … alerts`, then an ingest that
 * files a development of the pair prints the alert between commands, numbered, and a follow-up
 * question replies to it. The real app (startApp) on a database file, the real ingest of a local
 * article, the real analyzer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { startApp, type Running } from "../../src/main.ts";
import { closeDb, openDb } from "../../src/db/client.ts";
import { articles } from "../../src/db/schema.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";

const ARTICLE = join(import.meta.dirname, "fixtures/articles/t01-en-china-belarus-drill.txt");
const dirs: string[] = [];
let running: Running | null = null;
afterEach(async () => {
  await running?.shutdown("test end");
  running = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("alerts in the shell", () => {
  it("watch … alerts, then ingest: the new development prints as an alert, once, and takes a follow-up", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relations-alerts-shell-"));
    dirs.push(dir);
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (d: Buffer) => (out += d.toString()));
    const until = async (pred: () => boolean, what: string) => {
      const end = Date.now() + 45_000;
      while (!pred()) {
        if (Date.now() > end) throw new Error(`alerts-shell: no ${what}\n${out}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    // the article is dated 10 Jul 2024; the run happens two days later
    running = await startApp({ DATABASE_PATH: join(dir, "r.db"), INGEST_ON_START: "false", LOG_LEVEL: "error" }, { input, output }, () => new Date("2024-07-12T03:00:00Z"));
    input.write("/relations watch china belarus alerts\n");
    await until(() => out.includes("now gets an alert for each new development between Belarus – China"), "confirmation");
    input.write(`ingest ${ARTICLE}\n`);
    await until(() => out.includes("sources 1, new 1"), "ingest summary");
    expect(out).toContain("--- alert in shell ---");
    expect(out).toMatch(/\[#1\] \* New · Belarus – China · [^\n]* · Exercise/);
    // the same file again: nothing new, no second alert
    input.write(`ingest ${ARTICLE}\n`);
    await until(() => out.includes("new 0"), "second ingest");
    expect(out.split("--- alert in shell ---")).toHaveLength(2);
    input.write("reply 1 when did they last hold exercises?\n");
    await until(() => /Belarus – China · from/.test(out), "follow-up answer");
    input.write("quit\n");
    await running.done;
  }, 60_000);

  it("an article stored but not analyzed before a restart: the analysis after start files it and the alert prints", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relations-alerts-shell-"));
    dirs.push(dir);
    const path = join(dir, "r.db");
    const db = openDb(path);
    createWatchesRepo(db).setAlerts("shell", { a: "BY", b: "CN" }, true, "U1", "2024-07-11T00:00:00.000Z");
    db.insert(articles)
      .values({
        canonicalUrl: "https://wire.example/eagle-assault",
        outlet: "Test Wire",
        title: "China and Belarus open joint anti-terror drill near Brest",
        text: "BREST, July 10 - Chinese and Belarusian troops began a joint anti-terrorism training exercise near the border city of Brest on Monday, the Belarusian defence ministry said.",
        language: "en",
        publishedAt: "2024-07-10",
        publishedPrecision: "day",
        fetchedAt: "2024-07-11T01:00:00.000Z",
        contentHash: "eagle",
      })
      .run();
    closeDb(db);
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (d: Buffer) => (out += d.toString()));
    running = await startApp({ DATABASE_PATH: path, INGEST_ON_START: "false", LOG_LEVEL: "error" }, { input, output }, () => new Date("2024-07-12T03:00:00Z"));
    const end = Date.now() + 45_000;
    while (!out.includes("--- alert in shell ---") && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    expect(out).toMatch(/New · Belarus – China · [^\n]* · Exercise/);
    expect(out).toContain("https://wire.example/eagle-assault");
    input.write("quit\n");
    await running.done;
  }, 60_000);
});
