import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDigestCli } from "../../src/cli/digest.ts";
import type { CliContext } from "../../src/cli/context.ts";
import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { getDigestRow } from "../../src/db/digests.repo.ts";
import { createDigestWebClient } from "../../src/slack/digest-port.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { testDb } from "../helpers/db.ts";
import { startDigestFakeSlack, type DigestFakeSlack } from "../helpers/digest-fake-slack.ts";
import { insertDevelopment } from "../helpers/digest-rows.ts";

let slack: DigestFakeSlack;
beforeAll(async () => {
  slack = await startDigestFakeSlack();
});
afterAll(async () => slack.close());

function cli(db: Db, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    config: loadConfig(env),
    clock: () => new Date("2024-10-23T05:00:00Z"),
    logger: silentLogger,
    out: (l) => void out.push(l),
    err: (l) => void err.push(l),
    stderr: process.stderr,
    db: () => db,
    fetcher: () => {
      throw new Error("no fetching in digest");
    },
  };
  return { ctx, out, err };
}

function seeded(): Db {
  const db = testDb();
  insertDevelopment(db, { a: "CN", b: "BY", type: "exercise", summary: "Joint drills <!channel>", firstSeenAt: "2024-10-15T03:00:00.000Z", sources: [{ url: "https://a.example/1", outlet: "A News" }] });
  insertDevelopment(db, { a: "CN", b: "RU", type: "talks", firstSeenAt: "2024-10-08T03:00:00.000Z" }); // W41
  return db;
}

describe("relations digest", () => {
  it("--weeks lists the weeks with developments first reported in them, newest first, news and older counted as the digest does", async () => {
    const db = seeded();
    // a backfill in W43: one recent development, two from years ago
    insertDevelopment(db, { a: "CN", b: "RU", type: "visit", dateStart: "2024-10-20", firstSeenAt: "2024-10-22T03:00:00.000Z" });
    insertDevelopment(db, { a: "CN", b: "RU", type: "visit", dateStart: "1996-04-26", firstSeenAt: "2024-10-22T03:00:00.000Z" });
    insertDevelopment(db, { a: "IN", b: "US", type: "talks", dateStart: "2019-01-01", firstSeenAt: "2024-10-22T04:00:00.000Z" });
    const { ctx, out, err } = cli(db);
    expect(await runDigestCli(["--weeks"], ctx)).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual(["week      news  older", "2024-W43     1      2", "2024-W42     1      0", "2024-W41     1      0"]);
    const empty = cli(testDb());
    expect(await runDigestCli(["--weeks"], empty.ctx)).toBe(0);
    expect(empty.out).toEqual(["no week has developments yet (run relations ingest first)"]);
    expect(await runDigestCli(["--weeks", "--post"], empty.ctx)).toBe(2);
  });

  it("--dry-run on a quiet week says which weeks are not quiet", async () => {
    const { ctx, out, err } = cli(seeded());
    expect(await runDigestCli(["--dry-run", "--week", "2024-W30", "--no-llm"], ctx)).toBe(0);
    expect(out.join("\n")).toContain("Quiet week");
    expect(err).toEqual(["digest: 2024-W30 is quiet; weeks that are not: 2024-W42 (1 news, 0 older), 2024-W41 (1 news, 0 older)"]);
    // a week with news gets no hint
    const busy = cli(seeded());
    expect(await runDigestCli(["--dry-run", "--week", "2024-W42", "--no-llm"], busy.ctx)).toBe(0);
    expect(busy.err).toEqual([]);
    const none = cli(testDb());
    await runDigestCli(["--dry-run", "--no-llm"], none.ctx);
    expect(none.err).toEqual(["digest: 2024-W42 is quiet, and so is every week: no development is on record yet (run relations ingest first)"]);
  });

  it("--dry-run prints the previous week as text", async () => {
    const { ctx, out } = cli(seeded());
    expect(await runDigestCli(["--dry-run"], ctx)).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("2024-W42");
    expect(text).toContain("Belarus – China");
    expect(text).toContain("A News: https://a.example/1");
    expect(text).not.toContain("Russia");
  });

  it("--dry-run --week --json prints the Block Kit payload of that week", async () => {
    const { ctx, out } = cli(seeded());
    expect(await runDigestCli(["--dry-run", "--week", "2024-W41", "--json"], ctx)).toBe(0);
    const payload = JSON.parse(out.join("\n"));
    expect(payload.period).toBe("2024-W41");
    expect(payload.parent.blocks[0].type).toBe("header");
    expect(payload.replies).toHaveLength(1);
    expect(JSON.stringify(payload)).toContain("China – Russia");
  });

  it.each([
    ["no mode", [], /exactly one of --dry-run and --post/],
    ["both modes", ["--dry-run", "--post"], /exactly one/],
    ["a bad week", ["--dry-run", "--week", "2024-42"], /^digest: expected an ISO week/],
    ["an unknown flag", ["--dry-run", "--weak", "x"], /^digest: /],
    ["--post without a channel", ["--post"], /needs --channel or DIGEST_CHANNEL/],
    ["--post without a token", ["--post", "--channel", "C1"], /needs SLACK_BOT_TOKEN/],
  ])("rejects %s with exit 2 and a clear message", async (_n, argv, msg) => {
    const { ctx, err } = cli(seeded());
    expect(await runDigestCli(argv as string[], ctx)).toBe(2);
    expect(err.join("\n")).toMatch(msg);
  });

  it("--post posts once; a second --post reports it was already done", async () => {
    const db = seeded();
    const { ctx, out } = cli(db, { DIGEST_CHANNEL: "CCLI" });
    const client = createDigestWebClient("xoxb-t", { slackApiUrl: slack.apiUrl });
    expect(await runDigestCli(["--post"], ctx, { slack: client })).toBe(0);
    expect(await runDigestCli(["--post"], ctx, { slack: client })).toBe(0);
    expect(out[0]).toMatch(/^digest 2024-W42 → CCLI: posted \(ts \d+\.\d+\), 1 replies posted/);
    expect(out[1]).toMatch(/already_done/);
    expect(slack.topLevel("CCLI")).toHaveLength(1);
    expect(getDigestRow(db, "CCLI", "2024-W42")!.status).toBe("posted");
  });

  it("--post exits 1 and says why when Slack refuses", async () => {
    const { ctx, err } = cli(seeded());
    slack.fault("chat.postMessage", { kind: "platform", error: "not_in_channel" });
    const client = createDigestWebClient("xoxb-t", { slackApiUrl: slack.apiUrl });
    expect(await runDigestCli(["--post", "--channel", "CNOPE"], ctx, { slack: client })).toBe(1);
    expect(err.join("\n")).toMatch(/failed: digest: posting parent failed: slack error not_in_channel/);
  });
});
