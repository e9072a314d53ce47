/**
 * Button values: a topic (pair, filters, page position) packed into compact JSON well under
 * Slack's 2,000-character limit, and checked with zod when it comes back.
 */
import { z } from "zod";
import { EVENT_TYPES } from "../domain/types.ts";
import type { ReplyAction, Topic } from "./reply.ts";
import { LANGS, t as tr, type Lang } from "./i18n/index.ts";
import type { TimelineCursor } from "../services/timeline.ts";

const code = z.string().regex(/^[A-Z]{2}$/);
const cursor = z.string().regex(/^\d{4}-\d{2}-\d{2}:\d+$/);
const PackedSchema = z.object({
  a: code,
  b: code,
  s: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  t: z.enum(EVENT_TYPES).optional(),
  c: cursor.optional(),
  o: z.number().int().min(0).max(1_000_000).optional(),
  l: z.enum(LANGS).optional(),
});

/** Packs a topic into a button value (about 80 characters). */
export function encodeTopic(t: Topic): string {
  return JSON.stringify({ a: t.pair.a, b: t.pair.b, s: t.since, t: t.type, c: t.start, o: t.offset || undefined, l: t.lang === "en" ? undefined : t.lang });
}

/** The "Chart" button of a pair (and its filters): the chart covers the whole pair, not one page. */
export function chartAction(topic: Pick<Topic, "pair" | "since" | "type">, lang: Lang = "en"): ReplyAction {
  return { id: "chart", label: tr(lang, "chart.button"), value: encodeTopic({ kind: "timeline", pair: topic.pair, since: topic.since, type: topic.type, ...(lang === "en" ? {} : { lang }) }) };
}

/** Unpacks a button value; null when it is not one of ours. */
export function decodeTopic(value: string): Topic | null {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const p = PackedSchema.safeParse(json);
  if (!p.success) return null;
  const d = p.data;
  return { kind: "timeline", pair: { a: d.a, b: d.b }, since: d.s, type: d.t, start: d.c, offset: d.o, ...(d.l && d.l !== "en" ? { lang: d.l } : {}) };
}

/** "2024-10-14:123" → cursor; null for anything else. */
export function parseCursor(s: string | null | undefined): TimelineCursor | null {
  const m = s ? /^(\d{4}-\d{2}-\d{2}):(\d+)$/.exec(s) : null;
  return m ? { dateStart: m[1]!, id: Number(m[2]) } : null;
}

/** Cursor → "2024-10-14:123". */
export function formatCursor(c: TimelineCursor): string {
  return `${c.dateStart}:${c.id}`;
}

const PickSchema = z.object({ a: code, b: code, q: z.string().max(1500) });

/** Packs a "which pair?" button: the pair and the question it answers (cut to 600 characters, so even a
 * question of quotes and backslashes, escaped in JSON, stays under the 2,000 of a button value). */
export function encodePick(pair: { a: string; b: string }, question: string): string {
  return JSON.stringify({ a: pair.a, b: pair.b, q: question.slice(0, 600) });
}

/** Unpacks a "which pair?" button value; null when it is not one of ours. */
export function decodePick(value: string): { pair: { a: string; b: string }; question: string } | null {
  try {
    const p = PickSchema.safeParse(JSON.parse(value));
    return p.success ? { pair: { a: p.data.a, b: p.data.b }, question: p.data.q } : null;
  } catch {
    return null;
  }
}
