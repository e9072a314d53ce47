/**
 * Cue lexicons (data/cues.vi.json, data/cues.en.json) validated by zod and compiled once.
 * A pattern is a regular expression over lower-cased NFC text; the markers `(?=@PLACE)` and
 * `(?=@TITLE)` mean "followed directly by a country/place mention" / "by a person or title",
 * which the candidate stage checks against the sentence's mentions.
 */
import { z } from "zod";
import { EVENT_TYPES, type EventType } from "../domain/types.ts";

const PatternList = z.array(z.string().min(1));

export const LexiconFileSchema = z.object({
  source: z.string().min(1),
  lang: z.enum(["vi", "en"]),
  types: z.object(Object.fromEntries(EVENT_TYPES.map((t) => [t, PatternList])) as Record<EventType, typeof PatternList>),
  planned: PatternList,
  announced: PatternList,
  past: PatternList,
  modal: PatternList,
  generic: PatternList,
  conflict: PatternList,
  topicBefore: PatternList,
  defenseContext: PatternList,
  anaphoraPair: PatternList,
  /** "bilateral", "song phương": says a development is the article's two countries' own, referring to nothing before */
  pairDescriptor: PatternList,
  counterpart: PatternList,
  subordinate: PatternList,
  mainEventRef: PatternList,
  titles: PatternList,
  /** a line that is only one of these starts a related-news / recommendation block: nothing after it is read */
  junkHeadings: PatternList,
  /** conflict words after these are hypothetical ("cam kết hỗ trợ nhau khi bị tấn công", "if attacked") */
  hypothetical: PatternList,
  /** an agreement cue followed by these is not cooperation ("Hiệp định đình chiến", "armistice") */
  notCooperationAfter: PatternList,
  /** "Australian forces are also participating": a country joining the exercise just reported */
  participation: PatternList,
  /** right before a country joining a drill just reported: "including some from the Royal Norwegian Navy", "với sự tham gia của" */
  joinedFrom: PatternList,
  /** observers are not participants */
  observers: PatternList,
  /** a date right after these names a document ("Kế hoạch hợp tác năm 2025"), not when it was signed */
  documentBefore: PatternList,
  /** an act on a document: signed, adopted, upgraded, took effect ("ký", "thông qua"); a document named without one is only mentioned */
  agreementActs: PatternList,
  /** a statement is issued by being made: one dated in its sentence ("in a joint statement Sunday") needs no act word */
  statementDocuments: PatternList,
  /** dialogue as a goal or a habit, ending with the cue ("tăng cường đối thoại", "keep dialogue open"): no meeting (matched at the end of the text before and of the cue) */
  abstractDialogue: PatternList,
  /** right after a visit cue: a region, not a country ("công du châu Á", "a tour of Asia") */
  regionAfterVisit: PatternList,
  /** after a contrast that follows a planned cue: the plan was blocked or dropped ("…, nhưng ông Trump bất ngờ chặn lại") */
  planReversed: PatternList,
  /** right after a meeting cue: it may only happen ("một cuộc gặp … vẫn có thể diễn ra", "a meeting could still take place") */
  modalAfter: PatternList,
  /** words of trade and the economy: talks about them, without a word of defense, are economic cooperation */
  economicContext: PatternList,
  /** in the cue's clause: the development was cancelled, postponed, denied or did not happen */
  negation: PatternList,
  /** a contrast that ends the scope of a negation ("but", "nhưng") */
  contrast: PatternList,
  /** the drills of each side were their own ("separate", "riêng") */
  separate: PatternList,
  /** an agreement that upgrades a partnership counts without defense words */
  partnership: PatternList,
  /** before a visit cue: the visitor is a ship or an aircraft (a port call, not an official's visit) */
  vesselVisitors: PatternList,
  /** near a visit cue: the ones who travel are no officials ("visiting French parliamentarians", "đoàn doanh nghiệp") */
  nonOfficialVisitors: PatternList,
  /** right after a talks cue: a forum's meeting, not talks between two countries */
  forumAfter: PatternList,
  /** right before a talks cue: a forum's own meeting ("the G20 summit", "the ASEAN meeting") */
  forumBefore: PatternList,
  /** an undated act told as background ("đã từng", "has", "previously"): not stamped with the publication date */
  background: PatternList,
  /** the sentence speaks of three parties together: each pair counts */
  trilateral: PatternList,
  /** an exercise or patrol is joint: "joint", "with", "cùng", "giữa" … */
  jointMarks: PatternList,
});
export type LexiconFile = z.infer<typeof LexiconFileSchema>;

export interface CuePattern {
  type: EventType;
  /** one regular expression per type: every alternative in its own capture group, longest first */
  re: RegExp;
  /** for capture group i+1: the source pattern and what must follow it */
  alternatives: { source: string; needs: "place" | "title" | null }[];
}

export interface Lexicon {
  lang: "vi" | "en";
  cues: CuePattern[];
  planned: RegExp;
  announced: RegExp;
  past: RegExp;
  modal: RegExp;
  generic: RegExp;
  conflict: RegExp;
  /** matches at the END of the text before a country mention that makes it a topic, not a side */
  topicBefore: RegExp;
  defenseContext: RegExp;
  anaphoraPair: RegExp;
  pairDescriptor: RegExp;
  counterpart: RegExp;
  subordinate: RegExp;
  mainEventRef: RegExp;
  /** matches at the end of the text before a mention when a title precedes it */
  titleBefore: RegExp;
  titles: RegExp;
  junkHeading: RegExp;
  hypothetical: RegExp;
  notCooperationAfter: RegExp;
  participation: RegExp;
  joinedFrom: RegExp;
  observers: RegExp;
  documentBefore: RegExp;
  agreementActs: RegExp;
  statementDocuments: RegExp;
  abstractDialogue: RegExp;
  regionAfterVisit: RegExp;
  planReversed: RegExp;
  modalAfter: RegExp;
  economicContext: RegExp;
  negation: RegExp;
  contrast: RegExp;
  separate: RegExp;
  partnership: RegExp;
  vesselVisitors: RegExp;
  nonOfficialVisitors: RegExp;
  forumAfter: RegExp;
  forumBefore: RegExp;
  trilateral: RegExp;
  background: RegExp;
  jointMarks: RegExp;
}

// Word boundaries that understand Vietnamese letters (JS \b only knows ASCII word characters).
const B_START = "(?<![\\p{L}\\p{N}])";
const B_END = "(?![\\p{L}\\p{N}])";

function alternation(list: string[]): string {
  // longest first so that "tập trận chung" wins over "tập trận"
  return [...list].sort((a, b) => b.length - a.length).map((p) => `(?:${p})`).join("|");
}

/**
 * Lists compiled without a leading lookbehind (it would stop the regex engine from skipping ahead
 * to a possible first letter); `wordExec` checks that a match starts a word, as `startsWord` does
 * for cues. Every reader of these lists goes through `wordExec` (or `test`/`lastIndexOf` of the
 * stages, which use it).
 */
const WORD_START = new WeakSet<RegExp>();

function anyOf(list: string[], flags = "giu"): RegExp {
  const re = new RegExp(`(?:${alternation(list)})${B_END}`, flags);
  WORD_START.add(re);
  return re;
}

/** The next match of a global regex in `s` from its lastIndex that starts a word, when the list asks for it. */
export function wordExec(re: RegExp, s: string): RegExpExecArray | null {
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (!WORD_START.has(re) || startsWord(s, m.index)) return m;
    re.lastIndex = m.index + 1;
  }
  return null;
}

/** True when position `at` of `s` starts a word (no letter or digit before it). */
export function startsWord(s: string, at: number): boolean {
  if (at === 0) return true;
  const c = s.charCodeAt(at - 1);
  if (c < 128) return !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122));
  return !/[\p{L}\p{N}\p{M}]/u.test(s[at - 1]!);
}

/** Compiles a validated lexicon file. Throws a clear error naming the file on bad data. */
export function compileLexicon(raw: unknown, name: string): Lexicon {
  const parsed = LexiconFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`analyze: bad lexicon ${name}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const f = parsed.data;
  // One regular expression per type keeps matching to 8 passes over a sentence, not one per pattern.
  const cues: CuePattern[] = [];
  for (const type of EVENT_TYPES) {
    const alternatives: CuePattern["alternatives"] = [];
    const parts: string[] = [];
    // longest first, measured without the "(?=@…)" marks, so "tiếp kiến" is tried before "tiếp (?=@TITLE)"
    const bare = (p: string) => p.replace(/\(\?=@(?:PLACE|TITLE)\)/gu, "").length;
    for (const p of [...f.types[type]].sort((a, b) => bare(b) - bare(a))) {
      let needs: "place" | "title" | null = null;
      let src = p;
      if (src.includes("(?=@PLACE)")) {
        needs = "place";
        src = src.replace("(?=@PLACE)", "");
      } else if (src.includes("(?=@TITLE)")) {
        needs = "title";
        src = src.replace("(?=@TITLE)", "");
      }
      try {
        new RegExp(src, "u");
      } catch (e) {
        throw new Error(`analyze: bad lexicon ${name}: types.${type}: pattern ${JSON.stringify(p)}: ${(e as Error).message}`);
      }
      if (/\((?!\?)/.test(src)) throw new Error(`analyze: bad lexicon ${name}: types.${type}: pattern ${JSON.stringify(p)}: use (?:…) groups, not capturing ones`);
      // a pattern that ends before a required mention ends with a space, not a word boundary
      parts.push(`(${src})${needs ? "" : B_END}`);
      alternatives.push({ source: p, needs });
    }
    // No leading lookbehind: it would stop the engine from skipping ahead to a possible first
    // letter. The word boundary before a match is checked by the caller (`startsWord`).
    if (parts.length) cues.push({ type, re: new RegExp(`(?:${parts.join("|")})`, "giu"), alternatives });
  }
  return {
    lang: f.lang,
    cues,
    planned: anyOf(f.planned),
    announced: anyOf(f.announced),
    past: anyOf(f.past),
    modal: anyOf(f.modal),
    generic: anyOf(f.generic),
    conflict: anyOf(f.conflict),
    topicBefore: new RegExp(`${B_START}(?:${alternation(f.topicBefore)})\\s*$`, "iu"),
    defenseContext: anyOf(f.defenseContext),
    anaphoraPair: anyOf(f.anaphoraPair),
    pairDescriptor: anyOf(f.pairDescriptor),
    counterpart: anyOf(f.counterpart),
    subordinate: new RegExp(`^\\s*(?:${alternation(f.subordinate)})${B_END}`, "iu"),
    mainEventRef: anyOf(f.mainEventRef),
    titleBefore: new RegExp(`${B_START}(?:${alternation(f.titles)})\\s*$`, "iu"),
    titles: anyOf(f.titles),
    hypothetical: anyOf(f.hypothetical),
    notCooperationAfter: anyOf(f.notCooperationAfter),
    participation: anyOf(f.participation),
    joinedFrom: new RegExp(`(?:${alternation(f.joinedFrom)})\\s+(?:the\\s+|các\\s+)?(?:[\\p{Lu}][\\p{L}'’-]*\\s+){0,3}$`, "iu"),
    observers: anyOf(f.observers),
    documentBefore: anyOf(f.documentBefore),
    agreementActs: anyOf(f.agreementActs),
    statementDocuments: anyOf(f.statementDocuments),
    abstractDialogue: new RegExp(`${B_START}(?:${alternation(f.abstractDialogue)})$`, "iu"),
    planReversed: anyOf(f.planReversed),
    modalAfter: anyOf(f.modalAfter),
    economicContext: anyOf(f.economicContext),
    // the region may come after the traveller: "chuyến đi tuần tới của thủ tướng tới Nam Thái Bình Dương", "a trip by the premier to the Pacific"
    regionAfterVisit: new RegExp(`^\\s*(?<pre>[^,.;]{0,80}?\\s(?=(?:tới|đến|sang|to)\\s))?(?:${alternation(f.regionAfterVisit)})${B_END}`, "iu"),
    negation: anyOf(f.negation),
    contrast: anyOf(f.contrast),
    separate: anyOf(f.separate),
    partnership: anyOf(f.partnership),
    vesselVisitors: anyOf(f.vesselVisitors),
    nonOfficialVisitors: anyOf(f.nonOfficialVisitors),
    forumAfter: new RegExp(`^\\s*(?:${alternation(f.forumAfter)})${B_END}`, "iu"),
    forumBefore: new RegExp(`${B_START}(?:${alternation(f.forumBefore)})(?:\\s+(?:leaders|defen[cs]e ministers|foreign ministers|ministers|council of heads of state|heads of state|heads of government|\\([\\p{L}]+\\))['’]?){0,3}\\s*$`, "iu"),
    trilateral: anyOf(f.trilateral),
    background: anyOf(f.background),
    jointMarks: anyOf(f.jointMarks),
    junkHeading: new RegExp(`^\\s*(?:${alternation(f.junkHeadings)})\\s*[:»›>…]*\\s*$`, "iu"),
  };
}
