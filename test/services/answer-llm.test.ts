/**
 * The model path of follow-up answers against the local fake OpenAI-compatible server: a composed
 * answer citing numbered passages, "the sources don't say", and every way it can fail (refusal,
 * content filter, HTTP error, timeout, garbage, a citation of a passage it was not given), each
 * falling back to the offline answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { createQuestionParser, type QuestionParser } from "../../src/analyze/question.ts";
import { answerToReply } from "../../src/chat/follow-up.ts";
import type { Db } from "../../src/db/client.ts";
import { answerQuestion, type AnswerDeps } from "../../src/services/answer.ts";
import { renderBlocks } from "../../src/slack/render.ts";
import { testDb } from "../helpers/db.ts";
import { startFakeOpenAi, type FakeOpenAi, type FakeOpenAiBehaviour } from "../helpers/fake-openai.ts";
import { assertBlockKitLimits } from "../helpers/slack-limits.ts";
import { seedAnswerData } from "./answer-seed.ts";

const clock = () => new Date("2025-01-15T03:00:00Z");
const CN_RU = { pair: { a: "CN", b: "RU" } };
let parser: QuestionParser;
let db: Db;
let fake: FakeOpenAi;
let deps: AnswerDeps;

beforeAll(async () => {
  parser = createQuestionParser(loadGazetteer());
  db = testDb();
  seedAnswerData(db);
  fake = await startFakeOpenAi();
  deps = { db, parser, clock, llm: { baseUrl: fake.baseUrl, apiKey: "sk-test", model: "fake-model", timeoutMs: 5000 } };
});
afterAll(async () => {
  await fake.close();
});

describe("a configured model composes the answer from the retrieved passages only", () => {
  it("sends only stored passages, numbered, and returns the composed text with the passages it cites", async () => {
    fake.behave({ kind: "answer", text: "Defense Minister Andrei Belousov went to Beijing on 14 October 2024 and held talks with Dong Jun [1]." });
    const a = await answerQuestion(deps, CN_RU, "ai đã gặp ai ở Bắc Kinh hồi tháng 10/2024?");
    const req = fake.requests.at(-1)!;
    expect(req.model).toBe("fake-model");
    expect(req.authorization).toBe("Bearer sk-test");
    expect(req.messages[0]!.content).toMatch(/ONLY the numbered passages/);
    const user = req.messages[1]!.content;
    expect(user).toContain("[1] (Quân đội nhân dân, 2024-10-14) Ngày 14/10/2024, Bộ trưởng Quốc phòng Nga Andrei Belousov đến Bắc Kinh");
    expect(user).not.toContain("Kazakhstan");
    expect(a.composed).not.toBeNull();
    expect(a.composed!.text).toContain("[1]");
    expect(a.composed!.passages.map((p) => p.n)).toEqual([1]);
    expect(a.composed!.passages[0]!.url).toBe("https://qdnd.example.vn/quoc-te/belousov-bac-kinh");
    const reply = answerToReply(a, loadGazetteer());
    expect(reply.context).toMatch(/language model from the numbered passages only/);
    expect(reply.items[0]!.text).toContain("[1]");
    expect(reply.items[1]!.lead).toBe("[1] Quân đội nhân dân · 2024-10-14");
    assertBlockKitLimits(renderBlocks(reply) as never);
  });

  it("accepts an answer that says the passages don't answer the question", async () => {
    fake.behave({ kind: "answer", text: "The sources I have don't say how many ships took part." });
    const a = await answerQuestion(deps, CN_RU, "When did they last hold exercises?");
    expect(a.composed?.text).toBe("The sources I have don't say how many ships took part.");
    expect(a.composed?.passages).toEqual([]);
  });

  it("does not call the model when nothing was found", async () => {
    const before = fake.requests.length;
    const a = await answerQuestion(deps, { pair: { a: "BY", b: "CN" } }, "any joint patrols?");
    expect(a.items).toEqual([]);
    expect(a.composed).toBeNull();
    expect(fake.requests.length).toBe(before);
  });
});

describe("any failure of the model falls back to the offline answer", () => {
  it.each<[string, FakeOpenAiBehaviour]>([
    ["a refusal", { kind: "refuse", refusal: "I can't help with that." }],
    ["the content filter", { kind: "content_filter" }],
    ["HTTP 500", { kind: "fail", status: 500 }],
    ["HTTP 429", { kind: "fail", status: 429 }],
    ["a timeout", { kind: "hang" }],
    ["a body that is not JSON", { kind: "garbage" }],
    ["a citation of a passage it was not given", { kind: "answer", text: "They met in Beijing [7]." }],
    ["an answer citing nothing", { kind: "answer", text: "They met in Beijing and signed a big deal." }],
  ])("%s", async (_name, b) => {
    fake.behave(b);
    // a short timeout so the hanging model is given up on quickly
    const a = await answerQuestion({ ...deps, llm: { ...deps.llm!, timeoutMs: 400 } }, CN_RU, "Who did Belousov meet in Beijing?");
    expect(a.composed).toBeNull();
    expect(a.items[0]!.summary).toMatch(/Belousov visited Beijing/);
  });

  it("an unreachable endpoint", async () => {
    const a = await answerQuestion({ ...deps, llm: { baseUrl: "http://127.0.0.1:9/v1", model: "m", timeoutMs: 300 } }, CN_RU, "Who did Belousov meet in Beijing?");
    expect(a.composed).toBeNull();
    expect(a.items.length).toBeGreaterThan(0);
  });
});
