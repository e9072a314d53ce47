/** Follow-up questions in the terminal shell: a reply to a numbered answer, driven through stdin/stdout. */
import { PassThrough } from "node:stream";
import { expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";
import { createQuestionParser } from "../../src/analyze/question.ts";
import { createChatCore } from "../../src/chat/core.ts";
import { createFollowUpAnswerer } from "../../src/chat/follow-up.ts";
import { createBotMessagesRepo } from "../../src/db/bot-messages.repo.ts";
import { createTimelineRepo } from "../../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../../src/db/watches.repo.ts";
import { createTimelineService } from "../../src/services/timeline.ts";
import { runShell } from "../../src/shell/shell.ts";
import { testDb } from "../helpers/db.ts";
import { seedAnswerData } from "../services/answer-seed.ts";

it("answers '> question' and 'reply n question' under a timeline in the shell", async () => {
  const db = testDb();
  seedAnswerData(db);
  const gazetteer = loadGazetteer();
  const clock = () => new Date("2025-01-15T03:00:00Z");
  const chat = createChatCore({
    timeline: createTimelineService(createTimelineRepo(db)),
    countries: gazetteer,
    watches: createWatchesRepo(db),
    botMessages: createBotMessagesRepo(db),
    clock,
    followUp: createFollowUpAnswerer({ db, parser: createQuestionParser(gazetteer), countries: gazetteer, clock }),
  });
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.on("data", (c: Buffer) => (out += c.toString("utf8")));
  const done = runShell({ chat, input, output, prompt: "" });
  for (const l of ["/relations china belarus", "/relations china russia", "> lần cuối tập trận chung là khi nào?", "reply 1 who met in Minsk?", "reply 1 any patrols?", "quit"]) input.write(l + "\n");
  input.end();
  await done;
  // answer to #2 (China – Russia) to a Vietnamese question, in Vietnamese: the latest exercise, quoted in English
  // from its source (no summary renderer is plugged in here, so the stored summary is shown)
  expect(out).toContain("* 10/9/2024 · Tập trận\n  Russia and China held a joint naval exercise (Northern/Interaction-2024).\n“Russian and Chinese navies began the Northern/Interaction-2024 naval exercise in the Sea of Japan on September 10, 2024.”\n  Pacific Ledger <https://news.example/world/northern-interaction-2024>");
  // answer to #1 (Belarus – China)
  expect(out).toContain("* 20 Aug 2023 · Visit\n  Chinese Defense Minister Li Shangfu visited Minsk");
  expect(out).toContain("I found nothing about patrols for Belarus – China in the stored articles.");
});
