/**
 * `relations export --format json|csv|ndjson` and the filters it shares with `/relations`
 * (--pair, --since, --type), on a real SQLite file through the real CLI.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, openDb } from "../../src/db/client.ts";
import { csvCell } from "../../src/cli/export.ts";
import { insertDevelopment } from "../helpers/digest-rows.ts";
import { runCli } from "./run-cli.ts";

/** A small RFC 4180 reader, so the test reads the CSV as a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\n") row.push(cell), rows.push(row), (row = []), (cell = "");
    else if (c !== "\r") cell += c;
  }
  return rows;
}

let db: string;
beforeAll(() => {
  db = join(mkdtempSync(join(tmpdir(), "rel-export-")), "x.db");
  const d = openDb(db);
  insertDevelopment(d, {
    a: "CN", b: "RU", type: "exercise", dateStart: "2024-07-10", firstSeenAt: "2024-07-12T00:00:00.000Z",
    summary: 'China and Russia held a joint exercise ("Northern, Interaction").',
    sources: [{ url: "https://a.example/1", outlet: "Xinhua", title: "Drill, day one" }, { url: "https://b.example/2", outlet: "TASS", title: "Drill" }],
  });
  insertDevelopment(d, { a: "CN", b: "RU", type: "talks", dateStart: "2023-03-21", firstSeenAt: "2023-03-22T00:00:00.000Z", summary: "Talks in Moscow." });
  insertDevelopment(d, { a: "KP", b: "RU", type: "agreement", dateStart: "2024-06-19", firstSeenAt: "2024-06-20T00:00:00.000Z", summary: "=HYPERLINK(\"x\") treaty" });
  insertDevelopment(d, { a: "BY", b: "CN", type: "exercise", dateStart: "2024-07-08", dateEnd: "2024-07-19", firstSeenAt: "2024-07-20T00:00:00.000Z", summary: "Eagle Assault." });
  closeDb(d);
});

describe("relations export formats and filters", { timeout: 90_000 }, () => {
  it("csv: a header, then one row per development with its sources joined in one cell; commas, quotes and formulas are safe", async () => {
    const r = await runCli(["--db", db, "export", "--format", "csv"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(["country_a", "country_b", "type", "status", "date", "date_end", "summary", "source_count", "source_urls", "source_outlets", "source_titles"]);
    expect(rows).toHaveLength(5);
    const drill = rows.find((x) => x[2] === "exercise" && x[1] === "RU")!;
    expect(drill).toEqual(["CN", "RU", "exercise", "held", "2024-07-10", "", 'China and Russia held a joint exercise ("Northern, Interaction").', "2", "https://a.example/1 | https://b.example/2", "Xinhua | TASS", "Drill, day one | Drill"]);
    expect(rows.find((x) => x[0] === "BY")!.slice(4, 6)).toEqual(["2024-07-08", "2024-07-19"]);
    // a summary a spreadsheet would run as a formula is kept as text
    expect(rows.find((x) => x[0] === "KP")![6]).toBe("'=HYPERLINK(\"x\") treaty");
  });

  it("ndjson: one event per line, each the same object as in the json export", async () => {
    const [json, nd] = await Promise.all([runCli(["--db", db, "export"]), runCli(["--db", db, "export", "--format=ndjson"])]);
    const events = (JSON.parse(json.stdout) as { events: unknown[] }).events;
    const lines = nd.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => JSON.parse(l))).toEqual(events);
  });

  it("--pair, --since and --type read as /relations reads them (names in any language, several words, type words)", async () => {
    const pairs = (out: string) => (JSON.parse(out) as { events: { pair: string[]; type: string; date: string }[] }).events.map((e) => `${e.pair.join("-")} ${e.type} ${e.date}`);
    const [cnRu, viNames, kp, since, type, all3] = await Promise.all([
      runCli(["--db", db, "export", "--pair", "china", "russia"]),
      runCli(["--db", db, "export", "--pair", "Trung", "Quốc", "Nga"]),
      runCli(["--db", db, "export", "--pair", "north", "korea", "russia"]),
      runCli(["--db", db, "export", "--since", "2024-06"]),
      runCli(["--db", db, "export", "--type", "tập trận"]),
      runCli(["--db", db, "export", "--format", "csv", "--pair", "china", "russia", "--since", "2024", "--type", "exercises"]),
    ]);
    expect(pairs(cnRu.stdout)).toEqual(["CN-RU talks 2023-03-21", "CN-RU exercise 2024-07-10"]);
    expect(pairs(viNames.stdout)).toEqual(pairs(cnRu.stdout));
    expect(pairs(kp.stdout)).toEqual(["KP-RU agreement 2024-06-19"]);
    expect(pairs(since.stdout)).toEqual(["BY-CN exercise 2024-07-08", "CN-RU exercise 2024-07-10", "KP-RU agreement 2024-06-19"]);
    expect(pairs(type.stdout)).toEqual(["BY-CN exercise 2024-07-08", "CN-RU exercise 2024-07-10"]);
    expect(parseCsv(all3.stdout).slice(1).map((x) => x.slice(0, 5).join(" "))).toEqual(["CN RU exercise held 2024-07-10"]);
  });

  it.each([
    ["an unknown format", ["--format", "xlsx"], /^export: unknown format "xlsx" \(json, csv or ndjson\)$/],
    ["an unknown country", ["--pair", "narnia", "russia"], /^export: unknown country "narnia"/],
    ["one country", ["--pair", "china"], /^export: --pair needs two different countries/],
    ["an unreadable date", ["--since", "last week"], /^export: cannot read the date "last week"/],
    ["an unknown type", ["--type", "parades"], /^export: unknown type "parades"/],
    ["a stray argument", ["everything"], /^export: unknown argument everything/],
  ])("%s exits 2 with one line", async (_name, args, message) => {
    const r = await runCli(["--db", db, "export", ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("csvCell quotes only what needs it", () => {
    expect(["plain", "a,b", 'say "hi"', "two\nlines", "-1", null].map(csvCell)).toEqual(["plain", '"a,b"', '"say ""hi"""', '"two\nlines"', "'-1", ""]);
  });
});
