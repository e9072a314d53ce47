/**
 * The analysis commands through the real `relations` bin on a temp database: ingest analyzes
 * what it stores, export prints the evaluation contract, explain prints the trace of one
 * article, reanalyze rebuilds from stored text.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "rel-cli-an-"));
const db = join(dir, "x.db");
const article = join(dir, "an-vi-laos.txt");

beforeAll(async () => {
  writeFileSync(
    article,
    ` date 2024-12-10 (Quân đội) -
Việt Nam và Lào ký kế hoạch hợp tác quốc phòng

Chiều 9/12, tại Hà Nội, Bộ trưởng Quốc phòng Việt Nam Phan Văn Giang đã hội đàm với Bộ trưởng Quốc phòng Lào Chansamone Chanyalath, nhân chuyến thăm chính thức Việt Nam của ông.

Kết thúc hội đàm, hai bộ trưởng đã ký Kế hoạch hợp tác quốc phòng năm 2025 giữa hai nước.

Tin liên quan
Nga và Triều Tiên ký hiệp ước đối tác chiến lược toàn diện`,
  );
  const r = await runCli(["--db", db, "ingest", article]);
  expect(r.stdout.trim()).toBe("sources 1, new 1, unchanged 0, skipped 0, failed 0");
}, 60_000);

describe("relations export / explain / reanalyze", () => {
  it("export prints the contract with the article analyzed at ingest, and nothing from the related block", async () => {
    const r = await runCli(["--db", db, "export", "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { events: { pair: string[]; type: string; date: string; sources: { url: string }[] }[] };
    expect(doc.events.map((e) => `${e.pair.join("-")} ${e.type} ${e.date}`).sort()).toEqual(["LA-VN agreement 2024-12-09", "LA-VN visit 2024-12-09"]);
    for (const e of doc.events) expect(e.sources.map((s) => s.url.split("/").pop())).toEqual(["an-vi-laos.txt"]);
  }, 60_000);

  it("export refuses an unknown format", async () => {
    const r = await runCli(["--db", db, "export", "--format", "xml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("export: unknown format");
  }, 60_000);

  it("explain prints sentences, mentions, dates and decisions for a stored article id and for a file", async () => {
    for (const target of ["1", article]) {
      const r = await runCli(["--db", db, "explain", target]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("published: 2024-12-10");
      expect(r.stdout).toMatch(/mention person "Phan Văn Giang" → VN/);
      expect(r.stdout).toMatch(/date "Chiều 9\/12"|date "9\/12"/);
      expect(r.stdout).toMatch(/cue visit .*kept/);
      expect(r.stdout).toMatch(/developments \(2\):/);
    }
  }, 60_000);

  it("explain names a missing article", async () => {
    const r = await runCli(["--db", db, "explain", "999"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("explain: no article with id 999");
  }, 60_000);

  it("reanalyze rebuilds the same developments from stored text", async () => {
    const r = await runCli(["--db", db, "reanalyze"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^analyzer \S+: articles 1, developments 2, failed 0/);
    const e = await runCli(["--db", db, "export"]);
    expect((JSON.parse(e.stdout) as { events: unknown[] }).events).toHaveLength(2);
  }, 60_000);
});
