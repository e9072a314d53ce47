/**
 * The activity chart's words (issue 13) in a language: the templates are in the reply catalog
 * (src/chat/i18n, section "chart"), filled here with the chart's numbers and names. Type names
 * come from the catalog's "type.*" labels (format.ts typeLabel), not from here.
 */
import { t, type Lang, type PluralKey } from "./i18n/index.ts";

/** The chart's strings in `lang`. */
export function chartStrings(lang: Lang) {
  const num = (n: number) => n.toLocaleString(lang === "vi" ? "vi-VN" : "en");
  // a count form with the number as the language writes it (1,234 / 1.234)
  const plural = (key: PluralKey, n: number, vars: Record<string, string | number> = {}) => t(lang, `${key}.${n === 1 ? "one" : "other"}`, { ...vars, n: num(n) });
  const developments = (n: number) => plural("chart.developments", n);
  const unitOf = (unit: "quarter" | "year") => t(lang, `chart.unit.${unit}`);
  return {
    lang,
    /** the button under timelines and the digest's per-pair replies */
    button: t(lang, "chart.button"),
    /** the chart's title: "Belarus – China: developments per quarter, 2019–2024" */
    title: (pair: string, unit: "quarter" | "year", span: string) => t(lang, "chart.title", { pair, unit: unitOf(unit), span }),
    /** the grey line under the title */
    subtitle: (total: number, filter: string) => t(lang, "chart.subtitle", { developments: developments(total), filter: filter ? ` · ${filter}` : "" }),
    /** the label over the latest period's bar */
    latest: t(lang, "chart.latest"),
    /** a period's label: "Q3 2024", "2024" */
    quarter: (q: number, year: number) => t(lang, "chart.quarter", { q, y: year }),
    /** a quarter under its bar: "Q3" */
    quarterShort: (q: number) => t(lang, "chart.quarterShort", { q }),
    /** the alt text Slack shows for the image (and screen readers read) */
    alt: (pair: string, unit: "quarter" | "year", span: string, total: number, latest: string, latestCount: number) =>
      plural("chart.alt", total, { pair, unit: unitOf(unit), span, latest, count: num(latestCount) }),
    /** the comment posted with the image */
    caption: (pair: string, total: number, span: string) => t(lang, "chart.caption", { pair, developments: developments(total), span }),
    /** a pair with nothing to chart: a text answer instead of an image */
    empty: (a: string, b: string, filter: string) => (filter ? t(lang, "chart.emptyFiltered", { a, b, filter }) : t(lang, "chart.empty", { a, b })),
    /** the upload failed */
    rateLimited: (seconds: number) => t(lang, "chart.rateLimited", { seconds }),
    uploadFailed: t(lang, "chart.uploadFailed"),
    notInChannel: t(lang, "chart.notInChannel"),
    /** the terminal shell wrote it to a file */
    shellWritten: (path: string) => t(lang, "chart.shellWritten", { path }),
  };
}

/** The chart's strings in one language. */
export type ChartStrings = ReturnType<typeof chartStrings>;
