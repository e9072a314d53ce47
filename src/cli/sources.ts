/** `relations sources add|list|remove`: the registered sources. */
import { parseArgs } from "node:util";
import { getSourceById, getSourceByUrl, insertSource, listSources, type SourceKind } from "../db/sources.repo.ts";
import { isHttpUrl, sourceUrlOf } from "../ingest/source-target.ts";
import type { CliContext } from "./context.ts";
import { CREDENTIALS_HINT, hasUrlCredentials, redactCredentials } from "../lib/redact.ts";

const KINDS: readonly SourceKind[] = ["feed", "page", "file", "folder"];

/** Runs a `sources` subcommand; returns the exit code. */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case "add":
      return add(rest, ctx);
    case "list":
      return list(ctx);
    case "remove":
    case "rm":
      return remove(rest, ctx);
    default:
      ctx.err(`sources: expected add, list or remove${sub ? ` (got "${sub}")` : ""}`);
      return 2;
  }
}

async function add(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { name: { type: "string" }, kind: { type: "string" } },
    allowPositionals: true,
  });
  const target = positionals[0];
  if (!target || positionals.length > 1) {
    ctx.err("sources: usage: relations sources add <url|path> [--name N] [--kind feed|page|file|folder]");
    return 2;
  }
  if (values.kind !== undefined && !KINDS.includes(values.kind as SourceKind)) {
    ctx.err(`sources: --kind must be one of ${KINDS.join(", ")} (got "${values.kind}")`);
    return 2;
  }
  if (!isHttpUrl(target) && /^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !/^file:/i.test(target)) {
    ctx.err(`sources: only http(s) URLs and local paths can be sources: ${target}`);
    return 2;
  }
  if (hasUrlCredentials(target)) {
    ctx.err(`sources: ${CREDENTIALS_HINT}: ${redactCredentials(target)}`);
    return 2;
  }
  const url = sourceUrlOf(target);
  const existing = getSourceByUrl(ctx.db(), url);
  if (existing) {
    ctx.err(`sources: already registered as #${existing.id}: ${url}`);
    return 1;
  }
  let kind = values.kind as SourceKind | undefined;
  let feedLinks: string[] = [];
  if (!kind) {
    try {
      // loaded only here: the ingest pipeline is heavy and list/remove do not need it
      const { detectSource } = await import("../services/ingest.ts");
      ({ kind, feedLinks } = await detectSource(target, ctx.fetcher()));
    } catch (e) {
      ctx.err(`sources: cannot tell what ${target} is: ${(e as Error).message} (give --kind)`);
      return 1;
    }
  }
  const isLocal = url.startsWith("file:");
  if (isLocal !== (kind === "file" || kind === "folder")) {
    ctx.err(`sources: kind ${kind} does not fit ${isLocal ? "a local path" : "a URL"}: ${target}`);
    return 2;
  }
  const row = insertSource(ctx.db(), { kind, url, name: values.name ?? null, now: ctx.clock() });
  ctx.out(`added #${row.id} ${row.kind} ${row.url}${row.name ? ` (${row.name})` : ""}`);
  // A single page is ingested once; its site's feed would bring the next articles too.
  if (feedLinks.length) ctx.err(`sources: this page advertises ${feedLinks.length === 1 ? "a feed" : "feeds"}: ${feedLinks.join(" ")} (add ${feedLinks.length === 1 ? "it" : "one"} to follow the site)`);
  return 0;
}

function list(ctx: CliContext): number {
  const rows = listSources(ctx.db());
  if (rows.length === 0) {
    ctx.out("no sources registered (add one with: relations sources add <url|path>)");
    return 0;
  }
  const table = rows.map((s) => [
    String(s.id),
    // the bundled samples are fiction: said wherever they are listed
    s.sample ? `${s.kind} (sample)` : s.kind,
    s.name ? `${s.url} (${s.name})` : s.url,
    s.lastSuccessAt ? shortTime(s.lastSuccessAt) : "never",
    String(s.consecutiveFailures),
    s.nextAttemptAt ? shortTime(s.nextAttemptAt) : "-",
    s.lastError ? oneLine(s.lastError, 60) : "-",
  ]);
  // a source registered with credentials before they were refused is never printed in clear
  ctx.out(redactCredentials(formatTable(["id", "kind", "url", "last success", "failures", "next attempt", "last error"], table)));
  return 0;
}

async function remove(argv: string[], ctx: CliContext): Promise<number> {
  const key = argv[0];
  if (!key || argv.length > 1) {
    ctx.err("sources: usage: relations sources remove <id|url>");
    return 2;
  }
  const db = ctx.db();
  const row = /^\d+$/.test(key) ? getSourceById(db, Number(key)) : getSourceByUrl(db, sourceUrlOf(key));
  if (!row) {
    ctx.err(`sources: no such source: ${key}`);
    return 1;
  }
  // loaded here: it brings the clustering code, which listing and adding do not need
  const { removeSourceAndArticles } = await import("../services/remove-source.ts");
  const r = removeSourceAndArticles(db, row.id, ctx.clock());
  ctx.out(`removed #${row.id} ${redactCredentials(row.url)} with its ${r.articles} article${r.articles === 1 ? "" : "s"} (${r.developmentsDeleted} development${r.developmentsDeleted === 1 ? "" : "s"} deleted, ${r.developmentsUpdated} recomputed from their other sources)`);
  return 0;
}

/** A plain-text table with columns padded to their widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function shortTime(iso: string): string {
  return iso.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, "Z");
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? t.slice(0, max - 1) + "…" : t;
}
