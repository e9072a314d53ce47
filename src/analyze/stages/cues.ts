/** Stage 4a, cues: where a sentence names a development of one of the eight types. */
import type { EventType } from "../../domain/types.ts";
import { startsWord, wordExec } from "../lexicon.ts";
import type { Sentence } from "../sentences.ts";
import type { EntityMention } from "../types.ts";
import { test, type Ctx } from "./context.ts";

export interface CueHit {
  type: EventType;
  start: number;
  end: number;
  text: string;
}

export function findCues(s: Sentence, ctx: Ctx, mentions: EntityMention[]): CueHit[] {
  const lower = s.text.toLowerCase();
  const hits: CueHit[] = [];
  for (const cue of ctx.lex.cues) {
    cue.re.lastIndex = 0;
    for (let m = cue.re.exec(lower); m; m = cue.re.exec(lower)) {
      if (m[0].length === 0) {
        cue.re.lastIndex++;
        continue;
      }
      if (!startsWord(lower, m.index)) {
        cue.re.lastIndex = m.index + 1;
        continue;
      }
      const alt = cue.alternatives[m.slice(1).findIndex((g) => g !== undefined)];
      const start = s.start + m.index;
      const end = start + m[0].length;
      if (alt?.needs === "place" && !mentions.some((x) => x.country && x.use !== "topic" && x.kind !== "person" && x.start >= end && x.start <= end + 12)) {
        cue.re.lastIndex = m.index + 1;
        continue;
      }
      // the person or the title comes right after the cue ("nói với Tổng thống …", "gặp Putin"),
      // not somewhere later ("nói với Reuters hôm 15/6 rằng Trump …")
      if (alt?.needs === "title" && !officialNext(ctx, s, lower, mentions, end)) {
        cue.re.lastIndex = m.index + 1;
        continue;
      }
      // a word of a hyphenated compound ("signing-on bonus", "exercise-related costs") names no act
      if (/^-\p{Ll}/u.test(lower.slice(m.index + m[0].length, m.index + m[0].length + 2))) {
        cue.re.lastIndex = m.index + 1;
        continue;
      }
      // a word of an organization's name ("North Atlantic Treaty Organization", "Tổ chức Hiệp ước …") is no cue
      if (mentions.some((x) => x.kind === "org" && x.start <= start && end <= x.end)) {
        cue.re.lastIndex = m.index + 1;
        continue;
      }
      hits.push({ type: cue.type, start, end, text: m[0] });
    }
  }
  // Per type keep non-overlapping hits, longest first.
  hits.sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: CueHit[] = [];
  for (const h of hits) {
    if (kept.some((k) => k.type === h.type && k.start < h.end && h.start < k.end)) continue;
    // an arms or exercise phrase inside a longer phrase of another type is that type's ("hợp tác kỹ thuật quân sự")
    kept.push(h);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Right after `end`: a person, a title, or a country's title ("Kenyan President …", "Bộ trưởng Quốc phòng Nhật Bản …"). */
function officialNext(ctx: Ctx, s: Sentence, lower: string, mentions: EntityMention[], end: number): boolean {
  if (mentions.some((x) => x.kind === "person" && x.start >= end && x.start <= end + 2)) return true;
  const country = mentions.find((x) => x.kind === "country" && x.start >= end && x.start <= end + 6);
  const from = country ? country.end : end;
  return titleFirst(ctx, lower.slice(from - s.start, from - s.start + 25));
}

/** The text opens with an official's title ("Bộ trưởng …", "người đồng cấp …"). */
function titleFirst(ctx: Ctx, text: string): boolean {
  const re = ctx.lex.titles;
  re.lastIndex = 0;
  const m = wordExec(re, text);
  re.lastIndex = 0;
  return !!m && m.index <= 1;
}
