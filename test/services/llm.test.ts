import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatCompletionsUrl, completeChat, LlmError, llmSettingsFromConfig, type LlmSettings } from "../../src/services/llm.ts";
import { loadConfig } from "../../src/config.ts";
import { startFakeOpenAi, type FakeOpenAi, type FakeOpenAiBehaviour } from "../helpers/fake-openai.ts";

let fake: FakeOpenAi;
let settings: LlmSettings;

beforeAll(async () => {
  fake = await startFakeOpenAi();
  // generous for answers (the machine may be busy); the hang case sets its own short timeout
  settings = { baseUrl: fake.baseUrl, apiKey: "sk-test", model: "tiny", timeoutMs: 5000 };
});
afterAll(async () => fake.close());

describe("completeChat", () => {
  it("sends model, messages and bearer key, and returns the assistant text", async () => {
    fake.behave({ kind: "answer", text: (req) => `echo: ${req.messages.at(-1)?.content}` });
    const before = fake.requests.length;
    const out = await completeChat({ settings, messages: [{ role: "user", content: "hello" }], temperature: 0.2, maxTokens: 50 });
    expect(out.text).toBe("echo: hello");
    expect(out.model).toBe("tiny");
    const req = fake.requests[before]!;
    expect(req).toMatchObject({ model: "tiny", temperature: 0.2, max_tokens: 50, authorization: "Bearer sk-test" });
  });

  it.each<[string, FakeOpenAiBehaviour, LlmError["kind"]]>([
    ["refusal field", { kind: "refuse" }, "refused"],
    ["content filter", { kind: "content_filter" }, "refused"],
    ["HTTP 500", { kind: "fail", status: 500 }, "http"],
    ["HTTP 401", { kind: "fail", status: 401 }, "http"],
    ["empty text", { kind: "answer", text: "   " }, "empty"],
    ["not JSON", { kind: "garbage" }, "bad_response"],
    ["no answer in time", { kind: "hang" }, "timeout"],
  ])("%s → LlmError(%s)", async (_name, behaviour, kind) => {
    fake.behave(behaviour);
    const s = behaviour.kind === "hang" ? { ...settings, timeoutMs: 300 } : settings;
    const err = await completeChat({ settings: s, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).kind).toBe(kind);
    expect((err as LlmError).message).toMatch(/^llm: /);
  });

  it("reports a closed port as a network error", async () => {
    const err = await completeChat({ settings: { ...settings, baseUrl: "http://127.0.0.1:1/v1" }, messages: [] }).catch((e: unknown) => e);
    expect((err as LlmError).kind).toBe("network");
  });
});

describe("settings", () => {
  it("are null without LLM_BASE_URL and filled from the config otherwise", () => {
    expect(llmSettingsFromConfig(loadConfig({}))).toBeNull();
    const s = llmSettingsFromConfig(loadConfig({ LLM_BASE_URL: "http://127.0.0.1:9/v1/", LLM_MODEL: "m", LLM_TIMEOUT_MS: "500" }));
    expect(s).toEqual({ baseUrl: "http://127.0.0.1:9/v1/", apiKey: undefined, model: "m", timeoutMs: 500 });
    expect(chatCompletionsUrl(s!.baseUrl)).toBe("http://127.0.0.1:9/v1/chat/completions");
  });
});
