/**
 * Every user-visible string of the activity chart (issue 13), in one English catalog, so that a
 * translated catalog can take them over. Type names come from format.ts (typeLabel), not from here.
 */
export const CHART_STRINGS_EN = {
  /** the button under timelines and the digest's per-pair replies */
  button: "Chart",
  /** the chart's title: "Belarus – China: developments per quarter, 2019–2024" */
  title: (pair: string, unit: "quarter" | "year", span: string) => `${pair}: developments per ${unit}, ${span}`,
  /** the grey line under the title */
  subtitle: (total: number, filter: string) => `${total.toLocaleString("en")} development${total === 1 ? "" : "s"}${filter ? ` · ${filter}` : ""} · stacked by type`,
  /** the label over the latest period's bar */
  latest: "latest",
  /** a period's label: "Q3 2024", "2024" */
  quarter: (q: number, year: number) => `Q${q} ${year}`,
  /** a quarter under its bar: "Q3" */
  quarterShort: (q: number) => `Q${q}`,
  /** the alt text Slack shows for the image (and screen readers read) */
  alt: (pair: string, unit: "quarter" | "year", span: string, total: number, latest: string, latestCount: number) =>
    `Bar chart of ${total.toLocaleString("en")} defense-cooperation development${total === 1 ? "" : "s"} between ${pair} per ${unit}, ${span}, stacked by type; latest ${unit}: ${latest} with ${latestCount}.`,
  /** the comment posted with the image */
  caption: (pair: string, total: number, span: string) => `Activity chart: ${pair}, ${total.toLocaleString("en")} development${total === 1 ? "" : "s"}, ${span}.`,
  /** a pair with nothing to chart: a text answer instead of an image */
  empty: (a: string, b: string, filter: string) =>
    filter ? `Nothing to chart between ${a} and ${b} for ${filter}. Try without the filter.` : `Nothing to chart between ${a} and ${b}: no development found in the sources read so far.`,
  /** the upload failed */
  rateLimited: (seconds: number) => `Slack is limiting uploads right now, so the chart was not posted. Press Chart again in ${seconds} s.`,
  uploadFailed: "The chart could not be uploaded to Slack just now. Nothing was lost: press Chart again in a moment.",
  notInChannel: "I can't post files in this conversation. Invite me first (/invite @Relations), then press Chart again.",
  /** `/relations china chart`: one country is not a pair */
  needTwo: (country: string) => `A chart is of two countries, e.g. \`/relations ${country.toLowerCase()} russia chart\`.`,
  /** the line of /relations help */
  help: { lead: "/relations china belarus chart", text: "a chart of the pair's developments per quarter (per year over 8 years), by type, posted as an image" },
  /** the shell's help line */
  shellHelp: "  /relations china belarus chart  its activity chart, written to a PNG file",
  /** the terminal shell wrote it to a file */
  shellWritten: (path: string) => `Chart written to ${path}`,
} as const;

/** The catalog in use (English until a language setting chooses another). */
export type ChartStrings = typeof CHART_STRINGS_EN;
