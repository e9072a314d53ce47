/**
 * Stage 6: a readable English sentence for each development, generated only from what was
 * extracted (countries, people and their roles at the event's date, place, type, status, details):
 * "Russian Defense Minister Andrei Belousov visited Beijing and held talks with Chinese Defense
 * Minister Dong Jun." Nothing is copied from the article, so nothing untranslated leaks in.
 */
import type { ArticleDevelopment } from "./types.ts";
import type { GazetteerPort } from "./ports.ts";
import { adhocPerson } from "./stages/people.ts";

interface Side {
  code: string;
  name: string;
  demonym: string;
  people: string[];
}

function describeSide(code: string, d: ArticleDevelopment, g: GazetteerPort): Side {
  const c = g.country(code);
  // People in the order the candidate stage found them acting (nearest the cue first): the
  // summary names who did the act, not the most senior person of the sentence.
  const people: string[] = [];
  for (const id of d.actors) {
    const p = personOf(id, d.date.start, g);
    if (!p || p.country !== code) continue;
    const text = p.title ? `${c?.demonymEn ?? code} ${p.title} ${p.name}` : p.name;
    if (!people.includes(text)) people.push(text);
  }
  return { code, name: c?.en ?? code, demonym: c?.demonymEn ?? code, people };
}

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The person who acted for a side, or its officials: "Japanese officials", never the bare country as a person. */
function who(s: Side): string {
  return s.people[0] ?? `${s.demonym} officials`;
}

/** The English summary of one development. */
export function summarize(dev: ArticleDevelopment, g: GazetteerPort, _lang: "vi" | "en"): string {
  // Who acted comes from the development's best report (its first evidence sentence, see actorsOf).
  // A visit's direction comes from the first report that reads one (a sentence with a visit cue),
  // not from a sentence of talks merged into it.
  const directed = dev.type === "visit" ? dev.evidence.find((e) => e.destination) : undefined;
  const best = directed ?? dev.evidence[0];
  const d: ArticleDevelopment = best?.actors ? { ...dev, actors: actorsOf(dev, best, g), actorCountry: best.actorCountry ?? dev.actorCountry, destination: best.destination ?? (best.actorCountry ? null : dev.destination) } : dev;
  const actorCode = d.actorCountry && d.pair.includes(d.actorCountry) ? d.actorCountry : d.pair[0];
  const otherCode = d.pair[0] === actorCode ? d.pair[1] : d.pair[0];
  const a = describeSide(actorCode, d, g);
  const b = describeSide(otherCode, d, g);
  const planned = d.status === "planned";
  const announced = d.status === "announced";
  const has = (t: string) => d.details.includes(t);
  const service = has("naval") ? "naval " : has("air") ? "air " : "";
  const name = d.details.find((x) => x.startsWith("name:"))?.slice(5);
  const named = name ? ` ("${titleCase(name)}")` : "";
  const doc = d.details.find((x) => x.startsWith("doc:"))?.slice(4);
  const systems = d.details.filter((x) => x.startsWith("system:")).map((x) => x.slice(7));
  let s: string;
  switch (d.type) {
    case "visit": {
      const dest = d.destination && d.pair.includes(d.destination) ? d.destination : otherCode;
      const visitor = dest === actorCode ? b : a;
      const host = dest === actorCode ? a : b;
      const place = d.places.find((p) => g.country(dest) && placeIsIn(p, dest, g)) ?? host.name;
      const kind = has("state") ? "a state visit to" : "visited";
      const verb = planned ? (has("state") ? "is to pay a state visit to" : "is to visit") : kind === "visited" ? "visited" : "paid a state visit to";
      // the visitor is the most senior person named of the visiting side
      // with no person named, the visit is a delegation's: "A US delegation visited Vietnam"
      s = `${visitor.people[0] ?? `${indefinite(visitor.demonym)} delegation`} ${verb} ${place}`;
      if (host.people.length) s += `${planned ? " and hold" : " and held"} talks with ${host.people[0]}`;
      break;
    }
    case "talks": {
      const mode = has("video") ? "held video talks" : has("phone") ? "held phone talks" : "held talks";
      s = `${who(a)} ${planned ? mode.replace("held", a.people.length ? "is to hold" : "are to hold") : mode} with ${who(b)}`;
      if (!a.people.length && !b.people.length) s = `${a.demonym} and ${b.demonym} officials ${planned ? "are to hold" : "held"} ${mode.replace("held ", "")}`;
      break;
    }
    case "exercise":
      s = `${a.name} and ${b.name} ${planned ? "are to hold" : announced ? "announced" : "held"} a joint ${service}exercise${named}`;
      break;
    case "patrol":
      s = `${a.name} and ${b.name} ${planned ? "are to conduct" : "conducted"} a joint ${service}patrol${named}`;
      break;
    case "agreement":
      s = doc
        ? `${a.people[0] && b.people[0] ? `${a.people[0]} and ${b.people[0]}` : `${a.name} and ${b.name}`} ${planned ? "are to sign" : announced ? "announced" : "signed"} ${doc}`
        : `${a.name} and ${b.name} ${planned ? "are to sign" : "signed or issued"} an agreement or joint statement on defense and security ties`;
      break;
    case "arms":
      s = `${a.name} and ${b.name} ${planned ? "plan" : "reported"} arms or military-technical cooperation${systems.length ? ` involving the ${list(systems)}` : ""}`;
      break;
    case "training":
      s = `${a.name} and ${b.name} ${planned ? "plan" : "carried out"} military training or education cooperation`;
      break;
    case "pledge":
      s = a.people.length ? `${a.people[0]} pledged support to ${b.name}` : `${a.name} pledged support to ${b.name}`;
      break;
  }
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** "a US delegation", "an American delegation". */
function indefinite(word: string): string {
  return `${/^[AEIO]/.test(word) ? "an" : "a"} ${word}`;
}

function placeIsIn(place: string, code: string, g: GazetteerPort): boolean {
  return g.findMentions(place).some((m) => m.country === code);
}

export function titleCase(s: string): string {
  return s.replace(/(^|[\s/-])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
}

/**
 * The people of the best report; another report of the development may add a person only for a
 * side the best one names nobody for, and only when it reads the act in the same direction — a
 * person or a direction read in a sentence about another event of the pair never enters.
 */
function actorsOf(dev: ArticleDevelopment, best: ArticleDevelopment["evidence"][number], g: GazetteerPort): string[] {
  const countryOf = (id: string) => personOf(id, dev.date.start, g)?.country ?? null;
  const out = [...(best.actors ?? [])];
  const named = new Set(out.map(countryOf));
  for (const e of dev.evidence.slice(1)) {
    // a visit read the other way round (the host travelling) is another visit
    if (!e.actors || (e.destination && best.destination && e.destination !== best.destination)) continue;
    for (const id of e.actors) {
      const c = countryOf(id);
      if (c && !named.has(c)) out.push(id);
    }
    for (const id of e.actors) named.add(countryOf(id));
  }
  return out;
}

/** A person by id at a date: one the gazetteer knows, or one read from title and country (ad-hoc id). */
export function personOf(id: string, at: string, g: GazetteerPort): { name: string; country: string | null; title: string | null; role?: string | null; nameVi?: string | null } | null {
  const adhoc = adhocPerson(id);
  return adhoc ? { name: adhoc.name, country: adhoc.country, title: adhoc.title || null } : g.describePerson(id, at);
}
