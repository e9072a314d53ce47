import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { wallTimeToUtc, zoneOffsetMinutes } from "../../src/lib/time-zone.ts";
import { ROOT } from "../cli/run-cli.ts";

describe("time zones: one helper", () => {
  it.each([
    ["Hanoi, no DST", "Asia/Ho_Chi_Minh", "2024-07-01T00:00:00Z", 420],
    ["Kathmandu, a 45-minute zone", "Asia/Kathmandu", "2024-07-01T00:00:00Z", 345],
    ["Berlin in winter", "Europe/Berlin", "2024-03-31T00:59:59Z", 60],
    ["Berlin just after the switch to summer time", "Europe/Berlin", "2024-03-31T01:00:00Z", 120],
    ["New York in summer", "America/New_York", "2024-07-04T12:00:00Z", -240],
  ])("%s: %s at %s is %i minutes", (_n, tz, at, minutes) => {
    expect(zoneOffsetMinutes(tz, Date.parse(at))).toBe(minutes);
  });

  it.each([
    ["midnight in Hanoi", "2024-10-14T00:00:00Z", "Asia/Ho_Chi_Minh", "2024-10-13T17:00:00.000Z"],
    ["midnight in Berlin on the day summer time starts", "2024-03-31T00:00:00Z", "Europe/Berlin", "2024-03-30T23:00:00.000Z"],
    ["midnight in Berlin the day after", "2024-04-01T00:00:00Z", "Europe/Berlin", "2024-03-31T22:00:00.000Z"],
  ])("wallTimeToUtc: %s", (_n, wall, tz, utc) => {
    expect(new Date(wallTimeToUtc(Date.parse(wall), tz)).toISOString()).toBe(utc);
  });

  it("an unknown zone is a RangeError naming it", () => {
    expect(() => zoneOffsetMinutes("Asia/Saigon_Typo", 0)).toThrow(/^unknown time zone: Asia\/Saigon_Typo/);
  });

  it("no other source file computes a zone's offset from Intl parts", () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".ts")) files.push(p);
      }
    };
    walk(join(ROOT, "src"));
    const others = files.filter((f) => !f.endsWith(join("lib", "time-zone.ts")) && /formatToParts\(/.test(readFileSync(f, "utf8"))).map((f) => relative(ROOT, f));
    expect(others).toEqual([]);
  });
});
