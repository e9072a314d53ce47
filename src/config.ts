import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const cronExpr = z
  .string()
  .trim()
  .refine((v) => v.split(/\s+/).length >= 5 && v.split(/\s+/).length <= 6, {
    message: "expected a cron expression of 5 or 6 fields, e.g. */30 * * * *",
  });

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

const optionalUrl = z.url({ message: "expected an http(s) URL" }).optional();
const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Every environment variable the program reads; .env.example documents each. */
export const ConfigSchema = z.object({
  DATABASE_PATH: z.string().min(1).default("./data/relations.db"),
  INGEST_CRON: cronExpr.default("*/30 * * * *"),
  INGEST_ON_START: bool.default(true),
  SAMPLE_SOURCES: z.preprocess(emptyAsUndefined, z.string().optional()),
  ALLOW_PRIVATE_HOSTS: bool.default(false),
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  FETCH_MAX_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  FETCH_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  FETCH_PER_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  FETCH_PER_HOST_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  FETCH_USER_AGENT: z.string().min(1).default("relations-bot/0.1 (+https://github.com/relations; news monitoring)"),
  EXTRACT_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
  OUTLET_TZ: timeZone.default("Asia/Ho_Chi_Minh"),
  SLACK_BOT_TOKEN: z.preprocess(emptyAsUndefined, z.string().startsWith("xoxb-", { message: "expected a bot token starting with xoxb-" }).optional()),
  SLACK_SIGNING_SECRET: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  SLACK_APP_TOKEN: z.preprocess(emptyAsUndefined, z.string().startsWith("xapp-", { message: "expected an app-level token starting with xapp-" }).optional()),
  SLACK_API_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DIGEST_CRON: cronExpr.default("0 8 * * 1"),
  DIGEST_TZ: timeZone.default("Asia/Ho_Chi_Minh"),
  DIGEST_CHANNEL: z.preprocess(emptyAsUndefined, z.string().optional()),
  DIGEST_POST_QUIET: bool.default(true),
  LLM_BASE_URL: z.preprocess(emptyAsUndefined, optionalUrl),
  LLM_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  LLM_MODEL: z.preprocess(emptyAsUndefined, z.string().optional()),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Config = z.infer<typeof ConfigSchema>;

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
        const got = env[name];
        return `${name}: ${i.message}${got === undefined ? "" : ` (got ${JSON.stringify(got.length > 60 ? got.slice(0, 60) + "…" : got)})`}`;
      }),
    );
  }
  return parsed.data;
}
