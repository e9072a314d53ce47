import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, ConfigSchema, loadConfig } from "../src/config.ts";

/** The variables .env.example sets or shows commented out, with their values. */
function exampleVariables(): Map<string, string> {
  const text = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
  const out = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^#?\s*([A-Z][A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1]!, m[2]!.replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1"));
  }
  return out;
}

describe("loadConfig", () => {
  it("gives the documented defaults with an empty environment", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ DATABASE_PATH: "./data/relations.db", INGEST_CRON: "*/30 * * * *", DIGEST_CRON: "0 8 * * 1", DIGEST_TZ: "Asia/Ho_Chi_Minh", ALLOW_PRIVATE_HOSTS: false, PORT: 3000 });
    expect(c.SLACK_BOT_TOKEN).toBeUndefined();
  });

  it(".env.example documents every variable, and its values load", () => {
    const vars = exampleVariables();
    expect([...vars.keys()].sort()).toEqual(Object.keys(ConfigSchema.shape).sort());
    const uncommented = Object.fromEntries([...vars].filter(([k]) => !/^(SLACK_|LLM_BASE|LLM_API|LLM_MODEL|DIGEST_CHANNEL|SAMPLE_SOURCES)/.test(k)));
    expect(() => loadConfig(uncommented)).not.toThrow();
  });

  it.each([
    ["PORT", "abc"],
    ["INGEST_CRON", "every day"],
    ["DIGEST_TZ", "Mars/Olympus"],
    ["ALLOW_PRIVATE_HOSTS", "maybe"],
    ["SLACK_BOT_TOKEN", "xapp-wrong-kind"],
    ["LLM_BASE_URL", "not a url"],
    ["FETCH_TIMEOUT_MS", "-5"],
  ])("a bad %s stops start-up with a message naming it", (name, value) => {
    let err: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(`${name}:`);
    // secrets (tokens, keys) are never echoed back
    if (/TOKEN|KEY/.test(name)) expect((err as Error).message).not.toContain(value);
    else expect((err as Error).message).toContain(JSON.stringify(value));
  });

  it("treats empty optional values as unset", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "", LLM_BASE_URL: " " }).SLACK_BOT_TOKEN).toBeUndefined();
  });
});

/**
 * One bad value for EVERY variable of the schema (issue 11: 12 of 45 probes started anyway).
 * The test fails when a variable is added without a case here.
 */
const tmp = mkdtempSync(join(tmpdir(), "rel-config-"));
const aFile = join(tmp, "a-file");
writeFileSync(aFile, "");
const BAD: Record<string, string[]> = {
  DATABASE_PATH: [tmp, join(aFile, "relations.db")],
  INGEST_CRON: ["61 * * * *", "every day", "* * 32 * *"],
  INGEST_ON_START: ["maybe"],
  SAMPLE_SOURCES: [join(tmp, "no-such-folder")],
  ALLOW_PRIVATE_HOSTS: ["2"],
  FETCH_TIMEOUT_MS: ["-5", "soon"],
  FETCH_MAX_BYTES: ["2000000000", "100"],
  FETCH_MAX_REDIRECTS: ["50"],
  FETCH_RETRIES: ["-1"],
  FETCH_PER_HOST_CONCURRENCY: ["0"],
  FETCH_PER_HOST_DELAY_MS: ["1e9"],
  FETCH_USER_AGENT: ["relations-bot ✓", "relations-bot\r\nX-Injected: 1", " "],
  FETCH_CREDENTIALS: ["user:pass", '{"feeds.example.com":"no-colon"}', '["a"]'],
  EXTRACT_TIMEOUT_MS: ["0", "forever"],
  OUTLET_TZ: ["Mars/Olympus"],
  SLACK_BOT_TOKEN: ["xapp-wrong-kind", "xoxb-abc\ndef"],
  SLACK_SIGNING_SECRET: ["has space"],
  SLACK_APP_TOKEN: ["xoxb-wrong-kind"],
  SLACK_API_URL: ["ftp://slack.example/api/", "not a url"],
  PORT: ["70000", "abc"],
  DIGEST_CRON: ["0 25 * * 1", "0 8 * * 8"],
  DIGEST_TZ: ["Asia/Nowhere"],
  DIGEST_CHANNEL: ["#general please"],
  DIGEST_POST_QUIET: ["sometimes"],
  LLM_BASE_URL: ["file:///etc/passwd", "ftp://llm.example/v1"],
  LLM_API_KEY: ["sk-abc\r\nX: 1", "sk-ключ"],
  LLM_MODEL: ["gpt 4"],
  LLM_TIMEOUT_MS: ["10"],
  LOG_LEVEL: ["verbose"],
};

describe("loadConfig: every variable of the schema with a bad value stops start-up, naming it", () => {
  it("has a bad-value case for every variable", () => {
    expect(Object.keys(BAD).sort()).toEqual(Object.keys(ConfigSchema.shape).sort());
  });

  it.each(Object.entries(BAD).flatMap(([name, values]) => values.map((value) => ({ name, value }))))("$name=$value", ({ name, value }) => {
    let err: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      err = e;
    }
    expect(err, `${name}=${JSON.stringify(value)} was accepted`).toBeInstanceOf(ConfigError);
    const issues = (err as ConfigError).issues;
    expect(issues.every((i) => i.startsWith(`${name}: `))).toBe(true);
  });

  it("good values of the same variables load (the checks are not too strict)", () => {
    const c = loadConfig({
      DATABASE_PATH: join(tmp, "sub", "relations.db"),
      INGEST_CRON: "*/15 * * * *",
      DIGEST_CRON: "0 8 * * 1",
      SAMPLE_SOURCES: tmp,
      FETCH_MAX_BYTES: String(50 * 1024 * 1024),
      FETCH_USER_AGENT: "relations-bot/0.1 (café; +https://example.org)",
      FETCH_CREDENTIALS: '{"Feeds.Example.com":"bot:s3cr:et"}',
      SLACK_API_URL: "https://slack.example/api/",
      LLM_BASE_URL: "http://127.0.0.1:8080/v1",
      LLM_API_KEY: "sk-abc123",
      LLM_MODEL: "gpt-4o-mini",
      DIGEST_CHANNEL: "C0123456789",
    });
    expect(c.FETCH_CREDENTIALS).toEqual({ "feeds.example.com": "bot:s3cr:et" });
    expect(c.DATABASE_PATH).toBe(join(tmp, "sub", "relations.db"));
  });

  it("a secret's value is never echoed in the error", () => {
    expect(() => loadConfig({ FETCH_CREDENTIALS: "bot:hunter2" })).toThrow(/FETCH_CREDENTIALS: expected a JSON object/);
    try {
      loadConfig({ FETCH_CREDENTIALS: "bot:hunter2", LLM_API_KEY: "sk-hunter2\n" });
    } catch (e) {
      expect((e as Error).message).not.toContain("hunter2");
    }
  });
});
