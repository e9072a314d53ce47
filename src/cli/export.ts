/**
 * `relations export [--format json|csv|ndjson] [--pair A B] [--since DATE] [--type TYPE]`: the
 * developments on record. json is the contract of shared/eval/README.md ({ events: [{ pair, type,
 * date, date_end?, summary, sources: [{ url, title, published }] }] }) and keeps that shape;
 * ndjson is one such event per line; csv is one row per development for spreadsheets.
 */
import { parseCommand, parseSince, parseTypeWord } from "../chat/parse.ts";
import { listDevelopmentsWithSources, type DevelopmentFilter } from "../db/developments.repo.ts";
import { formatAtPrecision } from "../domain/types.ts";
import type { CliRun } from "./context.ts";

/** The export document for a database. */
export function exportEvents(rows: ReturnType<typeof listDevelopmentsWithSources>) {
  return {
    events: rows.map((r) => {
      const date = formatAtPrecision(r.dateStart, r.datePrecision);
      const end = formatAtPrecision(r.dateEnd, r.datePrecision);
      return {
        pair: [r.countryA, r.countryB],
        type: r.type,
        status: r.status,
        date,
        ...(end !== date ? { date_end: end } : {}),
        summary: r.summary,
        evidence: r.evidence,
        // An article read from a local file is identified by that file (its own og:url is kept as
        // canonical_url): evaluation finds articles by file name.
        sources: r.sources.map((s) => ({
          url: s.fetchedFrom?.startsWith("file:") ? s.fetchedFrom : s.url,
          ...(s.fetchedFrom?.startsWith("file:") && s.url !== s.fetchedFrom ? { canonical_url: s.url } : {}),
          title: s.title,
          outlet: s.outlet,
          published: s.publishedAt,
        })),
      };
    }),
  };
}

/** Output formats of `relations export`. */
export const EXPORT_FORMATS = ["json", "csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
type ExportEvent = ReturnType<typeof exportEvents>["events"][number];

/** The CSV header: one row per development, its sources joined in one cell each. */
export const CSV_COLUMNS = ["country_a", "country_b", "type", "status", "date", "date_end", "summary", "source_count", "source_urls", "source_outlets", "source_titles"] as const;
/** Between joined sources in one cell. */
export const CSV_JOIN = " | ";

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A cell a spreadsheet
 * would run as a formula (=, +, -, @ first) gets a leading apostrophe.
 */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The events as CSV lines, header first (a line break inside a cell stays quoted in its cell). */
export function toCsvLines(events: ExportEvent[]): string[] {
  const lines = [CSV_COLUMNS.join(",")];
  for (const e of events) {
    const row = [e.pair[0], e.pair[1], e.type, e.status, e.date, e.date_end ?? "", e.summary, e.sources.length, e.sources.map((s) => s.url).join(CSV_JOIN), e.sources.map((s) => s.outlet ?? "").join(CSV_JOIN), e.sources.map((s) => s.title).join(CSV_JOIN)];
    lines.push(row.map(csvCell).join(","));
  }
  return lines;
}

/** Parsed arguments of `relations export`, or a message for the user. */
export type ExportArgs = { format: ExportFormat; pairWords: string[] | null; since: string | null; type: string | null } | { error: string };

/** Reads `--format F --pair A B --since D --type T` (also `--opt=value`); --pair takes the words up to the next option. */
export function parseExportArgs(argv: string[]): ExportArgs {
  let format: string = "json";
  let pairWords: string[] | null = null;
  let since: string | null = null;
  let type: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string | null => inline ?? (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--") ? argv[++i]! : null);
    if (name === "--format") {
      const v = value();
      if (v === null) return { error: "export: --format needs a value (json, csv or ndjson)" };
      format = v;
    } else if (name === "--since") {
      since = value();
      if (since === null) return { error: "export: --since needs a date (2023, 2024-06, 2024-06-15)" };
    } else if (name === "--type") {
      type = value();
      if (type === null) return { error: "export: --type needs a type (visits, talks, exercises, patrols, agreements, arms, training, pledges)" };
    } else if (name === "--pair") {
      pairWords = inline !== undefined ? inline.split(/\s+/).filter(Boolean) : [];
      while (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) pairWords.push(argv[++i]!);
      if (!pairWords.length) return { error: "export: --pair needs two countries, e.g. --pair china russia" };
    } else return { error: `export: unknown argument ${raw} (see relations export --help)` };
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return { error: `export: unknown format ${JSON.stringify(format)} (json, csv or ndjson)` };
  return { format: format as ExportFormat, pairWords, since, type };
}

export const run: CliRun = async (argv, ctx) => {
  const args = parseExportArgs(argv);
  if ("error" in args) {
    ctx.err(args.error);
    return 2;
  }
  // The filters are read as /relations reads them (same words, same dates, same countries).
  const filter: DevelopmentFilter = {};
  if (args.since !== null) {
    const since = parseSince(args.since);
    if (!since) {
      ctx.err(`export: cannot read the date ${JSON.stringify(args.since)}: write 2023, 2024-06 or 2024-06-15`);
      return 2;
    }
    filter.since = since;
  }
  if (args.type !== null) {
    const type = parseTypeWord(args.type);
    if (!type) {
      ctx.err(`export: unknown type ${JSON.stringify(args.type)} (visits, talks, exercises, patrols, agreements, arms, training, pledges, or their Vietnamese names)`);
      return 2;
    }
    filter.type = type;
  }
  if (args.pairWords) {
    // the gazetteer takes a moment to build: only a --pair needs it
    const { loadGazetteer } = await import("../analyze/gazetteer.ts");
    const cmd = parseCommand(args.pairWords.join(" "), loadGazetteer());
    if (cmd.kind === "unknown_country") {
      ctx.err(`export: unknown country ${JSON.stringify(cmd.name)}${cmd.suggestions.length ? ` (did you mean ${cmd.suggestions.map((c) => c.en).join(", ")}?)` : ""}`);
      return 2;
    }
    if (cmd.kind !== "timeline" || cmd.filter.since || cmd.filter.type) {
      ctx.err(`export: --pair needs two different countries, e.g. --pair china russia (got ${JSON.stringify(args.pairWords.join(" "))})`);
      return 2;
    }
    filter.pair = cmd.pair;
  }
  const doc = exportEvents(listDevelopmentsWithSources(ctx.db(), filter));
  if (args.format === "json") ctx.out(JSON.stringify(doc, null, 2));
  else if (args.format === "ndjson") for (const e of doc.events) ctx.out(JSON.stringify(e));
  else for (const l of toCsvLines(doc.events)) ctx.out(l);
  return 0;
};
