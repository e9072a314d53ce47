import { describe, expect, it } from "vitest";
import { parseCommand, parseSince } from "../../src/chat/parse.ts";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";

const g = loadGazetteer();

/** A command reduced to what the tests compare: kind, pair codes and filters. */
function summarize(text: string): string {
  const c = parseCommand(text, g);
  switch (c.kind) {
    case "timeline":
      return `timeline ${c.pair.a}-${c.pair.b}${c.filter.since ? ` since=${c.filter.since}` : ""}${c.filter.type ? ` type=${c.filter.type}` : ""}`;
    case "partners":
      return `partners ${c.country.code}`;
    case "same_country":
      return `same ${c.country.code}`;
    case "unknown_country":
      return `unknown "${c.name}" → ${c.suggestions[0]?.code ?? "none"}`;
    case "watch":
    case "unwatch":
      return `${c.kind} ${c.pair.a}-${c.pair.b}${c.alerts ? " alerts" : ""}`;
    default:
      return c.kind;
  }
}

describe("parseCommand: names", () => {
  it.each([
    ["english names", "china belarus", "timeline BY-CN"],
    ["any case", "CHINA Belarus", "timeline BY-CN"],
    ["vietnamese with diacritics", "Trung Quốc Nga", "timeline CN-RU"],
    ["vietnamese without diacritics", "trung quoc nga", "timeline CN-RU"],
    ["iso codes", "CN BY", "timeline BY-CN"],
    ["alias PRC", "PRC russia", "timeline CN-RU"],
    ["alias usa", "usa philippines", "timeline PH-US"],
    ["multi-word first name", "north korea russia", "timeline KP-RU"],
    ["multi-word second name", "russia north korea", "timeline KP-RU"],
    ["two multi-word names", "south korea united states", "timeline KR-US"],
    ["vietnamese multi-word both", "Triều Tiên Trung Quốc", "timeline CN-KP"],
    ["joined by and", "china and russia", "timeline CN-RU"],
    ["joined by và", "Nga và Việt Nam", "timeline RU-VN"],
    ["dash between", "china – belarus", "timeline BY-CN"],
    ["name containing and", "bosnia and herzegovina serbia", "timeline BA-RS"],
    ["one country", "belarus", "partners BY"],
    ["one multi-word country", "north korea", "partners KP"],
    ["same country twice", "china PRC", "same CN"],
    ["typo gets suggestions", "china belaru", 'unknown "belaru" → BY'],
    ["typo first", "chna russia", 'unknown "chna" → CN'],
    ["typo in a vietnamese name", "Trung Quoc Belaruss", 'unknown "Belaruss" → BY'],
    ["nothing readable", "zzzz qqqq", 'unknown "zzzz qqqq" → none'],
  ])("%s: %s", (_name, text, want) => {
    expect(summarize(text)).toBe(want);
  });
});

describe("parseCommand: options", () => {
  it.each([
    ["since year", "china belarus since 2023", "timeline BY-CN since=2023-01-01"],
    ["since month", "china belarus since 2024-06", "timeline BY-CN since=2024-06-01"],
    ["since day", "china belarus since 2024-06-15", "timeline BY-CN since=2024-06-15"],
    ["english type", "china belarus exercises", "timeline BY-CN type=exercise"],
    ["type then since", "china belarus exercises since 2023", "timeline BY-CN since=2023-01-01 type=exercise"],
    ["since then type", "north korea russia since 2024-06 visits", "timeline KP-RU since=2024-06-01 type=visit"],
    ["vietnamese type tập trận", "Trung Quốc Nga tập trận", "timeline CN-RU type=exercise"],
    ["vietnamese type no diacritics", "trung quoc nga tap tran", "timeline CN-RU type=exercise"],
    ["vietnamese since từ năm", "Việt Nam Nga thăm từ năm 2023", "timeline RU-VN since=2023-01-01 type=visit"],
    ["hội đàm", "Việt Nam Lào hội đàm", "timeline LA-VN type=talks"],
    ["tuần tra", "trung quoc nga tuan tra", "timeline CN-RU type=patrol"],
    ["thỏa thuận", "Nga Triều Tiên thỏa thuận", "timeline KP-RU type=agreement"],
    ["vũ khí", "Nga Ấn Độ vũ khí", "timeline IN-RU type=arms"],
    ["huấn luyện", "Việt Nam Ấn Độ huấn luyện", "timeline IN-VN type=training"],
    ["cam kết", "Mỹ Philippines cam kết", "timeline PH-US type=pledge"],
    ["arms", "russia india arms", "timeline IN-RU type=arms"],
  ])("%s: %s", (_name, text, want) => {
    expect(summarize(text)).toBe(want);
  });

  it.each([
    ["bad since", "china belarus since yesterday"],
    ["impossible month", "china belarus since 2024-13"],
  ])("%s is explained", (_n, text) => {
    const c = parseCommand(text, g);
    expect(c.kind).toBe("bad_option");
    expect(c.kind === "bad_option" && c.message).toMatch(/since 2023/);
  });
});

describe("parseCommand: subcommands", () => {
  it.each([
    ["empty", "", "help"],
    ["blank", "   ", "help"],
    ["help", "help", "help"],
    ["watch", "watch china belarus", "watch BY-CN"],
    ["unwatch", "unwatch north korea russia", "unwatch KP-RU"],
    ["watching", "watching", "watching"],
    ["watch same twice", "watch china china", "same CN"],
    ["watch with alerts", "watch china belarus alerts", "watch BY-CN alerts"],
    ["unwatch alerts, vietnamese names, singular", "unwatch Trung Quốc Nga alert", "unwatch CN-RU alerts"],
    ["alerts with no pair", "watch alerts", "bad_option"],
    ["alerts with one country", "watch china alerts", "bad_option"],
  ])("%s", (_n, text, want) => {
    expect(summarize(text)).toBe(want);
  });
});

describe("parseSince", () => {
  it.each([
    ["2023", "2023-01-01"],
    ["2024-6", "2024-06-01"],
    ["06/2024", "2024-06-01"],
    ["2024-02-29", "2024-02-29"],
    ["2023-02-29", null],
    ["1800", null],
    ["soon", null],
  ])("%s → %s", (s, want) => {
    expect(parseSince(s)).toBe(want);
  });
});
