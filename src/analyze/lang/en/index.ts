/** The English part of the analyzer: its cue lexicon. */
import raw from "../../data/cues.en.json" with { type: "json" };
import { compileLexicon, type Lexicon } from "../../lexicon.ts";

export const enLexicon: Lexicon = compileLexicon(raw, "data/cues.en.json");
