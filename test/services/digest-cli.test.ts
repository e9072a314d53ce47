import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDigestCli } from "../../src/cli/digest.ts";
import type { CliContext } from "../../src/cli/context.ts";
import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { getDigestRow } from "../../src/db/digests.repo.ts";
import { createDigestWebClient } from "../../src/services/digest-post.ts";
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
