/** After the merge: what an article's development needs to be kept. */
import type { ArticleDevelopment } from "../types.ts";
import type { Ctx } from "./context.ts";


/**
 * Captions only corroborate: a development seen only in a caption is dropped. A development needs
 * one specific report (dated, a past act, or the lead): "the visit" mentioned in passing only
 * corroborates the one the lead reports.
 */
export function keepAfterMerge(d: ArticleDevelopment, ctx: Ctx): boolean {
  if (!d.specific) {
    ctx.decisions.push({ sentence: -1, type: d.type, cue: "", at: d.evidence[0]!.start, outcome: "dropped", reason: "not specific: no date, no past act, not the lead, and no specific report to join", pair: d.pair });
    return false;
  }
  if (d.evidence.every((e) => e.part === "caption")) {
    ctx.decisions.push({ sentence: -1, type: d.type, cue: "", at: d.evidence[0]!.start, outcome: "dropped", reason: "seen only in a photo caption", pair: d.pair });
    return false;
  }
  return d.dateRule !== "none";
}
