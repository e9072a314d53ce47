/**
 * Stage 2, entities: country, person and organization mentions per sentence, each read as a side,
 * a location (a place, target or audience), a topic (the war in X) or an organization; the
 * article's main pair is the two countries most named as sides, the title and lead counting more.
 */
import type { Sentence } from "../sentences.ts";
import type { EntityMention } from "../types.ts";
import { LEAD_SENTENCES, type AnalyzerDeps, type Ctx } from "./context.ts";
import { titledPeople } from "./people.ts";

export function findEntities(ctx: Ctx, deps: AnalyzerDeps): void {
  const at = ctx.ref ?? undefined;
  const counts = new Map<string, number>();
  // One pass over the whole text (the matcher tokenizes once), then split by sentence.
  const all = deps.gazetteer.findMentions(ctx.doc, at ? { at } : undefined);
  let k = 0;
  ctx.mentions = ctx.sentences.map((s) => {
    while (k < all.length && all[k]!.start < s.start) k++;
    const found: EntityMention[] = [];
    for (let j = k; j < all.length && all[j]!.start < s.end; j++) if (all[j]!.end <= s.end) found.push({ ...all[j]! });
    // officials the gazetteer does not know, introduced by title and country
    const adhoc = titledPeople(s.text, s.start, found, ctx.rules);
    if (adhoc.length) found.push(...adhoc), found.sort((a, b) => a.start - b.start);
    for (const [i, m] of found.entries()) {
      m.use = classifyMention(m, ctx, s, found.slice(0, i));
      if (m.use === "side" && m.country && s.part !== "caption") {
        const w = s.part === "title" ? 3 : s.index <= LEAD_SENTENCES ? 2 : 1;
        counts.set(m.country, (counts.get(m.country) ?? 0) + w);
      }
    }
    return found;
  });
  resolveShortNames(ctx);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length >= 2) ctx.mainPair = [ranked[0]![0], ranked[1]![0]].sort() as [string, string];
}

const PHOTO_CREDIT = /(?:(?:Ảnh|ảnh|Photo|photo|Image|Nguồn ảnh|Credit)\s*(?:minh họa|minh hoạ)?\s*:|Nguồn hình ảnh\s*,)\s*[^.:,]{0,30}$/u;

// "cố" + a title ("cố Tổng Bí thư"), never "cố vấn" (adviser), "cố gắng" (try), "củng cố" (strengthen)
const LATE_PERSON = /(?:(?:^|\s)(?<!củng\s)cố\s+(?!vấn|gắng|ý|định|thủ|tình|hữu)(?:\S+\s+){0,4}|(?:^|\s)the late\s+(?:\p{Lu}[\p{L}.'-]*\s+){0,4})$/u;
const CAPS_WORD = "\\p{Lu}{3,}(?:[ '’-]\\p{Lu}{2,})*";
const DATELINE_RUN = new RegExp(`^${CAPS_WORD}(?:/${CAPS_WORD})*(?:,\\s\\p{Lu}\\p{Ll}+(?:\\s\\p{Lu}\\p{Ll}+)?)?(?=\\s+\\p{Lu})`, "u");

/** A country mention is a side, a location ("in Minsk"), a topic ("the war in Ukraine") or an org. */
export function classifyMention(m: EntityMention, ctx: Ctx, s: Sentence, earlier: EntityMention[] = []): EntityMention["use"] {
  if (m.kind === "org" || !m.country) return "org";
  // "cố Thủ tướng …", "the late President …": the dead are remembered, they act in nothing
  if (m.kind === "person" && LATE_PERSON.test(ctx.doc.slice(Math.max(s.start, m.start - 50), m.start))) return "topic";
  // "- Ảnh: VGP/Nhật Bắc", "(Photo: Reuters)": a photo credit names a photographer or an agency, never a party
  if (PHOTO_CREDIT.test(ctx.doc.slice(Math.max(s.start, m.start - 40), m.start))) return "org";
  // A dateline ("BEIJING -", "PYONGYANG, June 19 -", "BẮC KINH (TTXVN) -") says where the reporter is.
  if (m.start - s.start <= 2 && m.text === m.text.toUpperCase() && /^\s*(?:,[^-–—\n]{0,30})?\s*(?:\([^)]{0,30}\)\s*)?[-–—]/u.test(ctx.doc.slice(m.end, m.end + 45))) return "location";
  // "LIMA/QUITO The talks …", "CARACAS Peru's …": a wire dateline without a dash, capitals of
  // three letters or more joined by "/", opening the sentence
  const dateline = DATELINE_RUN.exec(s.text);
  if (dateline && m.start - s.start < dateline[0].length) return "location";
  const before = ctx.doc.slice(Math.max(s.start, m.start - 40), m.start).toLowerCase();
  if (ctx.rules.topicBefore.test(before)) return "topic";
  // "a frayed Syrian ceasefire", "Syrian rebels": a war, a truce or a faction, not the state
  // (the text right after the mention, lower-cased once: 40 characters, and the first 30 of them)
  const after = ctx.doc.slice(m.end, m.end + 40).toLowerCase();
  const after30 = after.slice(0, 30);
  if (m.kind === "country" && ctx.rules.topicAfter.test(after30)) return "topic";
  // "Chinese state media reported …", "theo Đài Tiếng nói Trung Quốc": a news outlet's country is a source
  if (m.kind === "country" && (ctx.rules.mediaBefore.test(before) || ctx.rules.mediaAfter.test(after))) return "org";
  // "Given the disruption caused by US President Trump's tariffs, the visit of …": a fronted
  // clause of circumstance names the background, not a party
  const opener = ctx.rules.circumstanceOpener?.exec(s.text);
  if (opener && m.start - s.start < s.text.indexOf(",", opener[0].length)) return "topic";
  if (isTarget(m, ctx, s, earlier)) return "topic";
  // "Rio de Janeiro (Brazil)", "Kochi (Ấn Độ)": a country in brackets after a place says where it is
  if (m.kind !== "person" && ctx.doc[m.start - 1] === "(" && ctx.doc[m.end] === ")" && /\p{Lu}[\p{L}.-]*\s*$/u.test(ctx.doc.slice(Math.max(s.start, m.start - 25), m.start - 1))) return "location";
  if (m.kind !== "person" && ctx.rules.locationBefore.test(before)) return "location";
  // "its ex-Canadian CF-5 jets": where equipment came from, not a party
  if (m.kind === "country" && /\bex-$/u.test(before)) return "topic";
  // "in Quito, Ecuador", "tại Lima, Peru": a country after a city named as a place says where it is
  const prev = earlier[earlier.length - 1];
  if (m.kind !== "person" && prev?.use === "location" && prev.via === "metonym" && /^\s*(?:,|của|of)\s*$/u.test(ctx.doc.slice(prev.end, m.start))) return "location";
  // "a few kilometres from the Polish border", "biên giới Ba Lan": a line on the map, not a party.
  if (m.kind !== "person" && (ctx.rules.borderAfter.test(after30) || ctx.rules.borderBefore.test(before))) return "location";
  return "side";
}

/**
 * "aimed at China", "to counter the rise of China", "a show of force against Vladimir Putin": the
 * first party named after such words is a target or an audience, and so is one coordinated with
 * it ("… North Korea and Russia"); a party named after another one in between is not ("the envoy
 * for North Korea met South Korean officials").
 */
function isTarget(m: EntityMention, ctx: Ctx, s: Sentence, earlier: EntityMention[]): boolean {
  const from = Math.max(s.start, m.start - 60);
  const hit = ctx.rules.targetBefore.exec(ctx.doc.slice(from, m.start).toLowerCase());
  if (!hit) return false;
  const triggerAt = from + hit.index;
  const between = earlier.filter((e) => e.start > triggerAt && (e.country || e.kind === "person"));
  if (!between.length) return true;
  const last = between[between.length - 1]!;
  return last.use === "topic" && /^\s*(?:,|and|và|or|hoặc)\s*(?:the\s+)?$/iu.test(ctx.doc.slice(last.end, m.start));
}

/**
 * "Chủ tịch Lương Cường … Ông Cường đến Chile", "President Joe Biden … Mr Biden said": a person
 * named in full earlier in the article is meant by an honorific and the last part of the name
 * (a Vietnamese given name, another language's surname). Such mentions join that person, as
 * sides of what they do.
 */
function resolveShortNames(ctx: Ctx): void {
  const known = new Map<string, EntityMention>();
  for (const [i, s] of ctx.sentences.entries()) {
    const mentions = ctx.mentions[i]!;
    for (const m of mentions) {
      if (m.kind !== "person" || !m.country) continue;
      const last = m.text.trim().split(/\s+/).pop();
      if (last && last.length > 1) known.set(last.toLowerCase(), m);
    }
    const re = ctx.rules.honorific;
    re.lastIndex = 0;
    const added: EntityMention[] = [];
    for (let h = re.exec(s.text); h; h = re.exec(s.text)) {
      const name = h[1]!;
      const person = known.get(name.toLowerCase());
      if (!person) continue;
      const start = s.start + h.index + h[0].length - name.length;
      const end = start + name.length;
      if (mentions.some((m) => m.start < end && start < m.end)) continue;
      added.push({ ...person, start, end, text: name, via: "short-name", use: "side" });
    }
    re.lastIndex = 0;
    if (added.length) ctx.mentions[i] = [...mentions, ...added].sort((a, b) => a.start - b.start);
  }
}
