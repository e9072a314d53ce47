/** The English part of the analyzer: its cue lexicon and its candidate-stage patterns. */
import raw from "../../data/cues.en.json" with { type: "json" };
import { compileLexicon, type Lexicon } from "../../lexicon.ts";

export const enLexicon: Lexicon = compileLexicon(raw, "data/cues.en.json");
export { enRules } from "./rules.ts";
