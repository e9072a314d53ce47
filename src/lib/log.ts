/** A small structured logger: one JSON line per record on stderr, so stdout stays for answers. */
import { redactCredentials } from "./redact.ts";
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Creates a logger writing to `write` (stderr by default) at or above `level`. */
export function createLogger(level: LogLevel = "info", write: (line: string) => void = (l) => process.stderr.write(l + "\n")): Logger {
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const rec: Record<string, unknown> = { t: new Date().toISOString(), level: lvl, msg, ...fields };
    if (fields?.err instanceof Error) rec.err = { message: fields.err.message, stack: fields.err.stack };
    // a URL's user name and password never reach a log
    write(redactCredentials(JSON.stringify(rec)));
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
  };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = createLogger("silent");
