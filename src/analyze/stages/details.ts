/** Stage 4e, what a development's sentence adds: modality, service, a named exercise; and a confidence. */
import type { EventType } from "../../domain/types.ts";
import type { LangRules } from "../lang/rules.ts";
import type { Sentence } from "../sentences.ts";

export function details(lower: string, type: EventType, rules: LangRules, atCue: string): string[] {
  const out: string[] = [];
  for (const [re, tag] of rules.detailWords) {
    // "a state visit" describes this visit only when it is said of it, not of another one in the sentence
    if (tag === "state") {
      if (type === "visit" && re.test(atCue)) out.push(tag);
      continue;
    }
    if ((tag === "video" || tag === "phone") && type !== "talks") continue;
    if ((tag === "naval" || tag === "air" || tag === "land") && type !== "exercise" && type !== "patrol") continue;
    if ((tag === "naval" || tag === "land") && out.includes("air")) continue;
    if (tag === "state" && type !== "visit") continue;
    if (re.test(lower)) out.push(tag);
  }
  const name = /[“"«]([^”"»]{3,60})[”"»]/u.exec(lower);
  if (name && (type === "exercise" || type === "patrol")) out.push(`name:${name[1]}`);
  return out;
}

export function confidence(hasDate: boolean, isLead: boolean, via: string, part: Sentence["part"]): number {
  let c = 0.5;
  if (hasDate) c += 0.2;
  if (isLead) c += 0.15;
  if (via.startsWith("names")) c += 0.1;
  if (part === "caption") c -= 0.3;
  return Math.max(0, Math.min(1, c));
}
