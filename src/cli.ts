/**
 * The `relations` command (bin/relations.mjs runs this file through tsx).
 *
 *   relations [--db PATH] <command> [args…]
 *
 * To add a command: write src/cli/<name>.ts exporting `run(argv, ctx): Promise<number>` and add
 * one line to COMMANDS. Only this entry reads process.env; it hands it to loadConfig.
 */
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { lazyResources, type CliContext, type CliRun } from "./cli/context.ts";
import { systemClock } from "./lib/clock.ts";
import { createLogger, type LogLevel } from "./lib/log.ts";

/** name → one-line summary and the module that runs it. */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: CliRun }> }> = {
  sources: { summary: "sources add <url|path> [--name N] [--kind feed|page|file|folder] | list | remove <id|url>", load: () => import("./cli/sources.ts") },
  ingest: { summary: "ingest [URL|PATH …]: ingest the given or all due registered sources once", load: () => import("./cli/ingest.ts") },
  export: { summary: "export --format json: every development in the evaluation contract (shared/eval/README.md)", load: () => import("./cli/export.ts") },
  explain: { summary: "explain PATH|URL|ARTICLE_ID: the analyzer's trace of one article (sentences, mentions, dates, decisions)", load: () => import("./cli/explain.ts") },
  reanalyze: { summary: "reanalyze [--pending]: rebuild every development from stored article text, without refetching", load: () => import("./cli/reanalyze.ts") },
  digest: { summary: "digest --dry-run [--week 2024-W42] [--channel C…] [--json] | --post: show or post the weekly digest (exactly once)", load: () => import("./cli/digest.ts") },
};

/** Usage text listing every command. */
export function usage(): string {
  const lines = ["usage: relations [--db PATH] <command> [args…]", "", "commands:"];
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length), 4);
  lines.push(`  ${"help".padEnd(width)}  show this help`);
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(width)}  ${c.summary}`);
  lines.push("", "options:", "  --db PATH  use this SQLite file instead of DATABASE_PATH");
  return lines.join("\n");
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
  if (!name || name === "help" || name === "--help" || name === "-h") {
    out(usage());
    return 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    err(`cli: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
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

process.exitCode = await main(process.argv.slice(2), process.env);
