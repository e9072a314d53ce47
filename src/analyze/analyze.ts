/**
 * The analyzer: article text in, defense-cooperation developments out. Pure: the gazetteer and
 * the date finder are passed in, the reference date comes from the article, nothing reads a clock,
 * the environment or a database. Ordered stages, one file each under stages/:
 *   1. prepare    — language, sentences (title, body, captions), publication date (given or inferred)
 *   2. entities   — country/person/org mentions per sentence; topics (war in X) and locations marked
 *   3. dates      — dates per sentence, resolved against the reference date
 *   4. candidates — cue lexicon matches → type, sides, date, status; named filters drop the rest
 *   5. merge      — one development per real event within the article (a visit and its talks are one)
 *   6. keep       — what a merged development needs (a specific report, more than a caption)
 *   7. summary    — an English sentence per development
 */
import { mergeArticleDevelopments } from "./merge.ts";
import { findCandidates } from "./stages/candidates.ts";
import type { AnalyzeInput, AnalyzerDeps } from "./stages/context.ts";
import { findEntities } from "./stages/entities.ts";
import { findAllDates } from "./stages/find-dates.ts";
import { keepAfterMerge } from "./stages/keep.ts";
import { prepare } from "./stages/prepare.ts";
import { summarize } from "./summary.ts";
import type { AnalysisResult, SentenceTrace } from "./types.ts";

export type { AnalyzeInput, AnalyzerDeps } from "./stages/context.ts";

/** Analyzes one article. Returns developments and a trace of every decision. */
export function analyzeArticle(input: AnalyzeInput, deps: AnalyzerDeps): AnalysisResult {
  const ctx = prepare(input, deps);
  findEntities(ctx, deps);
  findAllDates(ctx, deps);
  const candidates = findCandidates(ctx, deps);
  const merged = mergeArticleDevelopments(candidates, ctx.decisions);
  const developments = merged
    .filter((d) => keepAfterMerge(d, ctx))
    .map((d) => ({ ...d, summary: summarize(d, deps.gazetteer, ctx.lang) }));
  const sentences: SentenceTrace[] = ctx.sentences.map((s, i) => ({
    index: s.index,
    part: s.part,
    text: s.text,
    mentions: ctx.mentions[i] ?? [],
    dates: ctx.dates[i] ?? [],
  }));
  return {
    lang: ctx.lang,
    published: ctx.pub,
    reference: ctx.ref,
    mainPair: ctx.mainPair,
    developments,
    trace: { sentences, decisions: ctx.decisions },
  };
}
