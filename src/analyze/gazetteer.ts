/**
 * Gazetteer: countries, organizations and people with dated roles, loaded once from data files
 * (src/analyze/data/*.json, validated by zod) and queried without I/O.
 *
 * - Country directory for the chat front end: country(), resolveCountryName(), suggestCountries().
 * - Mentions in text: findMentions() — one token index built at load, text scanned once.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fold } from "../lib/text.ts";
import {
  CountriesFileSchema,
  CountryAliasesFileSchema,
  OrganizationsFileSchema,
  PeopleFileSchema,
  parseDataFile,
  type CountriesFile,
  type CountryAliasesFile,
  type NameEntry,
  type OrganizationsFile,
  type PeopleFile,
  type PersonEntry,
  type Role,
} from "./gazetteer-schema.ts";

export type { Role } from "./gazetteer-schema.ts";

/** A country as the chat front end and the analyzer show it. */
export interface CountryInfo {
  /** ISO 3166-1 alpha-2 */
  code: string;
  alpha3: string;
  /** short common English name: "China", "United States", "North Korea" */
  en: string;
  /** Vietnamese name as the press writes it: "Trung Quốc", "Mỹ", "Triều Tiên" */
  vi: string;
  /** English demonym/adjective: "Chinese", "American", "North Korean" */
  demonymEn: string;
}

/** A person's role at a date. */
export interface PersonRole {
  /** null for an office of an organization (President of the European Commission, NATO Secretary General): no country acts */
  country: string | null;
  role: Role;
  title_en: string;
}

/** A person as stored in people*.json. */
export type Person = PersonEntry;

/** Where a metonym or place mention points: a capital is also just a city. */
export interface PlaceInfo {
  name: string;
  country: string | null;
  kind: "capital" | "seat" | "place";
}

/** The raw contents of the data files, with the file names used in error messages. */
export interface GazetteerData {
  countries: { file: string; data: unknown };
  aliases: { file: string; data: unknown };
  organizations: { file: string; data: unknown };
  people: Array<{ file: string; data: unknown }>;
}

/** Options for findMentions. */
export interface FindMentionsOptions {
  /** YYYY-MM-DD reference date for people's roles (the article's date); default: latest role */
  at?: string;
}

/** The query interface built from the data files. */
export interface Gazetteer {
  /** The country with this ISO alpha-2 code (any case), or null. */
  country(code: string): CountryInfo | null;
  /** Resolves a whole query string (English or Vietnamese name, alias, ISO alpha-2/alpha-3) to a country. */
  resolveCountryName(q: string): CountryInfo | null;
  /** Nearest countries by edit distance on folded names and aliases ("belarys" → Belarus). */
  suggestCountries(q: string, n?: number): CountryInfo[];
  /**
   * The language a country name is written in: "vi" for a Vietnamese name or alias ("Trung Quốc",
   * "trung quoc", "Nga"), "en" for an English one ("China"), null when it is both ("Belarus"),
   * a code, or not a name.
   */
  nameLanguage(q: string): "en" | "vi" | null;
  /** Every country, sorted by English name. */
  allCountries(): CountryInfo[];
  /** Country, organization, person and place mentions in `text`, offsets into `text` as given. */
  findMentions(text: string, opts?: FindMentionsOptions): Mention[];
  /** The role a person held at `at` (YYYY-MM-DD), or the nearest role in time; null for an unknown id. */
  personRole(personId: string, at?: string): PersonRole | null;
  /** Who held an office of a country on a day ("JP", "defense_minister", "2024-07-08"), when exactly one person did. */
  officeHolder(country: string, role: string, at: string): string | null;
  /** The person with this id, or null. */
  person(personId: string): Person | null;
  /** For a metonym or place mention, the place it names; null for other mentions. */
  placeOf(mention: Mention): PlaceInfo | null;
  /** Counts for reports and tests. */
  stats(): { countries: number; aliases: number; organizations: number; people: number; roles: number; patterns: number; ambiguous: string[] };
}

const DATA_DIR = fileURLToPath(new URL("./data/", import.meta.url));

/** Reads the data files of `dir` (countries.json, country-aliases.json, organizations.json, people*.json). */
export function readGazetteerData(dir: string = DATA_DIR): GazetteerData {
  const read = (file: string): { file: string; data: unknown } => {
    const path = join(dir, file);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      throw new Error(`gazetteer: cannot read ${file} in ${dir}: ${(err as Error).message}`);
    }
    try {
      return { file, data: JSON.parse(text) };
    } catch (err) {
      throw new Error(`gazetteer: ${file}: not valid JSON: ${(err as Error).message}`);
    }
  };
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new Error(`gazetteer: cannot read the data folder ${dir}: ${(err as Error).message}`);
  }
  const peopleFiles = names
    .filter((f) => /^people(-[a-z0-9-]+)?\.json$/.test(f))
    .sort();
  return {
    countries: read("countries.json"),
    aliases: read("country-aliases.json"),
    organizations: read("organizations.json"),
    people: peopleFiles.map(read),
  };
}

let cached: Gazetteer | null = null;

/** The gazetteer of the project's data files, built once per process. */
export function loadGazetteer(): Gazetteer {
  cached ??= createGazetteer(readGazetteerData());
  return cached;
}

/** Normalizes a query or name for lookup: folded, punctuation to spaces, collapsed. */
function keyOf(s: string): string {
  return fold(s)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const nameOf = (e: NameEntry): string => (typeof e === "string" ? e : e.name);

/** Builds a gazetteer from already-read data; validates every file first. */
export function createGazetteer(raw: GazetteerData): Gazetteer {
  const countriesFile: CountriesFile = parseDataFile(CountriesFileSchema, raw.countries.data, raw.countries.file);
  const aliasesFile: CountryAliasesFile = parseDataFile(CountryAliasesFileSchema, raw.aliases.data, raw.aliases.file);
  const orgsFile: OrganizationsFile = parseDataFile(OrganizationsFileSchema, raw.organizations.data, raw.organizations.file);
  const peopleFiles: PeopleFile[] = raw.people.map((p) => parseDataFile(PeopleFileSchema, p.data, p.file));

  const byCode = new Map<string, CountryInfo>();
  const generated = new Map<string, CountriesFile["countries"][number]>();
  for (const c of countriesFile.countries) {
    const cur = aliasesFile.countries[c.code];
    byCode.set(c.code, {
      code: c.code,
      alpha3: c.alpha3,
      en: cur?.en ?? c.en[0]!,
      vi: cur?.vi ?? c.vi[0]!,
      demonymEn: cur?.demonymEn ?? (c.demonymEn.split(/,| or /)[0]!.trim() || c.en[0]!),
    });
    generated.set(c.code, c);
  }
  for (const code of Object.keys(aliasesFile.countries)) {
    if (!byCode.has(code)) throw new Error(`gazetteer: ${raw.aliases.file}: countries.${code}: not a country in ${raw.countries.file}`);
  }

  // Whole-string lookup for resolveCountryName. Curated names go in first and win over
  // generated ones; a generated name shared by two countries ("Congo") is left out.
  const resolveIndex = new Map<string, string>();
  const suggestKeys: Array<{ key: string; code: string }> = [];
  let aliasCount = 0;
  const nameLangs = new Map<string, Set<"en" | "vi">>();
  const addLang = (names: readonly string[], lang: "en" | "vi"): void => {
    for (const n of names) {
      const k = keyOf(n);
      if (!k) continue;
      const set = nameLangs.get(k) ?? new Set();
      set.add(lang);
      nameLangs.set(k, set);
    }
  };
  const addResolve = (name: string, code: string, curated: boolean): void => {
    const k = keyOf(name);
    if (!k) return;
    const prev = resolveIndex.get(k);
    if (prev === undefined) resolveIndex.set(k, code);
    else if (prev !== code && !curated) return;
    if (k.length >= 3) suggestKeys.push({ key: k, code });
  };
  for (const [code, cur] of Object.entries(aliasesFile.countries)) {
    const info = byCode.get(code)!;
    for (const n of [info.en, info.vi, info.demonymEn, ...(cur.aliasesEn ?? []).map(nameOf), ...(cur.aliasesVi ?? []).map(nameOf), ...(cur.demonyms ?? []).map(nameOf)]) {
      addResolve(n, code, true);
    }
    addLang([info.en, info.demonymEn, ...(cur.aliasesEn ?? []).map(nameOf), ...(cur.demonyms ?? []).map(nameOf)], "en");
    addLang([info.vi, ...(cur.aliasesVi ?? []).map(nameOf)], "vi");
    // Capitals and short forms do not resolve (a city is not a country) but make good suggestions:
    // "moscow" → Russia?, "hàn" → South Korea?
    for (const n of [...(cur.metonyms ?? []).map(nameOf), ...(cur.short ?? [])]) {
      const k = keyOf(n).replace(/^the /, "");
      if (k.length >= 3) suggestKeys.push({ key: k, code });
    }
    aliasCount += (cur.aliasesEn?.length ?? 0) + (cur.aliasesVi?.length ?? 0) + (cur.demonyms?.length ?? 0) + (cur.metonyms?.length ?? 0) + (cur.short?.length ?? 0);
  }
  const genCount = new Map<string, Set<string>>();
  for (const c of countriesFile.countries) {
    for (const n of [...c.en, ...c.vi]) {
      const k = keyOf(n);
      if (!genCount.has(k)) genCount.set(k, new Set());
      genCount.get(k)!.add(c.code);
    }
  }
  for (const c of countriesFile.countries) {
    const excluded = new Set((aliasesFile.countries[c.code]?.exclude ?? []).map(keyOf));
    const info = byCode.get(c.code)!;
    addLang([info.en, ...c.en], "en");
    addLang([info.vi, ...c.vi], "vi");
    for (const n of [info.en, info.vi, ...c.en, ...c.vi]) {
      const k = keyOf(n);
      if (excluded.has(k) || (genCount.get(k)?.size ?? 0) > 1) continue;
      addResolve(n, c.code, false);
    }
    if (c.independent) for (const d of c.demonymEn.split(/,| or /)) if (d.trim()) addResolve(d, c.code, false);
  }

  const all = [...byCode.values()].sort((a, b) => a.en.localeCompare(b.en));

  const country = (code: string): CountryInfo | null => byCode.get(code.trim().toUpperCase()) ?? null;

  const resolveCountryName = (q: string): CountryInfo | null => {
    const k = keyOf(q);
    if (!k) return null;
    const hit = resolveIndex.get(k) ?? (k.startsWith("the ") ? resolveIndex.get(k.slice(4)) : undefined);
    if (hit) return byCode.get(hit) ?? null;
    // Codes: only a query that is exactly the code, so "in"/"is" never resolve from text.
    const compact = k.replace(/ /g, "");
    if (/^[a-z]{2}$/.test(compact) && compact === k) return byCode.get(compact.toUpperCase()) ?? null;
    if (/^[a-z]{3}$/.test(compact) && compact === k) return alpha3.get(compact.toUpperCase()) ?? null;
    return null;
  };
  const alpha3 = new Map(all.map((c) => [c.alpha3, c]));

  const nameLanguage = (q: string): "en" | "vi" | null => {
    const k = keyOf(q);
    const set = nameLangs.get(k) ?? (k.startsWith("the ") ? nameLangs.get(k.slice(4)) : undefined);
    return set?.size === 1 ? [...set][0]! : null;
  };

  const suggestCountries = (q: string, n = 3): CountryInfo[] => {
    const k = keyOf(q);
    if (!k) return [];
    // Short queries tolerate fewer edits, or "nk" would suggest half the world.
    const limit = k.length <= 3 ? 1 : k.length <= 5 ? 2 : Math.ceil(k.length * 0.4);
    const best = new Map<string, number>();
    for (const s of suggestKeys) {
      // A whole word of a longer name ("korea" in "north korea") is a near miss.
      let d = k.length >= 4 && s.key.length > k.length && ` ${s.key} `.includes(` ${k} `) ? 1 : Infinity;
      if (Math.abs(s.key.length - k.length) <= limit) d = Math.min(d, editDistance(k, s.key, limit));
      if (d <= limit && d < (best.get(s.code) ?? Infinity)) best.set(s.code, d);
    }
    return [...best.entries()]
      .sort((a, b) => a[1] - b[1] || byCode.get(a[0])!.en.localeCompare(byCode.get(b[0])!.en))
      .slice(0, n)
      .map(([code]) => byCode.get(code)!);
  };

  // --- people -------------------------------------------------------------------------------
  const people = new Map<string, PersonEntry>();
  let roleCount = 0;
  for (const [i, pf] of peopleFiles.entries()) {
    for (const p of pf.people) {
      if (people.has(p.id)) throw new Error(`gazetteer: ${raw.people[i]!.file}: people (id "${p.id}"): duplicate id`);
      people.set(p.id, p);
      roleCount += p.roles.length;
    }
  }
  const offices = new Map<string, { id: string; from: string; to: string | null }[]>();
  for (const p of people.values())
    for (const r of p.roles) {
      if (r.country === null) continue;
      const k = `${r.country}|${r.role}`;
      const list = offices.get(k) ?? [];
      list.push({ id: p.id, from: r.from, to: r.to });
      offices.set(k, list);
    }
  const officeHolder = (country: string, role: string, at: string): string | null => {
    const holders = (offices.get(`${country}|${role}`) ?? []).filter((h) => h.from <= at && (h.to === null || at <= h.to));
    return holders.length === 1 ? holders[0]!.id : null;
  };
  const personRole = (personId: string, at?: string): PersonRole | null => {
    const p = people.get(personId);
    return p ? roleAt(p, at) : null;
  };

  // --- mentions -----------------------------------------------------------------------------
  const specs = buildPatternSpecs(countriesFile, aliasesFile, orgsFile, [...people.values()], genCount);
  const matcher: Matcher = buildMatcher(specs);
  const placeById = new Map<string, PlaceInfo>();
  for (const s of specs) {
    if (s.via === "metonym" || s.kind === "place") {
      placeById.set(`${s.entityId}|${tokenize(s.name).map((t) => tokenKey(s.name, t)).join(" ")}`, {
        name: s.name,
        country: s.kind === "place" ? null : s.entityId,
        kind: s.kind === "place" ? "place" : s.seat ? "seat" : "capital",
      });
    }
  }

  const contextual: Contextual[] = Object.entries(aliasesFile.contextualAcronyms ?? {}).map(([acronym, countries]) => ({
    acronym,
    countries,
    re: new RegExp(`(?<![\\p{L}\\p{N}])${acronym}(?![\\p{L}\\p{N}])`, "gu"),
  }));

  return {
    country,
    resolveCountryName,
    suggestCountries,
    nameLanguage,
    allCountries: () => all.slice(),
    findMentions: (text, opts) =>
      withContextualAcronyms(
        text,
        matcher.find(text, (personId) => {
          const p = people.get(personId);
          return p ? roleAt(p, opts?.at) : null;
        }),
        contextual,
      ),
    personRole,
    officeHolder,
    person: (id) => people.get(id) ?? null,
    placeOf: (m) => (m.via === "metonym" || m.kind === "place" ? (placeById.get(`${m.entityId}|${m.key}`) ?? null) : null),
    stats: () => ({
      countries: byCode.size,
      aliases: aliasCount,
      organizations: orgsFile.organizations.length,
      people: people.size,
      roles: roleCount,
      patterns: specs.length,
      ambiguous: matcher.ambiguous.slice(),
    }),
  };
}

/**
 * The role a person held at `at`; outside all roles the nearest one in time; without `at` the
 * latest role. Overlapping roles (president who also chairs the military commission): the one
 * listed first wins.
 */
function roleAt(p: PersonEntry, at?: string): PersonRole | null {
  const pick = (r: PersonEntry["roles"][number]): PersonRole => ({ country: r.country, role: r.role, title_en: r.title_en });
  if (!at) {
    const open = p.roles.find((r) => r.to === null);
    if (open) return pick(open);
    const latest = [...p.roles].sort((a, b) => (b.to ?? "9999").localeCompare(a.to ?? "9999"))[0];
    return latest ? pick(latest) : null;
  }
  const inside = p.roles.find((r) => r.from <= at && (r.to === null || at <= r.to));
  if (inside) return pick(inside);
  let best: PersonEntry["roles"][number] | undefined;
  let bestGap = Infinity;
  for (const r of p.roles) {
    const gap = at < r.from ? daysBetween(at, r.from) : daysBetween(r.to ?? at, at);
    if (gap < bestGap) {
      bestGap = gap;
      best = r;
    }
  }
  return best ? pick(best) : null;
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(b) - Date.parse(a)) / 86_400_000;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transposition), stops past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return rowMin;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** Turns the data files into the flat list of patterns the matcher indexes. */
function buildPatternSpecs(
  countriesFile: CountriesFile,
  aliasesFile: CountryAliasesFile,
  orgsFile: OrganizationsFile,
  people: PersonEntry[],
  genCount: Map<string, Set<string>>,
): PatternSpec[] {
  const specs: PatternSpec[] = [];
  const add = (e: NameEntry, base: Omit<PatternSpec, "name">): void => {
    if (typeof e === "string") specs.push({ ...base, name: e });
    else specs.push({ ...base, ...e, name: e.name });
  };
  const capitalExclude = new Set(aliasesFile.capitalExclude.map(keyOf));
  for (const c of countriesFile.countries) {
    const cur = aliasesFile.countries[c.code];
    const excluded = new Set((cur?.exclude ?? []).map(keyOf));
    // Curated entries replace a generated name written the same way; one that differs in its
    // diacritics ("Chilê" beside "Chile") does not, or accented text could not write it plainly.
    const curatedKeys = new Set([...(cur?.aliasesVi ?? []), ...(cur?.aliasesEn ?? [])].map((e) => nameOf(e).normalize("NFC").toLowerCase()));
    const base = { kind: "country" as const, entityId: c.code };
    // Generated names: plain English/Vietnamese names, skipped when curated with guards,
    // excluded, ambiguous between countries, or a bare two-letter code.
    for (const n of [...(cur?.en ? [cur.en] : []), ...c.en, ...c.vi]) {
      const k = keyOf(n);
      if (excluded.has(k) || curatedKeys.has(n.normalize("NFC").toLowerCase()) || (genCount.get(k)?.size ?? 0) > 1 || /^[a-z]{1,3}$/.test(k)) continue;
      // English proper names are capitalised; lower-case "turkey", "chad", "china" are words.
      add(c.en.includes(n) && !k.includes(" ") ? { name: n, cap: true } : n, { ...base, via: "name" });
    }
    if (cur?.vi && !curatedKeys.has(cur.vi.normalize("NFC").toLowerCase())) add(cur.vi, { ...base, via: "name" });
    for (const e of [...(cur?.aliasesEn ?? []), ...(cur?.aliasesVi ?? [])]) {
      if (keyOf(nameOf(e)).length <= 3 && typeof e === "string" && !/[.]/.test(e) && e === e.toUpperCase()) {
        // Upper-case acronyms ("PRC", "DPRK", "UAE") only match upper case.
        add({ name: e, upper: true }, { ...base, via: "name" });
      } else add(e, { ...base, via: "name" });
    }
    for (const s of cur?.short ?? []) add(s, { ...base, via: "short", pairOnly: true });
    // Demonyms are English proper adjectives: always capitalised.
    const demonyms = new Set<string>();
    // Territories share their state's demonym ("American" for Guam): only independent countries' count.
    if (c.independent) for (const d of c.demonymEn.split(/,| or /)) if (d.trim()) demonyms.add(d.trim());
    for (const d of demonyms) if (!excluded.has(keyOf(d))) add({ name: d, cap: true }, { ...base, via: "demonym" });
    for (const d of cur?.demonyms ?? []) add(typeof d === "string" ? { name: d, cap: true } : d, { ...base, via: "demonym" });
    if (c.independent) {
      for (const cap of c.capitals) {
        if (capitalExclude.has(keyOf(cap)) || keyOf(cap) === keyOf(c.en[0]!)) continue;
        add({ name: cap, cap: true }, { ...base, via: "metonym" });
      }
    }
    for (const m of cur?.metonyms ?? []) {
      const name = nameOf(m);
      const seat = /kremlin|krem|white house|nhà trắng|lầu năm góc|pentagon|élysée|elysee|downing|nhà xanh|blue house|yongsan|trung nam hải|zhongnanhai|malaca/i.test(name);
      add(typeof m === "string" ? { name: m, cap: !/^the /.test(m) } : m, { ...base, via: "metonym", seat });
    }
  }
  // A one-word org or place name is a proper noun: "Dawn" the paper, not "the dawn"; an acronym
  // only in upper case ("RT", "AU").
  const properNoun = (e: NameEntry): NameEntry => {
    if (typeof e !== "string" || /[\s\-–]/.test(e.trim())) return e;
    return e === e.toUpperCase() ? { name: e, upper: true } : { name: e, cap: true };
  };
  for (const p of aliasesFile.places.entries) {
    for (const n of p.names) add(properNoun(n), { kind: "place", entityId: p.id, via: "name" });
  }
  for (const o of orgsFile.organizations) {
    for (const n of o.names) add(properNoun(n), { kind: "org", entityId: o.id, via: "org" });
  }
  for (const p of people) {
    for (const n of [...p.names.en, ...p.names.vi, ...(p.names.other ?? []), ...p.surnameKeys]) {
      specs.push({ name: n, kind: "person", entityId: p.id, via: "person", cap: true });
    }
  }
  return specs;
}

// ============================================================================================
// Matcher: one index from the first folded token to the patterns starting with it; the text is
// tokenized once (folding char by char through a cache, so NFD input keeps its own offsets).
// ============================================================================================

/** What a mention names. */
export type MentionKind = "country" | "org" | "person" | "place";
/** How a mention was recognised. */
export type MentionVia = "name" | "short" | "metonym" | "demonym" | "person" | "org";

/** One entity mention; `start`/`end` are offsets into the text given to findMentions. */
export interface Mention {
  kind: MentionKind;
  start: number;
  end: number;
  text: string;
  /** ISO2 of the country the mention places (for a person: the country of their role at `at`); null for orgs and places */
  country: string | null;
  /** ISO2 for countries, organization id, person id, place id */
  entityId: string;
  /** for persons: the role held at `at` */
  role?: Role;
  /** for persons: the English title of that role ("Defense Minister") */
  title_en?: string;
  via: MentionVia;
  /** folded pattern matched (which alias, for placeOf and traces) */
  key: string;
}

/** A name to index, with its entity and guards (see NameEntrySchema). */
interface PatternSpec {
  name: string;
  kind: MentionKind;
  entityId: string;
  via: MentionVia;
  cap?: boolean;
  upper?: boolean;
  guard?: boolean;
  notInitial?: boolean;
  notBefore?: string[];
  notAfter?: string[];
  /** short form: only inside a pair form ("Nga – Trung", "Việt-Lào") */
  pairOnly?: boolean;
  /** a seat of power rather than a capital city ("Điện Kremlin", "Nhà Trắng") */
  seat?: boolean;
}

interface Pattern {
  keys: string[];
  hashes: number[];
  sigs: number[];
  /** per gap between tokens i and i+1: the separator the name itself uses */
  gapHyphen: boolean[];
  gapDot: boolean[];
  key: string;
  spec: PatternSpec;
  priority: number;
}

interface Token {
  start: number;
  end: number;
  /** FNV-1a hash of the folded token; the folded string itself is built only when needed (tokenKey) */
  h: number;
  /** the diacritics of the token as a bit set, so "Hòa" and "Hoà" agree; 0 for unaccented */
  sig: number;
  cap: boolean;
  upper: boolean;
}

interface Matcher {
  /** names left out because two entities of one kind share them */
  ambiguous: string[];
  find(text: string, roleOf: (personId: string) => PersonRole | null): Mention[];
}

// Per UTF-16 code unit, filled lazily (NFD decomposition once per distinct char): whether it is part
// of a word, its folded base letters ("" for a combining mark), the diacritics it carries as a bit
// set, and whether it is an upper-case letter. Dense tables keep the per-char work to lookups.
const CH_UNKNOWN = 0;
const CH_GAP = 1;
const CH_WORD = 2;
let chState: Uint8Array | null = null;
let chBase: string[] = [];
/** the folded base as one char code; -1 for a combining mark (no base), -2 for a base of several chars */
let chBaseCode: Int32Array = new Int32Array(0);
let chMarks: Uint32Array = new Uint32Array(0);
let chUpper: Uint8Array = new Uint8Array(0);
let chLower: Uint8Array = new Uint8Array(0);
const markBits = new Map<string, number>();
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
const MARK_RE = /\p{M}/u;

function markBit(mark: string): number {
  let b = markBits.get(mark);
  if (b === undefined) {
    b = 1 << Math.min(markBits.size, 30);
    markBits.set(mark, b);
  }
  return b;
}

function classify(code: number): void {
  if (!chState) {
    chState = new Uint8Array(65536);
    chBase = new Array<string>(65536).fill("");
    chBaseCode = new Int32Array(65536);
    chMarks = new Uint32Array(65536);
    chUpper = new Uint8Array(65536);
    chLower = new Uint8Array(65536);
  }
  const ch = String.fromCharCode(code);
  if (!WORD_RE.test(ch)) {
    chState[code] = CH_GAP;
    return;
  }
  chState[code] = CH_WORD;
  let base = "";
  let marks = 0;
  for (const c of ch.normalize("NFD")) {
    if (MARK_RE.test(c)) marks |= markBit(c);
    else base += c;
  }
  if (ch === "đ" || ch === "Đ") {
    base = "d";
    marks = markBit("đ");
  }
  chBase[code] = base.toLowerCase();
  chBaseCode[code] = base.length === 0 ? -1 : base.length === 1 ? chBase[code]!.charCodeAt(0) : -2;
  chMarks[code] = marks;
  chUpper[code] = ch !== ch.toLowerCase() ? 1 : 0;
  chLower[code] = ch !== ch.toUpperCase() ? 1 : 0;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (chState === null || chState[c] === CH_UNKNOWN) classify(c);
    if (chState![c] !== CH_WORD) {
      i++;
      continue;
    }
    const start = i;
    let h = 0x811c9dc5;
    let sig = 0;
    let upper = true;
    let hasLetter = false;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (chState![c] === CH_UNKNOWN) classify(c);
      if (chState![c] !== CH_WORD) break;
      const b = chBaseCode[c]!;
      if (b >= 0) h = Math.imul(h ^ b, 0x01000193);
      else if (b === -2) {
        const str = chBase[c]!;
        for (let k = 0; k < str.length; k++) h = Math.imul(h ^ str.charCodeAt(k), 0x01000193);
      }
      sig |= chMarks[c]!;
      if (chUpper[c]) hasLetter = true;
      else if (chLower[c]) {
        hasLetter = true;
        upper = false;
      }
    }
    out.push({ start, end: i, h, sig, cap: chUpper[text.charCodeAt(start)] === 1, upper: upper && hasLetter });
  }
  return out;
}

/** The folded string of a token ("Quốc" → "quoc"). */
function tokenKey(text: string, t: Token): string {
  let key = "";
  for (let j = t.start; j < t.end; j++) key += chBase[text.charCodeAt(j)];
  return key;
}

/** Folded words that may open a sentence right before a guarded short name ("Theo Nga", "Với Mỹ"). */
const SENTENCE_STARTERS = new Set(
  "theo voi tai va khi neu phia ca con nhung ngoai sau truoc trong o tu den tuy du hom nam thang ngay nuoc chinh dai giua rieng cung ngay lanh ben ong ba tong thu bo quan".split(" "),
);

const GAP_OK = /^[ \t\u00a0\u2009\u202f\-\u2010\u2011\u2012\u2013\u2014'’.]{1,3}$/;
const GAP_HYPHEN = /[-\u2010\u2011\u2012\u2013\u2014]/;
const PAIR_GAP = /^\s*[-\u2010\u2011\u2012\u2013\u2014/]\s*$/;
const SENTENCE_GAP = /[.!?:;\n"“”«»()[\]…]/;
const KIND_PRIORITY: Record<MentionKind, number> = { org: 40, place: 30, person: 20, country: 10 };
const VIA_PRIORITY: Record<MentionVia, number> = { org: 0, person: 0, name: 4, metonym: 3, demonym: 2, short: 1 };

function compilePattern(spec: PatternSpec): Pattern | null {
  const toks = tokenize(spec.name);
  if (toks.length === 0) return null;
  const gapHyphen: boolean[] = [];
  const gapDot: boolean[] = [];
  for (let i = 0; i + 1 < toks.length; i++) {
    const gap = spec.name.slice(toks[i]!.end, toks[i + 1]!.start);
    gapHyphen.push(GAP_HYPHEN.test(gap));
    gapDot.push(gap.includes("."));
  }
  return {
    keys: toks.map((t) => tokenKey(spec.name, t)),
    hashes: toks.map((t) => t.h),
    sigs: toks.map((t) => t.sig),
    gapHyphen,
    gapDot,
    key: toks.map((t) => tokenKey(spec.name, t)).join(" "),
    spec,
    priority: KIND_PRIORITY[spec.kind] + VIA_PRIORITY[spec.via],
  };
}

function buildMatcher(specs: PatternSpec[]): Matcher {
  // Identical names for two entities of the same kind are ambiguous: neither is matched.
  const byKey = new Map<string, Pattern[]>();
  for (const s of specs) {
    const p = compilePattern(s);
    if (!p) continue;
    const k = `${s.kind}|${p.key}|${p.sigs.join(",")}`;
    const list = byKey.get(k) ?? [];
    if (!list.some((q) => q.spec.entityId === s.entityId && q.spec.via === s.via && JSON.stringify(q.spec) === JSON.stringify(s))) list.push(p);
    byKey.set(k, list);
  }
  const index = new Map<number, Pattern[]>();
  const ambiguous: string[] = [];
  for (const list of byKey.values()) {
    const entities = new Set(list.map((p) => p.spec.entityId));
    if (entities.size > 1) {
      ambiguous.push(`${list[0]!.spec.kind}:${list[0]!.spec.name} (${[...entities].join(", ")})`);
      continue;
    }
    for (const p of list) {
      const first = p.hashes[0]!;
      const arr = index.get(first) ?? [];
      arr.push(p);
      index.set(first, arr);
    }
  }
  for (const arr of index.values()) arr.sort((a, b) => b.keys.length - a.keys.length || b.priority - a.priority);

  const sentenceInitial = (text: string, toks: Token[], i: number): boolean =>
    i === 0 || SENTENCE_GAP.test(text.slice(toks[i - 1]!.end, toks[i]!.start));
  const spaceGap = (text: string, a: Token, b: Token): boolean => /^[ \t\u00a0]+$/.test(text.slice(a.end, b.start));

  const matchAt = (text: string, toks: Token[], i: number, p: Pattern, accented: boolean): number => {
    const n = p.keys.length;
    if (i + n > toks.length) return -1;
    for (let j = 0; j < n; j++) {
      const t = toks[i + j]!;
      if (t.h !== p.hashes[j]) return -1;
      // In accented text the diacritics must agree ("Lào" is not "lao động", "Nga" not "ngã");
      // in text written without them ("Trung Quoc") the bare letters are enough.
      if (t.sig !== p.sigs[j] && (t.sig !== 0 || accented)) return -1;
      if (j > 0) {
        const gap = text.slice(toks[i + j - 1]!.end, t.start);
        if (!GAP_OK.test(gap)) return -1;
        if (gap.includes(".") && !p.gapDot[j - 1]) return -1;
        // "Mát-xcơ-va" needs its hyphens ("mát xcơ va" is not the city); romanised personal names
        // come both ways ("Moon Jae-in", "Moon Jae In").
        if (p.gapHyphen[j - 1] && p.spec.kind !== "person" && !GAP_HYPHEN.test(gap)) return -1;
      }
    }
    // Hashes matched; rule out a collision before trusting them.
    for (let j = 0; j < n; j++) if (tokenKey(text, toks[i + j]!) !== p.keys[j]) return -1;
    const s = p.spec;
    const first = toks[i]!;
    const last = toks[i + n - 1]!;
    if (s.upper) {
      for (let j = 0; j < n; j++) if (!toks[i + j]!.upper) return -1;
    }
    if (s.cap && !first.cap) return -1;
    if (s.guard && !first.upper) {
      // After a capitalised word the short name is part of a personal name ("Nguyễn Thị Nga",
      // byline "Minh Anh"), unless that word only starts the sentence ("Theo Nga, …").
      if (i > 0) {
        const prev = toks[i - 1]!;
        if (prev.cap && spaceGap(text, prev, first)) {
          if (!sentenceInitial(text, toks, i - 1) || !SENTENCE_STARTERS.has(tokenKey(text, prev))) return -1;
        }
      }
      // Two capitalised syllables opening a sentence are a name too ("Đức Anh", "Nga Thuý").
      const next = toks[i + n];
      if (next && next.cap && !next.upper && spaceGap(text, last, next) && sentenceInitial(text, toks, i)) return -1;
    }
    if (s.notInitial && sentenceInitial(text, toks, i)) return -1;
    if (s.notAfter && i > 0 && spaceGap(text, toks[i - 1]!, first) && s.notAfter.includes(tokenKey(text, toks[i - 1]!))) return -1;
    if (s.notBefore && i + n < toks.length && spaceGap(text, last, toks[i + n]!) && s.notBefore.includes(tokenKey(text, toks[i + n]!))) return -1;
    return n;
  };

  return {
    ambiguous,
    find(text, roleOf) {
      const toks = tokenize(text);
      let marked = 0;
      for (const t of toks) if (t.sig !== 0) marked++;
      const accented = marked * 20 >= toks.length && marked > 0;
      type Hit = { i: number; n: number; p: Pattern };
      const hits: Hit[] = [];
      for (let i = 0; i < toks.length; ) {
        const cands = index.get(toks[i]!.h);
        let best: Hit | null = null;
        if (cands) {
          for (const p of cands) {
            if (best && p.keys.length < best.n) break;
            const n = matchAt(text, toks, i, p, accented);
            if (n > 0 && (!best || n > best.n || (n === best.n && p.priority > best.p.priority))) best = { i, n, p };
          }
        }
        if (best) {
          hits.push(best);
          i += best.n;
        } else i++;
      }
      // Short forms stand only inside pair forms: joined by a dash or slash to another country.
      const isCountry = (h: Hit | undefined): boolean => !!h && h.p.spec.kind === "country";
      const pairGap = (a: Hit, b: Hit): boolean =>
        b.i === a.i + a.n && PAIR_GAP.test(text.slice(toks[a.i + a.n - 1]!.end, toks[b.i]!.start));
      const kept = hits.filter((h, k) => {
        if (!h.p.spec.pairOnly) return true;
        const prev = hits[k - 1];
        const next = hits[k + 1];
        return (isCountry(prev) && pairGap(prev!, h)) || (isCountry(next) && pairGap(h, next!));
      });
      // A surname joined by a hyphen to a capitalised word that names nothing is part of a
      // compound surname ("Bhutto-Zardari" is not Zardari); "the Biden-Xi summit" keeps both.
      const covered = new Set(kept.map((h) => h.i + h.n - 1));
      const compound = (h: Hit): boolean => {
        if (h.p.spec.kind !== "person" || h.i === 0) return false;
        const prev = toks[h.i - 1]!;
        return prev.cap && !covered.has(h.i - 1) && /^[-\u2010\u2011]$/.test(text.slice(prev.end, toks[h.i]!.start));
      };
      const out: Mention[] = [];
      for (const h of kept) {
        if (compound(h)) continue;
        const start = toks[h.i]!.start;
        const end = toks[h.i + h.n - 1]!.end;
        const s = h.p.spec;
        const m: Mention = {
          kind: s.kind,
          start,
          end,
          text: text.slice(start, end),
          country: s.kind === "country" ? s.entityId : null,
          entityId: s.entityId,
          via: s.via,
          key: h.p.key,
        };
        if (s.kind === "person") {
          const r = roleOf(s.entityId);
          if (r) {
            m.country = r.country;
            m.role = r.role;
            m.title_en = r.title_en;
          }
        }
        out.push(m);
      }
      return out;
    },
  };
}

/**
 * Adds the contextual acronyms of a text ("IAF"): each is read as the one country of its list
 * that the text itself names (by any other mention), and is left out when it names none or
 * several of them. Mentions stay in text order.
 */
interface Contextual {
  acronym: string;
  countries: string[];
  re: RegExp;
}

function withContextualAcronyms(text: string, found: Mention[], contextual: Contextual[]): Mention[] {
  if (!contextual.length) return found;
  const named = new Set(found.filter((m) => m.kind === "country" && m.country).map((m) => m.country!));
  const added: Mention[] = [];
  for (const { acronym, countries, re } of contextual) {
    const inText = countries.filter((c) => named.has(c));
    if (inText.length !== 1 || !text.includes(acronym)) continue;
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + acronym.length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      added.push({ kind: "country", start, end, text: acronym, country: inText[0]!, entityId: inText[0]!, via: "demonym", key: acronym.toLowerCase() });
    }
  }
  return added.length ? [...found, ...added].sort((a, b) => a.start - b.start) : found;
}
