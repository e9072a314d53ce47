/**
 * "No English catalog string left in a Vietnamese reply": the English words of the reply catalog
 * (each template's text between placeholders that has a word of four letters or more, less what
 * the Vietnamese catalog also writes: commands, "/invite @Relations"), and what a reply shows.
 */
import { en } from "../../src/chat/i18n/en.ts";
import { vi } from "../../src/chat/i18n/vi.ts";
import type { Reply } from "../../src/chat/reply.ts";
import { renderReplyText } from "../../src/chat/text.ts";
import { renderBlocks } from "../../src/slack/render.ts";
import { messageText } from "./slack-limits.ts";

const viValues = Object.values(vi).join("\n");
const englishFragments = [...new Set(Object.values(en).flatMap((v) => v.split(/\{\w+\}/).map((f) => f.trim())))].filter((f) => /[A-Za-z]{4,}/.test(f) && !viValues.includes(f));

/** The English fragments of the catalog that `s` contains. */
export function englishLeft(s: string): string[] {
  return englishFragments.filter((f) => s.includes(f));
}

/** Everything a reply shows, as the shell prints it and as Slack receives it (with its image's title and alt text). */
export const allText = (r: Reply) =>
  [renderReplyText(r), messageText(renderBlocks(r)), ...r.actions.map((a) => a.label), r.image?.title ?? "", r.image?.alt ?? ""].join("\n");
