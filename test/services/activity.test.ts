import { describe, expect, it } from "vitest";
import { buildActivity, MAX_QUARTERS, type MonthTypeCount } from "../../src/services/activity.ts";

describe("buildActivity", () => {
  it("counts per quarter, stacked by type, with the empty quarters in between and the latest marked", () => {
    const rows: MonthTypeCount[] = [
      { month: "2023-02", type: "visit", n: 2 },
      { month: "2023-03", type: "exercise", n: 1 },
      { month: "2023-04", type: "visit", n: 1 },
      { month: "2024-08", type: "talks", n: 3 },
    ];
    const s = buildActivity(rows)!;
    expect(s.unit).toBe("quarter");
    expect(s.periods.map((p) => `${p.year}Q${p.quarter}:${p.total}`)).toEqual(["2023Q1:3", "2023Q2:1", "2023Q3:0", "2023Q4:0", "2024Q1:0", "2024Q2:0", "2024Q3:3"]);
    expect(s.periods[0]!.counts).toEqual({ visit: 2, exercise: 1 });
    expect(s.types).toEqual(["visit", "talks", "exercise"]);
    expect(s.total).toBe(7);
    expect(s.latest).toBe(6);
    expect([s.fromYear, s.toYear]).toEqual([2023, 2024]);
  });

  it(`counts per year once the span is over 8 years (${MAX_QUARTERS} quarters)`, () => {
    const eight = buildActivity([{ month: "2016-01", type: "visit", n: 1 }, { month: "2023-12", type: "arms", n: 1 }])!;
    expect(eight.unit).toBe("quarter");
    expect(eight.periods).toHaveLength(32);
    const over = buildActivity([{ month: "2016-01", type: "visit", n: 1 }, { month: "2024-01", type: "arms", n: 2 }, { month: "2024-11", type: "arms", n: 1 }])!;
    expect(over.unit).toBe("year");
    expect(over.periods.map((p) => p.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(over.periods.at(-1)).toMatchObject({ quarter: 0, total: 3, counts: { arms: 3 } });
  });

  it("has nothing to chart without developments (or with unreadable months)", () => {
    expect(buildActivity([])).toBeNull();
    expect(buildActivity([{ month: "", type: "visit", n: 3 }])).toBeNull();
  });
});
