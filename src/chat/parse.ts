/**
 * Parses the text after `/relations` into a command. Countries are resolved through the
 * gazetteer; multi-word names need no quotes because every split of the words is tried.
 */
import { fold } from "../lib/text.ts";
import { makePair, type CountryPair, type EventType } from "../domain/types.ts";
import type { CountryDirectory, CountryInfo } from "./countries.ts";
import { t, type Lang } from "./i18n/index.ts";

/** Options after the pair. */
export interface CommandFilter {
  /** YYYY-MM-DD */
  since?: string;
  type?: EventType;
}

/** What the user asked for. */
export type Command =
  | { kind: "help" }
  | { kind: "timeline"; pair: CountryPair; filter: CommandFilter }
  | { kind: "chart"; pair: CountryPair; filter: CommandFilter }
  | { kind: "partners"; country: CountryInfo; filter: CommandFilter }
  | { kind: "same_country"; country: CountryInfo }
  | { kind: "unknown_country"; name: string; suggestions: CountryInfo[] }
  /** a catalog key and its values (the message in the reply's language; `country` named in it); `message` is the English text */
  | { kind: "bad_option"; message: string; key: BadOptionKey; vars: Record<string, string>; country?: CountryInfo }
  /** `alerts`: `watch a b alerts` / `unwatch a b alerts` turn the pair's alerts on or off (issue 13) */
  | { kind: "watch" | "unwatch"; pair: CountryPair; alerts?: boolean }
  | { kind: "watching" }
  /** `lang vi|en|auto` sets or clears the channel's language; `lang` alone tells it; "bad" for anything else */
  | { kind: "lang"; value: Lang | "auto" | "bad" | null };

/** A command with the language it was written in: "vi" when its names and words are Vietnamese, null when they do not tell. */
export type ParsedCommand = Command & { lang: Lang | null };

/**
 * Type words, folded (diacritics and đ removed), longest first so "chuyen tham" wins over "tham".
 * Matches e.g. "exercises", "tập trận", "hội đàm", "tuần tra", "thỏa thuận", "vũ khí", "huấn luyện", "cam kết".
 */
const TYPE_WORDS: [string, EventType][] = (
  [
    ["chuyen tham", "visit"], ["tham", "visit"], ["visit", "visit"], ["visits", "visit"],
    ["hoi dam", "talks"], ["hoi kien", "talks"], ["doi thoai", "talks"], ["talks", "talks"], ["talk", "talks"], ["meeting", "talks"], ["meetings", "talks"],
    ["tap tran", "exercise"], ["dien tap", "exercise"], ["exercise", "exercise"], ["exercises", "exercise"], ["drill", "exercise"], ["drills", "exercise"],
    ["tuan tra", "patrol"], ["patrol", "patrol"], ["patrols", "patrol"],
    ["thoa thuan", "agreement"], ["hiep dinh", "agreement"], ["ky ket", "agreement"], ["agreement", "agreement"], ["agreements", "agreement"], ["deal", "agreement"], ["deals", "agreement"], ["mou", "agreement"],
    ["vu khi", "arms"], ["khi tai", "arms"], ["arms", "arms"], ["weapons", "arms"], ["weapon", "arms"],
    ["huan luyen", "training"], ["dao tao", "training"], ["training", "training"], ["trainings", "training"],
    ["cam ket", "pledge"], ["pledge", "pledge"], ["pledges", "pledge"], ["commitment", "pledge"], ["commitments", "pledge"],
  ] as [string, EventType][]
).sort((x, y) => y[0].split(" ").length - x[0].split(" ").length);

/** Type words that are Vietnamese (the rest of TYPE_WORDS are English). */
const VI_TYPE_WORDS = new Set(["chuyen tham", "tham", "hoi dam", "hoi kien", "doi thoai", "tap tran", "dien tap", "tuan tra", "thoa thuan", "hiep dinh", "ky ket", "vu khi", "khi tai", "huan luyen", "dao tao", "cam ket"]);

/** The type a word or phrase names ("exercises", "tập trận", "agreement"), or null. */
export function parseTypeWord(s: string): EventType | null {
  const words = fold(s.normalize("NFC")).trim().split(/\s+/).filter(Boolean);
  const hit = matchTypeAtEnd(words, words.length);
  return hit && hit.length === words.length ? hit.type : null;
}

/** Words that introduce a start date: "since 2023", "từ 2023", "từ năm 2023". */
const SINCE_WORDS = new Set(["since", "from", "after", "tu"]);
/** Words that may sit between two country names: "china and russia", "Nga và Trung Quốc". */
const JOINERS = new Set(["and", "va", "&", "-", "–", "—", "vs", "x", "with", "voi"]);

/**
 * "2023" → 2023-01-01, "2024-06" / "06/2024" → 2024-06-01, "2024-06-15" → itself; null otherwise.
 */
export function parseSince(s: string): string | null {
  let m = /^(\d{4})$/.exec(s);
  if (m) return validDate(m[1]!, "1", "1");
  m = /^(\d{4})-(\d{1,2})$/.exec(s) ?? null;
  if (m) return validDate(m[1]!, m[2]!, "1");
  m = /^(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return validDate(m[2]!, m[1]!, "1");
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return validDate(m[1]!, m[2]!, m[3]!);
  return null;
}

function validDate(y: string, mo: string, d: string): string | null {
  const yy = Number(y), mm = Number(mo), dd = Number(d);
  if (yy < 1900 || yy > 2100 || mm < 1 || mm > 12 || dd < 1) return null;
  const days = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  if (dd > days) return null;
  return `${y}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

type BadOptionKey = "error.badDate" | "error.watchNeedsPair" | "alert.watchNeedsPair" | "chart.needTwo";
const badOption = (key: BadOptionKey, vars: Record<string, string>, country?: CountryInfo): Command => ({
  kind: "bad_option",
  message: t("en", key, { ...vars, ...(country ? { country: country.en.toLowerCase() } : {}) }),
  key,
  vars,
  ...(country ? { country } : {}),
});

/** Letters only Vietnamese writes among the languages we read: a name typed with them is Vietnamese. */
const VI_MARKS = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/iu;

/**
 * Parses `/relations …` text. Never throws: bad input becomes a command that explains itself.
 * `lang` says which language the command was written in, from the country names that matched
 * (a Vietnamese name with or without diacritics: "trung quốc", "trung quoc", "Nga"), the type
 * and date words ("tập trận", "từ năm"): Vietnamese when something is Vietnamese and nothing
 * English, English when something is English, null when nothing tells ("belarus", "CN BY").
 */
export function parseCommand(text: string, dir: CountryDirectory): ParsedCommand {
  const seen = new Set<Lang>();
  const cmd = parseWords(text, dir, seen);
  const lang: Lang | null = seen.has("en") ? "en" : seen.has("vi") ? "vi" : null;
  return { ...cmd, lang };
}

/** The language of a country name as typed: diacritics say Vietnamese, else the gazetteer's names do. */
function nameLang(name: string, dir: CountryDirectory): Lang | null {
  if (VI_MARKS.test(name)) return "vi";
  return dir.nameLanguage?.(name) ?? null;
}

function parseWords(text: string, dir: CountryDirectory, seen: Set<Lang>): Command {
  // Commas, slashes and dashes between names are separators: "china, russia", "china–russia".
  const raw = text.normalize("NFC").replace(/[,/–—]+/g, " ").trim().split(/\s+/).filter(Boolean);
  const words = raw.map(fold);
  const viHelp = (words[0] === "tro" && words[1] === "giup") || (words[0] === "huong" && words[1] === "dan");
  if (viHelp && words.length === 2) seen.add("vi");
  if (words.length === 0 || (words.length === 1 && ["help", "?"].includes(words[0]!)) || (viHelp && words.length === 2)) return { kind: "help" };
  if (words[0] === "help") return { kind: "help" };

  if (words[0] === "watching" && words.length === 1) return { kind: "watching" };
  if (words[0] === "lang" || words[0] === "language" || (words[0] === "ngon" && words[1] === "ngu")) {
    const rest = words.slice(words[0] === "ngon" ? 2 : 1).join(" ");
    if (words[0] === "ngon") seen.add("vi");
    if (!rest) return { kind: "lang", value: null };
    const value = LANG_WORDS[rest];
    return { kind: "lang", value: value ?? "bad" };
  }
  if (words[0] === "watch" || words[0] === "unwatch") {
    const kind = words[0];
    const alertWords = matchWordsAtEnd(ALERT_WORDS, words, words.length);
    if (alertWords && VI_ALERT_WORDS.has(words.slice(-alertWords).join(" "))) seen.add("vi");
    const alerts = alertWords > 0;
    const names = raw.slice(1, words.length - alertWords);
    const needsPair = () => badOption(alerts ? "alert.watchNeedsPair" : "error.watchNeedsPair", { verb: kind });
    if (names.length === 0) return needsPair();
    const r = resolveNames(names, dir);
    if (r.kind !== "unknown") for (const n of r.names) addLang(seen, nameLang(n, dir));
    else if (VI_MARKS.test(names.join(" "))) seen.add("vi");
    if (r.kind === "pair") return r.pair.a === r.pair.b ? { kind: "same_country", country: r.first } : { kind, pair: r.pair, ...(alerts ? { alerts } : {}) };
    if (r.kind === "unknown") return { kind: "unknown_country", name: r.name, suggestions: r.suggestions };
    return needsPair();
  }

  // Options are peeled off the end: "… since 2023 exercises", "… tập trận từ năm 2023", "… chart".
  const filter: CommandFilter = {};
  let end = words.length;
  const chart = matchChartAtEnd(words, end);
  if (chart === 2) seen.add("vi"); // "biểu đồ", "đồ thị"
  end -= chart;
  for (let guard = 0; guard < 4 && end > 0; guard++) {
    const type = matchTypeAtEnd(words, end);
    if (type && !filter.type) {
      filter.type = type.type;
      seen.add(VI_TYPE_WORDS.has(words.slice(end - type.length, end).join(" ")) ? "vi" : "en");
      end -= type.length;
      continue;
    }
    const since = matchSinceAtEnd(words, end);
    if (since === "bad") {
      addLang(seen, words[end - 2] === "tu" || words[end - 2] === "nam" ? "vi" : null);
      return badOption("error.badDate", { value: raw.slice(end - 1, end).join(" ") });
    }
    if (since && !filter.since) {
      filter.since = since.date;
      seen.add(words[end - since.length] === "tu" ? "vi" : "en");
      end -= since.length;
      continue;
    }
    break;
  }
  const names = raw.slice(0, end);
  if (names.length === 0) return { kind: "help" };
  // "since" left among the names means its date was not readable ("since last week").
  const sinceAt = words.slice(0, end).indexOf("since");
  if (sinceAt > 0) {
    return badOption("error.badDate", { value: raw.slice(sinceAt + 1, end).join(" ") });
  }
  const r = resolveNames(names, dir);
  if (r.kind !== "unknown") for (const n of r.names) addLang(seen, nameLang(n, dir));
  else if (VI_MARKS.test(names.join(" "))) seen.add("vi");
  switch (r.kind) {
    case "single":
      if (chart) return badOption("chart.needTwo", {}, r.first);
      return { kind: "partners", country: r.first, filter };
    case "pair":
      return r.pair.a === r.pair.b ? { kind: "same_country", country: r.first } : { kind: chart ? "chart" : "timeline", pair: r.pair, filter };
    case "unknown":
      return { kind: "unknown_country", name: r.name, suggestions: r.suggestions };
  }
}

/** Words that ask for the activity chart instead of the timeline: "chart", "biểu đồ", "đồ thị". */
const CHART_WORDS = ["chart", "graph", "bieu do", "do thi"].map((w) => w.split(" "));

/** Words after `watch a b` that ask for alerts too: "alerts", "cảnh báo" (folded). */
const ALERT_WORDS = ["alerts", "alert", "canh bao"].map((w) => w.split(" "));
const VI_ALERT_WORDS = new Set(["canh bao"]);

/** How many words at the end ask for the chart (0 when none do). */
function matchChartAtEnd(words: string[], end: number): number {
  return matchWordsAtEnd(CHART_WORDS, words, end);
}

/** How many words at `end` one of `phrases` takes (0: none); at least one word is left before it. */
function matchWordsAtEnd(phrases: string[][], words: string[], end: number): number {
  for (const parts of phrases) {
    if (parts.length < end && parts.every((p, i) => words[end - parts.length + i] === p)) return parts.length;
  }
  return 0;
}

function matchTypeAtEnd(words: string[], end: number): { type: EventType; length: number } | null {
  for (const [phrase, type] of TYPE_WORDS) {
    const parts = phrase.split(" ");
    if (parts.length > end) continue;
    if (parts.every((p, i) => words[end - parts.length + i] === p)) return { type, length: parts.length };
  }
  return null;
}

function matchSinceAtEnd(words: string[], end: number): { date: string; length: number } | "bad" | null {
  const last = words[end - 1];
  if (last === undefined) return null;
  // "từ năm 2023" (from the year 2023)
  const introLen = words[end - 2] === "nam" && SINCE_WORDS.has(words[end - 3] ?? "") ? 2 : SINCE_WORDS.has(words[end - 2] ?? "") ? 1 : 0;
  if (introLen === 0) return null;
  const date = parseSince(last);
  if (!date) return "bad";
  return { date, length: introLen + 1 };
}

function addLang(seen: Set<Lang>, lang: Lang | null): void {
  if (lang) seen.add(lang);
}

/** The values of `lang …`, folded: codes and the languages' names in both languages. */
const LANG_WORDS: Record<string, Lang | "auto"> = {
  vi: "vi", vn: "vi", "tieng viet": "vi", vietnamese: "vi",
  en: "en", "tieng anh": "en", english: "en",
  auto: "auto", off: "auto", "tu dong": "auto",
};

/** Countries resolved from the words, with the words each was read from (`names`). */
type Resolved =
  | { kind: "single"; first: CountryInfo; names: string[] }
  | { kind: "pair"; first: CountryInfo; pair: CountryPair; names: string[] }
  | { kind: "unknown"; name: string; suggestions: CountryInfo[] };

/**
 * Tries the whole text as one country, then every split into two (longest first name first),
 * skipping a joiner ("and", "và") at the split. When nothing fits, names the part it could not
 * read, with suggestions.
 */
function resolveNames(tokens: string[], dir: CountryDirectory): Resolved {
  const n = tokens.length;
  const join = (from: number, to: number) => tokens.slice(from, to).join(" ");
  const whole = n > 0 ? dir.resolveCountryName(join(0, n)) : null;
  if (whole && n > 0) return { kind: "single", first: whole, names: [join(0, n)] };
  for (let i = n - 1; i >= 1; i--) {
    const left = dir.resolveCountryName(join(0, i));
    if (!left) continue;
    const starts = JOINERS.has(fold(tokens[i]!)) && i + 1 < n ? [i + 1, i] : [i];
    for (const s of starts) {
      const right = dir.resolveCountryName(join(s, n));
      if (right) return { kind: "pair", first: left, pair: makePair(left.code, right.code), names: [join(0, i), join(s, n)] };
    }
  }
  // Find the unreadable part: the longest readable prefix or suffix tells us where it is.
  let unknown = join(0, n);
  for (let i = n - 1; i >= 1; i--) {
    if (dir.resolveCountryName(join(0, i))) {
      unknown = join(JOINERS.has(fold(tokens[i]!)) && i + 1 < n ? i + 1 : i, n);
      break;
    }
    if (dir.resolveCountryName(join(n - i, n))) {
      unknown = join(0, n - i);
      if (JOINERS.has(fold(tokens[n - i - 1] ?? "")) && n - i - 1 > 0) unknown = join(0, n - i - 1);
      break;
    }
  }
  return { kind: "unknown", name: unknown, suggestions: dir.suggestCountries(unknown, 3) };
}
