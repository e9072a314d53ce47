/**
 * A one-line progress bar for long CLI runs, drawn on stderr only when stderr is a terminal
 * (pipes and logs get nothing, so stdout/stderr stay parseable).
 */

/** The stream the bar draws on (process.stderr or a fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

/** A progress bar; every method is a no-op off a terminal. */
export interface ProgressBar {
  update(done: number, total: number, note?: string): void;
  /** erases the bar so the next output starts on a clean line */
  finish(): void;
}

/** Creates a bar on `stream`, redrawn at most every `minIntervalMs`. */
export function createProgressBar(stream: ProgressStream, opts: { label?: string; minIntervalMs?: number } = {}): ProgressBar {
  if (!stream.isTTY) return { update() {}, finish() {} };
  const minInterval = opts.minIntervalMs ?? 100;
  let last = 0;
  let drawn = false;
  return {
    update(done, total, note = "") {
      const now = Date.now();
      if (now - last < minInterval && done < total) return;
      last = now;
      stream.write("\r\x1b[2K" + renderProgressLine(done, total, { label: opts.label, note, columns: stream.columns ?? 80 }));
      drawn = true;
    },
    finish() {
      if (drawn) stream.write("\r\x1b[2K");
      drawn = false;
    },
  };
}

/** The text of the bar: "ingest [#######-------] 120/300 40% new 12". */
export function renderProgressLine(done: number, total: number, o: { label?: string; note?: string; columns?: number } = {}): string {
  const pct = total > 0 ? Math.min(1, done / total) : 0;
  const head = o.label ? `${o.label} ` : "";
  const tail = ` ${done}/${total} ${Math.round(pct * 100)}%${o.note ? " " + o.note : ""}`;
  const width = Math.max(10, Math.min(40, (o.columns ?? 80) - head.length - tail.length - 3));
  const filled = Math.round(pct * width);
  return `${head}[${"#".repeat(filled)}${"-".repeat(width - filled)}]${tail}`;
}
