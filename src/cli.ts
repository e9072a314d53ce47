/**
 * The `relations` command (bin/relations.mjs runs its compiled copy, dist/cli.js).
 *
 *   relations [--db PATH] <command> [args…]
 *
 * To add a command: write src/cli/<name>.ts exporting `run(argv, ctx): Promise<number>` and add
 * one line to COMMANDS. Only this entry reads process.env; it hands it to loadConfig.
 */
import { readFileSync } from "node:fs";
// the config schema (zod) and the database plumbing (drizzle) load only once a command runs:
// --version and --help need neither
import type { Config } from "./config.ts";
import type { CliContext, CliRun } from "./cli/context.ts";
import type { LogLevel } from "./lib/log.ts";

/** One command: a one-line summary for `relations help`, its full help, and the module that runs it. */
export interface CommandSpec {
  summary: string;
  /** `relations <command> --help`: usage, options, an example */
  help: string;
  load: () => Promise<{ run: CliRun }>;
}

/** name → summary, help and the module that runs it. */
export const COMMANDS: Record<string, CommandSpec> = {
  sources: {
    summary: "sources add <url|path> [--name N] [--kind feed|page|file|folder] | list | remove <id|url>",
    help: `usage: relations [--db PATH] sources add <url|path> [--name N] [--kind feed|page|file|folder]
       relations [--db PATH] sources list
       relations [--db PATH] sources remove <id|url>

Registers, lists or removes the sources the ingest job reads (feeds, pages, local files, folders).
remove also deletes the source's articles and the developments only they reported.

options:
  --name N      the outlet's name, shown with its developments
  --kind K      feed, page, file or folder (detected when omitted)

example:
  relations sources add https://example.com/rss.xml --name "Example News"`,
    load: () => import("./cli/sources.ts"),
  },
  ingest: {
    summary: "ingest [URL|PATH …]: ingest the given or all due registered sources once",
    help: `usage: relations [--db PATH] ingest [URL|PATH …]

Ingests the given URLs/paths, or every registered source that is due, once, and analyzes what is
new. Ends with one line: sources N, new N, unchanged N, skipped N, failed N
  unchanged  sources with nothing new (not modified, or every item already stored)
  skipped    items of a changed source already on record (another link, same text, listed twice,
             refused before)
Exits 1 only when nothing could be done (every source failed, or another process is ingesting).

example:
  relations ingest samples/articles`,
    load: () => import("./cli/ingest.ts"),
  },
  export: {
    summary: "export [--format json|csv|ndjson] [--pair A B] [--since 2024] [--type T]: the developments on record",
    help: `usage: relations [--db PATH] export [--format json|csv|ndjson] [--pair A B] [--since DATE] [--type TYPE]

Prints the developments on record to stdout.
  json    { events: [...] }, the evaluation contract (shared/eval/README.md)
  ndjson  one event per line, same fields as json
  csv     one row per development for spreadsheets; its sources joined in one cell

options:
  --format F     json (default), csv or ndjson
  --pair A B     only this pair of countries, written as in /relations (china belarus, "Việt Nam" us)
  --since DATE   only developments from this year or month on (2023, 2024-06)
  --type TYPE    only this type, as in /relations (visits, talks, exercises, agreements, …)

example:
  relations export --format csv --pair china russia --since 2024 > china-russia.csv`,
    load: () => import("./cli/export.ts"),
  },
  explain: {
    summary: "explain PATH|URL|ARTICLE_ID: the analyzer's trace of one article (sentences, mentions, dates, decisions)",
    help: `usage: relations [--db PATH] explain PATH|URL|ARTICLE_ID

Prints the analyzer's trace of one article: its sentences, country mentions, resolved dates, and
why each cue became a development or not. Nothing is stored. A URL already stored is read from
the database; others are fetched.

example:
  relations explain samples/articles/01-vi-hoi-dam.txt`,
    load: () => import("./cli/explain.ts"),
  },
  reanalyze: {
    summary: "reanalyze [--pending] [--wait SECONDS]: rebuild every development from stored article text, without refetching",
    help: `usage: relations [--db PATH] reanalyze [--pending] [--wait SECONDS]

Rebuilds every development from stored article text, without refetching, and swaps the new
analysis in with one transaction: any failure keeps the previous analysis and exits 1.

options:
  --pending       only analyze articles not yet analyzed by this analyzer version
  --wait SECONDS  how long to wait for a running ingest to finish (default 600)

example:
  relations reanalyze --wait 60`,
    load: () => import("./cli/reanalyze.ts"),
  },
  digest: {
    summary: "digest --dry-run [--week 2024-W42] [--channel C…] [--json] | --post | --weeks: show, post or list weekly digests",
    help: `usage: relations [--db PATH] digest --dry-run [--week 2024-W42] [--channel C…] [--json] [--no-llm]
       relations [--db PATH] digest --post [--week 2024-W42] [--channel C…] [--no-llm]
       relations [--db PATH] digest --weeks

Shows the weekly digest (text, or Block Kit with --json) or posts it now, exactly once per channel
and week. The week defaults to the previous ISO week in DIGEST_TZ; the channel to DIGEST_CHANNEL.

options:
  --dry-run     print the digest, post nothing
  --post        post it (needs SLACK_BOT_TOKEN)
  --weeks       list the weeks that have news, with counts
  --week W      the ISO week, e.g. 2024-W42
  --channel C   the channel (its watched pairs, if any, restrict the digest)
  --json        with --dry-run: the Block Kit payload
  --no-llm      no narrative from the language model

example:
  relations digest --weeks                    (then a week it lists:)
  relations digest --dry-run --week 2026-W49`,
    load: () => import("./cli/digest.ts"),
  },
};

/** Usage text listing every command. */
export function usage(): string {
  const lines = ["usage: relations [--db PATH] <command> [args…]", "", "commands:"];
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length), 4);
  lines.push(`  ${"help".padEnd(width)}  show this help, or a command's: relations help <command>`);
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(width)}  ${c.summary}`);
  lines.push(
    "",
    "options:",
    "  --db PATH      use this SQLite file instead of DATABASE_PATH",
    "  --version, -V  print the version",
    "  <command> --help  the command's usage, options and an example",
  );
  return lines.join("\n");
}

/** The package's version, read from package.json beside src/. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** True when argv asks for help (before any `--`, after which everything is an argument). */
export function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/** Pulls the global `--db PATH` / `--db=PATH` out of argv (anywhere before `--`). */
export function takeDbOption(argv: string[]): { db: string | null; rest: string[] } {
  const rest: string[] = [];
  let db: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === "--db") {
      const v = argv[i + 1];
      if (v === undefined) throw new Error("cli: --db needs a path");
      db = v;
      i++;
    } else if (a.startsWith("--db=")) db = a.slice(5);
    else rest.push(a);
  }
  return { db, rest };
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const out = (l: string) => void process.stdout.write(l + "\n");
  const err = (l: string) => void process.stderr.write(l + "\n");
  let parsed: { db: string | null; rest: string[] };
  try {
    parsed = takeDbOption(argv);
  } catch (e) {
    err((e as Error).message);
    return 2;
  }
  const [name, ...args] = parsed.rest;
  if (name === "--version" || name === "-V" || name === "version") {
    out(`relations ${version()}`);
    return 0;
  }
  if (name === "help" && args[0] && COMMANDS[args[0]]) {
    out(COMMANDS[args[0]]!.help);
    return 0;
  }
  if (!name || name === "help" || name === "--help" || name === "-h") {
    out(usage());
    return 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    err(`cli: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  // Help is answered here, before any config, database or module: no command can take it for an
  // argument (explain --help once opened a file named "--help").
  if (wantsHelp(args)) {
    out(cmd.help);
    return 0;
  }
  const [{ ConfigError, loadConfig }, { lazyResources }, { systemClock }, { createLogger }] = await Promise.all([
    import("./config.ts"),
    import("./cli/context.ts"),
    import("./lib/clock.ts"),
    import("./lib/log.ts"),
  ]);
  let config: Config;
  try {
    config = loadConfig(parsed.db ? { ...env, DATABASE_PATH: parsed.db } : env);
  } catch (e) {
    if (e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  // The CLI talks on stdout; structured logs stay quiet below warn unless LOG_LEVEL is set.
  const level: LogLevel = env.LOG_LEVEL ? config.LOG_LEVEL : "warn";
  const res = lazyResources(config);
  const ctx: CliContext = {
    config,
    clock: systemClock,
    logger: createLogger(level),
    out,
    err,
    stderr: process.stderr,
    db: res.db,
    fetcher: res.fetcher,
  };
  try {
    const mod = await cmd.load();
    return await mod.run(args, ctx);
  } catch (e) {
    err(e instanceof Error ? e.message : String(e));
    return 1;
  } finally {
    res.close();
  }
}

// `relations export | head`: the reader went away; that is the user's choice, not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2), process.env);
