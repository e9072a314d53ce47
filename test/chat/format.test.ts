import { describe, expect, it } from "vitest";
import { formatDateSpan, formatDay, typeLabel } from "../../src/chat/format.ts";

describe("formatDateSpan", () => {
  it.each([
    ["a day", "2024-10-14", "2024-10-14", "day", "14 Oct 2024"],
    ["a month", "2023-08-01", "2023-08-31", "month", "Aug 2023"],
    ["a year", "2018-01-01", "2018-12-31", "year", "2018"],
    ["days in one month", "2024-07-08", "2024-07-19", "day", "8–19 Jul 2024"],
    ["days across months", "2024-06-28", "2024-07-03", "day", "28 Jun – 3 Jul 2024"],
    ["days across years", "2023-12-30", "2024-01-02", "day", "30 Dec 2023 – 2 Jan 2024"],
    ["months in one year", "2024-06-01", "2024-08-31", "month", "Jun–Aug 2024"],
    ["months across years", "2023-11-01", "2024-02-29", "month", "Nov 2023 – Feb 2024"],
    ["years", "2018-01-01", "2019-12-31", "year", "2018–2019"],
  ] as const)("%s", (_n, start, end, precision, want) => {
    expect(formatDateSpan(start, end, precision)).toBe(want);
  });

  it("formats a time stamp by its calendar day", () => {
    expect(formatDay("2024-10-14T23:10:00.000Z")).toBe("14 Oct 2024");
  });

  it.each([
    ["held", "exercise", "held", "Exercise"],
    ["planned", "visit", "planned", "Visit (planned)"],
    ["announced", "arms", "announced", "Arms (announced)"],
  ] as const)("typeLabel %s", (_n, type, status, want) => {
    expect(typeLabel(type, status)).toBe(want);
  });
});
