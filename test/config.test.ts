import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, ConfigSchema, loadConfig } from "../src/config.ts";

/** The variables .env.example sets or shows commented out, with their values. */
function exampleVariables(): Map<string, string> {
  const text = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
  const out = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^#?\s*([A-Z][A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1]!, m[2]!.replace(/^"(.*)"$/, "$1"));
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
    expect((err as Error).message).toContain(JSON.stringify(value));
  });

  it("treats empty optional values as unset", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "", LLM_BASE_URL: " " }).SLACK_BOT_TOKEN).toBeUndefined();
  });
});
