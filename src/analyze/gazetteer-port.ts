/**
 * The gazetteer as the analyzer's stages and the summaries see it (GazetteerPort). Apart from
 * index.ts so that a summary can be written at reply time without loading the analyzer.
 */
import countriesFile from "./data/countries.json" with { type: "json" };
import type { Gazetteer, Mention } from "./gazetteer.ts";
import type { GazetteerPort } from "./ports.ts";

/** Adapts the gazetteer to what the analyzer stages need. */
export function gazetteerPort(g: Gazetteer): GazetteerPort {
  // Places are kept by their English name so summaries and cross-language clustering agree:
  // "Bắc Kinh", "Beijing" and "Trung Nam Hải" all become "Beijing".
  const placeName = (m: Mention): string => {
    const p = g.placeOf(m);
    if (p && (p.kind === "capital" || p.kind === "seat") && p.country) return capitalOf(p.country) ?? p.name;
    return p?.name ?? m.text;
  };
  return {
    findMentions: (text, opts) =>
      g.findMentions(text, opts).map((m) => ({
        kind: m.kind,
        start: m.start,
        end: m.end,
        text: m.text,
        country: m.country,
        entityId: m.kind === "place" || m.via === "metonym" ? placeName(m) : m.entityId,
        ...(m.role ? { role: m.role } : {}),
        via: m.via,
      })),
    country: (code) => g.country(code),
    officeHolder: (country, role, at) => g.officeHolder(country, role, at),
    describePerson(id, at) {
      const p = g.person(id);
      if (!p) return null;
      const role = g.personRole(id, at);
      // a title is said only when the person held it then: "Ursula von der Leyen" in 2024, not "German Defence Minister"
      const held = p.roles.some((r) => r.from <= at && (r.to === null || at <= r.to));
      // years before the person's first office, the name read is most likely a namesake's
      // ("President Bush" in 1990 is not George W. Bush): no name rather than a wrong one
      const first = p.roles.reduce((m, r) => (r.from < m ? r.from : m), "9999");
      if (!held && at < first && Number(first.slice(0, 4)) - Number(at.slice(0, 4)) > 2) return null;
      return { name: p.names.en[0] ?? id, country: role?.country ?? null, title: held ? (role?.title_en ?? null) : null, role: role?.role ?? null, held, nameVi: p.names.vi[0] ?? null };
    },
  };
}

const CAPITALS = new Map<string, string>((countriesFile as { countries: { code: string; capitals: string[] }[] }).countries.filter((c) => c.capitals[0]).map((c) => [c.code, c.capitals[0]!]));

function capitalOf(code: string): string | null {
  return CAPITALS.get(code) ?? null;
}

