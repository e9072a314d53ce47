import { describe, expect, it } from "vitest";
import { createProgressBar, renderProgressLine } from "../../src/lib/progress.ts";

describe("progress bar", () => {
  it("draws nothing when the stream is not a terminal", () => {
    const out: string[] = [];
    const bar = createProgressBar({ isTTY: false, write: (s: string) => out.push(s) });
    bar.update(1, 2);
    bar.finish();
    expect(out).toEqual([]);
  });

  it("draws on a terminal and erases itself at the end", () => {
    const out: string[] = [];
    const bar = createProgressBar({ isTTY: true, columns: 80, write: (s: string) => out.push(s) }, { label: "ingest", minIntervalMs: 0 });
    bar.update(5, 10, "new 5");
    bar.finish();
    expect(out[0]).toContain("ingest [");
    expect(out[0]).toContain("] 5/10 50% new 5");
    expect(out.at(-1)).toBe("\r\x1b[2K");
  });

  it.each([
    { name: "empty", done: 0, total: 0, want: /^\[-{10,}\] 0\/0 0%$/ },
    { name: "half", done: 1, total: 2, want: /^\[#+-+\] 1\/2 50%$/ },
    { name: "full", done: 3, total: 3, want: /^\[#{10,}\] 3\/3 100%$/ },
  ])("renders $name", ({ done, total, want }) => expect(renderProgressLine(done, total)).toMatch(want));
});
