/**
 * The analyzer assembled from the project's data: gazetteer, date finder, lexicons. Use
 * `createAnalyzer()` once per process (the gazetteer is built once) and call `analyze(article)`.
 */
import { analyzeArticle, type AnalyzeInput } from "./analyze.ts";
import { findDates, spanFromIso } from "./dates.ts";
import { loadGazetteer, type Gazetteer } from "./gazetteer.ts";
import { gazetteerPort } from "./gazetteer-port.ts";

export { gazetteerPort } from "./gazetteer-port.ts";
import { inferPublicationDate } from "./publication-date.ts";
import type { DateFinderPort, GazetteerPort } from "./ports.ts";
import type { AnalysisResult } from "./types.ts";

export { ANALYZER_VERSION } from "./version.ts";
export type { AnalysisResult, ArticleDevelopment } from "./types.ts";

export interface Analyzer {
  analyze(input: AnalyzeInput): AnalysisResult;
  gazetteer: GazetteerPort;
}

export const dateFinder: DateFinderPort = {
  findDates: (text, ctx) => findDates(text, ctx),
  inferPublicationDate: (text, lang) => inferPublicationDate(text, lang),
  spanFromIso: (iso) => spanFromIso(iso),
};

/** Builds the analyzer over the project's gazetteer. */
export function createAnalyzer(gazetteer: Gazetteer = loadGazetteer()): Analyzer {
  const port = gazetteerPort(gazetteer);
  return { gazetteer: port, analyze: (input) => analyzeArticle(input, { gazetteer: port, dates: dateFinder }) };
}
