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
  counterpart: PatternList,
  subordinate: PatternList,
  mainEventRef: PatternList,
  titles: PatternList,
  /** a line that is only one of these starts a related-news / recommendation block: nothing after it is read */
  junkHeadings: PatternList,
});
export type LexiconFile = z.infer<typeof LexiconFileSchema>;

export interface CuePattern {
  type: EventType;
  source: string;
  re: RegExp;
  needs: "place" | "title" | null;
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
  counterpart: RegExp;
  subordinate: RegExp;
  mainEventRef: RegExp;
  /** matches at the end of the text before a mention when a title precedes it */
  titleBefore: RegExp;
  titles: RegExp;
  junkHeading: RegExp;
}

// Word boundaries that understand Vietnamese letters (JS \b only knows ASCII word characters).
const B_START = "(?<![\\p{L}\\p{N}])";
const B_END = "(?![\\p{L}\\p{N}])";

function alternation(list: string[]): string {
  // longest first so that "tập trận chung" wins over "tập trận"
  return [...list].sort((a, b) => b.length - a.length).map((p) => `(?:${p})`).join("|");
}

function anyOf(list: string[], flags = "giu"): RegExp {
  return new RegExp(`${B_START}(?:${alternation(list)})${B_END}`, flags);
}

/** Compiles a validated lexicon file. Throws a clear error naming the file on bad data. */
export function compileLexicon(raw: unknown, name: string): Lexicon {
  const parsed = LexiconFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`analyze: bad lexicon ${name}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const f = parsed.data;
  const cues: CuePattern[] = [];
  for (const type of EVENT_TYPES) {
    for (const p of f.types[type]) {
      let needs: CuePattern["needs"] = null;
      let src = p;
      if (src.includes("(?=@PLACE)")) {
        needs = "place";
        src = src.replace("(?=@PLACE)", "");
      } else if (src.includes("(?=@TITLE)")) {
        needs = "title";
        src = src.replace("(?=@TITLE)", "");
      }
      const tail = needs ? "" : B_END; // a pattern that ends before a required mention ends with a space
      try {
        cues.push({ type, source: p, re: new RegExp(`${B_START}(?:${src})${tail}`, "giu"), needs });
      } catch (e) {
        throw new Error(`analyze: bad lexicon ${name}: types.${type}: pattern ${JSON.stringify(p)}: ${(e as Error).message}`);
      }
    }
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
    counterpart: anyOf(f.counterpart),
    subordinate: new RegExp(`^\\s*(?:${alternation(f.subordinate)})${B_END}`, "iu"),
    mainEventRef: anyOf(f.mainEventRef),
    titleBefore: new RegExp(`${B_START}(?:${alternation(f.titles)})\\s*$`, "iu"),
    titles: anyOf(f.titles),
    junkHeading: new RegExp(`^\\s*(?:${alternation(f.junkHeadings)})\\s*[:»›>…]*\\s*$`, "iu"),
  };
}
