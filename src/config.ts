import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import cron from "node-cron";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

// node-cron's own check: out-of-range fields ("61 * * * *", "0 25 * * 1") were accepted by a
// field count and then started a "healthy" app with no job.
const cronExpr = z
  .string()
  .trim()
  .refine((v) => v.split(/\s+/).length >= 5 && v.split(/\s+/).length <= 6 && cron.validate(v), {
    message: "expected a valid cron expression of 5 or 6 fields (minute 0-59, hour 0-23, day 1-31, month 1-12, weekday 0-7), e.g. */30 * * * *",
  });

// What Node lets into an HTTP header: tab, printable ASCII and Latin-1; no CR/LF or other controls.
// A User-Agent or token with anything else made every request throw.
const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]*$/;
const headerValue = (what: string) =>
  z.string().refine((v) => HEADER_SAFE.test(v), { message: `expected ${what} HTTP can carry: printable ASCII or Latin-1 on one line (no line breaks, no other scripts)` });

/** Names, ids and keys: printable, one line. */
const plainToken = z.string().trim().min(1).refine((v) => !/[\s\x00-\x1f\x7f]/.test(v), { message: "expected one word without spaces or control characters" });

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "expected an IANA time zone such as Asia/Ho_Chi_Minh" },
);

const optionalUrl = z.url({ protocol: /^https?$/, message: "expected an http(s) URL" }).optional();
const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Every environment variable the program reads; .env.example documents each. */
export const ConfigSchema = z.object({
  DATABASE_PATH: z
    .string()
    .min(1)
    .superRefine((v, ctx) => {
      const problem = databasePathProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .default("./data/relations.db"),
  INGEST_CRON: cronExpr.default("*/30 * * * *"),
  INGEST_ON_START: bool.default(true),
  SAMPLE_SOURCES: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => exists(v), { message: "expected an existing folder or file of sample articles" })
      .optional(),
  ),
  ALLOW_PRIVATE_HOSTS: bool.default(false),
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  // at most 100 MB: 2e9 let a gzip bomb reach 2.2 GB of memory
  FETCH_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  FETCH_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  FETCH_PER_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  FETCH_PER_HOST_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  FETCH_USER_AGENT: headerValue("a User-Agent").pipe(z.string().trim().min(1)).default("relations-bot/0.1 (+https://github.com/relations; news monitoring)"),
  EXTRACT_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
  OUTLET_TZ: timeZone.default("Asia/Ho_Chi_Minh"),
  FETCH_CREDENTIALS: z.preprocess(emptyAsUndefined, z.string().transform(parseCredentials).optional()),
  SLACK_BOT_TOKEN: z.preprocess(emptyAsUndefined, plainToken.pipe(z.string().startsWith("xoxb-", { message: "expected a bot token starting with xoxb-" })).optional()),
  SLACK_SIGNING_SECRET: z.preprocess(emptyAsUndefined, plainToken.optional()),
  SLACK_APP_TOKEN: z.preprocess(emptyAsUndefined, plainToken.pipe(z.string().startsWith("xapp-", { message: "expected an app-level token starting with xapp-" })).optional()),
  SLACK_API_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DIGEST_CRON: cronExpr.default("0 8 * * 1"),
  DIGEST_TZ: timeZone.default("Asia/Ho_Chi_Minh"),
  DIGEST_CHANNEL: z.preprocess(emptyAsUndefined, plainToken.optional()),
  DIGEST_POST_QUIET: bool.default(true),
  LLM_BASE_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  LLM_API_KEY: z.preprocess(emptyAsUndefined, plainToken.pipe(headerValue("an API key")).optional()),
  LLM_MODEL: z.preprocess(emptyAsUndefined, plainToken.optional()),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Config = z.infer<typeof ConfigSchema>;

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a database path cannot be used, or null: a folder, or a file standing where a folder of the
 * path should be (the SQLite error named neither the variable nor the path).
 */
function databasePathProblem(path: string): string | null {
  if (path === ":memory:" || path.startsWith("file:")) return null;
  const full = resolve(path);
  try {
    if (statSync(full).isDirectory()) return "expected a file path, but it is a folder";
    return null;
  } catch {
    // does not exist yet: every existing ancestor must be a folder
  }
  for (let dir = dirname(full); ; dir = dirname(dir)) {
    try {
      return statSync(dir).isDirectory() ? null : `expected a file path, but ${dir} is a file, not a folder`;
    } catch {
      if (dirname(dir) === dir) return null;
    }
  }
}

/**
 * FETCH_CREDENTIALS: a JSON object host → "user:password", e.g. {"feeds.example.com":"bot:s3cret"}.
 * Credentials never go in source URLs, where they would be stored and printed in clear.
 */
function parseCredentials(v: string, ctx: z.RefinementCtx): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    parsed = null;
  }
  const ok =
    parsed !== null &&
    typeof parsed === "object" &&
    !Array.isArray(parsed) &&
    Object.entries(parsed).every(([host, cred]) => /^[a-z0-9.-]+$/i.test(host) && typeof cred === "string" && cred.includes(":") && HEADER_SAFE.test(cred));
  if (!ok) {
    ctx.addIssue({ code: "custom", message: 'expected a JSON object of host to "user:password", e.g. {"feeds.example.com":"bot:s3cret"}' });
    return z.NEVER;
  }
  return Object.fromEntries(Object.entries(parsed as Record<string, string>).map(([h, c]) => [h.toLowerCase(), c]));
}

/** Variables whose values are never echoed in an error. */
const SECRET = /TOKEN|SECRET|KEY|CREDENTIALS/;

/** Raised when the environment holds a value the program cannot use; the message names each variable. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`config: invalid environment:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads the configuration from an environment-like object (only main.ts passes process.env). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const known = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, env[k]]));
  const parsed = ConfigSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? "?");
        const got = SECRET.test(name) ? undefined : env[name];
        return `${name}: ${i.message}${got === undefined ? "" : ` (got ${JSON.stringify(got.length > 60 ? got.slice(0, 60) + "…" : got)})`}`;
      }),
    );
  }
  return parsed.data;
}
