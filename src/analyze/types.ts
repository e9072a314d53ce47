/** Types the analyzer produces: article-level developments and the trace that explains them. */
import type { DateSpan, DevelopmentStatus, EventType } from "../domain/types.ts";
import type { FoundDate } from "./dates.ts";

export type { FoundDate } from "./dates.ts";

/** An entity mention in the article (offsets into the article's analysis text). */
export interface EntityMention {
  kind: "country" | "org" | "person" | "place";
  start: number;
  end: number;
  text: string;
  country: string | null;
  entityId: string;
  role?: string;
  via: string;
  /** how the candidate stage read it: a side of the pair, a location, or a topic (war in X) */
  use?: "side" | "location" | "topic" | "org";
}

/** Where a development was read from. */
export interface Evidence {
  sentence: string;
  start: number;
  end: number;
  part: "title" | "body" | "caption";
  lang: "vi" | "en";
  /** who acted in this sentence (person ids, nearest the cue first), the acting country and, for a visit, the country visited */
  actors?: string[];
  actorCountry?: string | null;
  destination?: string | null;
}

/** One development as reported by one article (before clustering across articles). */
export interface ArticleDevelopment {
  pair: [string, string];
  type: EventType;
  status: DevelopmentStatus;
  date: DateSpan;
  /** how the date was chosen: a rule name of the date finder, or "publication" */
  dateRule: string;
  /** country whose officials act (the visitor, the host of talks), when the text tells */
  actorCountry: string | null;
  /** for visits: the country visited */
  destination: string | null;
  /** person entity ids involved, and place names */
  actors: string[];
  places: string[];
  /** free descriptors gathered from the text: modality (video, phone), service (naval, air), exercise name */
  details: string[];
  summary: string;
  evidence: Evidence[];
  /** 0..1 */
  confidence: number;
  rule: string;
  /** set by the candidate stage: dated, a past act, or the lead; a merged group needs one such member */
  specific?: boolean;
}

/** Why a cue did or did not become a development (for `relations explain`). */
export interface CueDecision {
  sentence: number;
  type: EventType;
  cue: string;
  at: number;
  outcome: "kept" | "merged" | "dropped";
  reason: string;
  pair?: [string, string];
  date?: string;
}

export interface SentenceTrace {
  index: number;
  part: "title" | "body" | "caption";
  text: string;
  mentions: EntityMention[];
  dates: FoundDate[];
}

export interface AnalysisResult {
  lang: "vi" | "en";
  /** the publication date used as reference, and where it came from */
  published: { iso: string; precision: "day" | "month" | "year"; source: "given" | "inferred" | "none"; evidence?: string } | null;
  /** the date relative expressions were resolved from (differs from published for a re-stamped page) */
  reference: string | null;
  mainPair: [string, string] | null;
  developments: ArticleDevelopment[];
  trace: { sentences: SentenceTrace[]; decisions: CueDecision[] };
}
