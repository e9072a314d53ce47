/** The Vietnamese part of the analyzer: its cue lexicon and its candidate-stage patterns. */
import raw from "../../data/cues.vi.json" with { type: "json" };
import { compileLexicon, type Lexicon } from "../../lexicon.ts";

export const viLexicon: Lexicon = compileLexicon(raw, "data/cues.vi.json");
export { viRules } from "./rules.ts";
