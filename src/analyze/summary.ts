/**
 * Stage 6: a readable English sentence for each development, generated only from what was
 * extracted (countries, people and their roles at the event's date, place, type, status, details):
 * "Russian Defense Minister Andrei Belousov visited Beijing and held talks with Chinese Defense
 * Minister Dong Jun." Nothing is copied from the article, so nothing untranslated leaks in.
 */
import type { ArticleDevelopment } from "./types.ts";
import type { GazetteerPort } from "./ports.ts";

interface Side {
  code: string;
  name: string;
  demonym: string;
  people: string[];
}

// Who is named first: leaders, then defense leadership, then the rest (spokespeople last).
const ROLE_RANK: Record<string, number> = {
  head_of_state: 0,
  party_leader: 1,
  head_of_government: 2,
  defense_minister: 3,
  chief_of_general_staff: 4,
  foreign_minister: 5,
  security_council_secretary: 6,
  navy_commander: 7,
  army_commander: 7,
  air_force_commander: 7,
  deputy_defense_minister: 8,
};

function describeSide(code: string, d: ArticleDevelopment, g: GazetteerPort): Side {
  const c = g.country(code);
  const found: { text: string; rank: number }[] = [];
  for (const id of d.actors) {
    const p = g.describePerson(id, d.date.start);
    if (!p || p.country !== code) continue;
    const text = p.title ? `${c?.demonymEn ?? code} ${p.title} ${p.name}` : p.name;
    if (!found.some((f) => f.text === text)) found.push({ text, rank: ROLE_RANK[p.role ?? ""] ?? 9 });
  }
  const people = found.sort((a, b) => a.rank - b.rank).map((f) => f.text);
  return { code, name: c?.en ?? code, demonym: c?.demonymEn ?? code, people };
}

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function who(s: Side): string {
  return s.people.length ? list(s.people.slice(0, 2)) : s.name;
}

function officials(s: Side): string {
  return s.people.length ? list(s.people.slice(0, 2)) : `${s.demonym} officials`;
}

/** The English summary of one development. */
export function summarize(d: ArticleDevelopment, g: GazetteerPort, _lang: "vi" | "en"): string {
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
      s = `${visitor.people[0] ?? visitor.name} ${verb} ${place}`;
      if (host.people.length) s += `${planned ? " and hold" : " and held"} talks with ${list(host.people.slice(0, 2))}`;
      break;
    }
    case "talks": {
      const mode = has("video") ? "held video talks" : has("phone") ? "held phone talks" : "held talks";
      s = `${who(a)} ${planned ? mode.replace("held", "are to hold") : mode} with ${officials(b)}`;
      if (!a.people.length && !b.people.length) s = `${a.name} and ${b.name} ${planned ? "are to hold" : "held"} ${mode.replace("held ", "")} between officials`;
      break;
    }
    case "exercise":
      s = `${a.name} and ${b.name} ${planned ? "are to hold" : announced ? "announced" : "held"} a joint ${service}exercise${named}`;
      break;
    case "patrol":
      s = `${a.name} and ${b.name} ${planned ? "are to conduct" : "conducted"} a joint ${service}patrol${named}`;
      break;
    case "agreement":
      s = `${a.name} and ${b.name} ${planned ? "are to sign" : "signed or issued"} an agreement or joint statement on defense and security ties`;
      break;
    case "arms":
      s = `${a.name} and ${b.name} ${planned ? "plan" : "reported"} arms or military-technical cooperation`;
      break;
    case "training":
      s = `${a.name} and ${b.name} ${planned ? "plan" : "carried out"} military training or education cooperation`;
      break;
    case "pledge":
      s = `${who(a)} pledged support to ${b.name}`;
      break;
  }
  return `${s}.`;
}

function placeIsIn(place: string, code: string, g: GazetteerPort): boolean {
  return g.findMentions(place).some((m) => m.country === code);
}

function titleCase(s: string): string {
  return s.replace(/(^|[\s/-])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
}
