/** What every CLI command receives, and the plumbing shared by commands. */
import type { Config } from "../config.ts";
import { openDb, type Db } from "../db/client.ts";
import { createFetcher, type ClosableFetcher } from "../ingest/fetch.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/log.ts";

/** The environment of one CLI invocation. */
export interface CliContext {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** a line on stdout (answers) */
  out(line: string): void;
  /** a line on stderr (errors, hints) */
  err(line: string): void;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** the database at config.DATABASE_PATH, opened on first use and closed when the command ends */
  db(): Db;
  /** a fetcher configured from config, closed when the command ends */
  fetcher(): ClosableFetcher;
}

/** A CLI command module: `src/cli/<name>.ts` exports this. */
export type CliRun = (argv: string[], ctx: CliContext) => Promise<number>;

/** Builds the fetcher the config asks for. */
export function fetcherFromConfig(config: Config): ClosableFetcher {
  return createFetcher({
    userAgent: config.FETCH_USER_AGENT,
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    maxRedirects: config.FETCH_MAX_REDIRECTS,
    retries: config.FETCH_RETRIES,
    perHostConcurrency: config.FETCH_PER_HOST_CONCURRENCY,
    perHostDelayMs: config.FETCH_PER_HOST_DELAY_MS,
    allowPrivateHosts: config.ALLOW_PRIVATE_HOSTS,
    credentials: config.FETCH_CREDENTIALS,
  });
}

/** openDb, with a failure that names the variable and the path instead of SQLite's bare reason. */
export function openDbNamed(path: string): Db {
  try {
    return openDb(path);
  } catch (e) {
    throw new Error(`db: cannot open DATABASE_PATH ${JSON.stringify(path)}: ${(e as Error).message}`);
  }
}

/** Lazily opened resources of a context, with a closer for the dispatcher. */
export function lazyResources(config: Config): { db(): Db; fetcher(): ClosableFetcher; close(): void } {
  let db: Db | null = null;
  let fetcher: ClosableFetcher | null = null;
  return {
    db: () => (db ??= openDbNamed(config.DATABASE_PATH)),
    fetcher: () => (fetcher ??= fetcherFromConfig(config)),
    close() {
      fetcher?.close();
      if (db?.$client.open) db.$client.close();
    },
  };
}
