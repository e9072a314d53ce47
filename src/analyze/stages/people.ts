/**
 * People the gazetteer does not know, read from how the press introduces an official: a title,
 * the country, a capitalized name — "Japanese Defense Minister Minoru Kihara", "Philippine Defense
 * Secretary Gilberto Teodoro", "Bộ trưởng Quốc phòng Philippines Gilberto Teodoro". They become
 * person mentions with an ad-hoc id (`adhoc:<country>:<title>:<name>`), so a summary can name who
 * acted instead of "Japanese officials". The country must be written in the introduction itself.
 */
import type { LangRules } from "../lang/rules.ts";
import { startsWord } from "../lexicon.ts";
import type { EntityMention } from "../types.ts";

export const ADHOC = "adhoc:";

/** Parses an ad-hoc person id. */
export function adhocPerson(id: string): { country: string; title: string; name: string } | null {
  if (!id.startsWith(ADHOC)) return null;
  const [country, title, ...name] = id.slice(ADHOC.length).split(":");
  return country && name.length ? { country, title: title ?? "", name: name.join(":") } : null;
}

/** "India's Defence Secretary …": the country stands right before the title, in the possessive. */
const possessive = (text: string, from: number, to: number): boolean => from >= 0 && from <= to && /^['’]s\s$/u.test(text.slice(from, to));

/**
 * Ad-hoc person mentions of one sentence (offsets into the analysis text), for titles the
 * language's rules know, where the gazetteer found no person and a country stands by the title.
 */
export function titledPeople(text: string, offset: number, known: readonly EntityMention[], rules: LangRules): EntityMention[] {
  const out: EntityMention[] = [];
  const re = rules.personTitle;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m.groups?.name;
    // the title starts a word (checked here: a leading lookbehind would stop the engine skipping ahead)
    if (!raw || !startsWord(text, m.index)) continue;
    // a sentence's full stop after the name is no part of it ("… Elmer Schialer."), an initial's is ("Jr.")
    let name = /\p{L}{3}\.$/u.test(raw) ? raw.slice(0, -1) : raw;
    let nameStart = offset + m.index + m[0].length - raw.length;
    const nameEnd = nameStart + name.length;
    // "Bộ trưởng Quốc phòng Chile Tomás Arrieta": the country between title and name is no part of the name
    // ("Đại sứ Nga tại Seoul …": a capital there is where the title serves, so the title is not read)
    const lead = known.find((k) => k.kind === "country" && k.via !== "metonym" && k.start === nameStart && k.end < nameEnd);
    if (lead) {
      const rest = text.slice(lead.end - offset, nameEnd - offset);
      const trimmed = rest.trimStart();
      if (!/^\p{Lu}/u.test(trimmed)) continue;
      nameStart = nameEnd - trimmed.length;
      name = trimmed;
    }
    if (known.some((k) => k.start < nameEnd && nameStart < k.end)) continue;
    if (rules.notAName.test(name)) continue;
    // the country of the title: a country mention inside the introduction, or ending right before it
    const introStart = offset + m.index;
    const country = lead?.country ?? [...known]
      .reverse()
      .find((k) => k.kind !== "person" && k.country && k.end <= nameStart && k.start >= introStart - 30 && (k.end >= introStart - 2 || possessive(text, k.end - offset, m.index)))?.country;
    if (!country) continue;
    const title = rules.titleInEnglish(m.groups?.title ?? "");
    out.push({ kind: "person", start: nameStart, end: nameEnd, text: name, country, entityId: `${ADHOC}${country}:${title}:${name.trim()}`, via: "title" });
  }
  re.lastIndex = 0;
  return out;
}
