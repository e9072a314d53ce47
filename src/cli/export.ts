/**
 * `relations export --format json`: every development in the contract of shared/eval/README.md
 * ({ events: [{ pair, type, date, date_end?, summary, sources: [{ url, title, published }] }] }).
 */
import { listDevelopmentsWithSources } from "../db/developments.repo.ts";
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

export const run: CliRun = async (argv, ctx) => {
  let format = "json";
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--format") format = argv[++i] ?? "";
    else if (argv[i]!.startsWith("--format=")) format = argv[i]!.slice(9);
    else {
      ctx.err(`export: unknown argument ${argv[i]}`);
      return 2;
    }
  }
  if (format !== "json") {
    ctx.err(`export: unknown format ${JSON.stringify(format)} (only json)`);
    return 2;
  }
  ctx.out(JSON.stringify(exportEvents(listDevelopmentsWithSources(ctx.db())), null, 2));
  return 0;
};
