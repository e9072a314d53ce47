/** Bumped whenever analyzer code or data change in a way that changes output; `relations reanalyze` compares it. */
export const ANALYZER_VERSION = "2026.12.02-74";
