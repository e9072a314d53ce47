/**
 * Stage 4c, sides: which two countries a cue's development is between — from names, places (for
 * a visit), a pronoun, "the two sides" and "counterpart" — its actor and, for a visit, its
 * destination. A multilateral exercise yields every pair.
 */
import { makePair } from "../../domain/types.ts";
import type { Sentence } from "../sentences.ts";
import type { EntityMention } from "../types.ts";
import { clauseAround, PRONOUN_START, test, twoPeopleBefore, withAfterCue, type Ctx } from "./context.ts";
import type { CueHit } from "./cues.ts";

export interface Sides {
  pairs: [string, string][];
  actor: string | null;
  destination: string | null;
  via: string;
  reason: string;
}

export function resolveSides(ctx: Ctx, s: Sentence, mentions: EntityMention[], cue: CueHit, prevPerson: EntityMention | null, keptPairs: ReadonlySet<string> = new Set()): Sides {
  const none = (reason: string): Sides => ({ pairs: [], actor: null, destination: null, via: "", reason });
  const lower = s.text.toLowerCase();
  const primary: string[] = [];
  const located: string[] = [];
  let via = "names";
  // "an MoU between India's state-owned Bharat Dynamics Limited and French Dassault Aviation",
  // "talks with the British Rolls-Royce": a firm's home is no party to talks or a document (a
  // state buying from a firm is still an arms development of the two countries)
  const firmHome = (m: EntityMention) => (cue.type === "talks" || cue.type === "agreement") && m.kind === "country" && (ctx.rules.companyAfter?.test(ctx.doc.slice(m.end, Math.min(s.end, m.end + 70))) ?? false);
  for (const m of mentions) {
    if (!m.country || firmHome(m)) continue;
    // "the Geneva talks", "the Minsk agreements": a city naming the cue is where it happened ("Ankara pledged" is who acted)
    const venue = m.via === "metonym" && m.end <= cue.start && /^\s*$/u.test(ctx.doc.slice(m.end, cue.start)) && (ctx.rules.venueBefore?.test(ctx.doc.slice(Math.max(0, m.start - 5), m.start).toLowerCase()) ?? false);
    if (venue) {
      if (!located.includes(m.country)) located.push(m.country);
      continue;
    }
    if (m.use === "side" && !primary.includes(m.country)) primary.push(m.country);
    else if (m.use === "location" && !located.includes(m.country)) located.push(m.country);
  }
  // "Ông là nguyên thủ nước ngoài đầu tiên tới Bắc Kinh": the pronoun is the last person named.
  if (prevPerson?.country && PRONOUN_START.test(s.text) && !mentions.some((m) => m.kind === "person" && m.start < cue.start)) {
    if (!primary.includes(prevPerson.country)) primary.unshift(prevPerson.country);
    via = "pronoun";
  }
  // "The two co-chaired the meeting": the countries of the two people just named.
  if (primary.length < 2 && !mentions.some((m) => m.kind === "person" && m.start < cue.start)) {
    const two = twoPeopleBefore(ctx, s).map((m) => m.country!);
    if (two.length === 2 && primary.every((c) => two.includes(c))) {
      primary.splice(0, primary.length, ...two);
      via = "two-people";
    }
  }
  // "Hôm trước, trong cuộc gặp với Bộ trưởng Quốc phòng Úc …": a meeting with one
  // named side, nobody named before the cue — the one who met is the last person named before.
  if (primary.length === 1 && cue.type === "talks" && prevPerson?.country && prevPerson.country !== primary[0] && !mentions.some((m) => m.kind === "person" && m.start < cue.start)) {
    const next = mentions.find((m) => m.country === primary[0] && m.start >= cue.end);
    const gap = next ? ctx.doc.slice(cue.end, next.start).toLowerCase() : "";
    if (next && next.start - cue.end <= 40 && withAfterCue(ctx, cue.text, gap) !== null && ctx.rules.meetingNoun.test(cue.text.replace(ctx.rules.withAtEnd, ""))) {
      primary.unshift(prevPerson.country);
      via = "previous-person";
    }
  }
  // "Sau cuộc gặp với Tổng thống X, Tổng thống Y cam kết …", "After meeting X, Y pledged …": the
  // one who met is the person who opens the main clause.
  if (primary.length === 1 && cue.type === "talks") {
    const clause = clauseAround(lower, cue.start - s.start);
    const opener = lower.slice(clause.start, cue.start - s.start);
    const next = mentions.find((m) => m.start >= s.start + clause.start + clause.text.length);
    if (ctx.rules.afterMeeting.test(opener) && next?.kind === "person" && next.country && next.country !== primary[0] && next.start - (s.start + clause.start + clause.text.length) <= 40) {
      primary.push(next.country);
      via = "main-clause";
    }
  }
  // "Trong cuộc hội đàm, …", "during the talks": the article's own event, so its pair.
  const counterpart = test(ctx.lex.counterpart, lower);
  const main = ctx.mainPair;
  let sides = [...primary];
  // an organization's official named in the sentence ("Chủ tịch Ủy ban châu Âu … đã thăm") is
  // no side of the article's pair
  const orgOfficial = mentions.some((m) => m.kind === "person" && !m.country && m.start < cue.start);
  // "the talks" refers back to a development of the article's pair already read; with none, it is
  // someone else's (a party plenum's "the meeting"). "The two countries", "both sides" refer to
  // such a development too, else to the first two countries just named (this sentence, or the
  // one before) — with none, to someone else (a lawsuit's "both sides").
  const kept = main !== null && keptPairs.has(main.join("-"));
  const pairRef =
    (kept && (test(ctx.lex.anaphoraPair, lower) || test(ctx.lex.mainEventRef, lower))) || (main && test(ctx.lex.pairDescriptor, lower))
      ? main
      : test(ctx.lex.anaphoraPair, lower)
        ? (firstTwoNamed(mentions) ?? firstTwoNamed(ctx.mentions[s.index - 1] ?? []))
        : null;
  const ref = pairRef ?? (counterpart ? main : null);
  if (sides.length < 2 && ref && !orgOfficial) {
    if (sides.every((c) => ref.includes(c))) {
      sides = [...ref];
      via = pairRef ? "anaphora" : "counterpart";
    } else if (pairRef && (cue.type === "exercise" || cue.type === "patrol")) {
      // "The two navies, together with China, held …": the pair plus the third country.
      sides = [...new Set([...pairRef, ...sides])];
      via = "anaphora";
    }
  }
  // "… operations with Republic of Korea Navy ships for Carrier Strike Group Exercise": one
  // partner introduced by "with" and the article's own pair holds it — the other side is the
  // article's subject, left unnamed in a report written from its side.
  if (sides.length === 1 && main && main.includes(sides[0]!) && (cue.type === "exercise" || cue.type === "patrol" || cue.type === "training")) {
    const partner = mentions.find((m) => m.country === sides[0] && m.use === "side");
    const lead = partner ? ctx.doc.slice(Math.max(s.start, partner.start - 30), partner.start).toLowerCase() : "";
    if (ctx.rules.withBeforePartner.test(lead)) {
      sides = [...main];
      via = "with-main";
    }
  }
  // A place fills a side only for a visit ("Belousov arrived in Beijing"); talks "in Astana" are not Kazakhstan's.
  if (sides.length < 2 && cue.type === "visit") {
    for (const c of located) if (!sides.includes(c)) sides.push(c);
    if (sides.length >= 2 && via === "names") via = "location";
  }
  if (sides.length < 2) return none(sides.length ? "one side only: single-country news" : "no country named");

  // Destination of a visit: the first country or capital named after the cue in its own clause
  // ("thăm Belarus", "tới Trung Quốc", "arrived in Beijing"; not "Trong khuôn khổ chuyến thăm,
  // hai bên … Việt Nam - Peru").
  // Where a motion word names the place ("bay đến Trung Quốc … trong một chuyến đi"), the one
  // nearest the cue wins, before or after it.
  // a country introducing a person of its own ("Indian Air Force Chief VR Chaudhari", "Sri Lanka
  // President Ranil Wickremesinghe") says who that person is, not where anyone goes
  const introducesPerson = (m: EntityMention) => {
    const next = mentions.find((x) => x.start >= m.end);
    return next?.kind === "person" && next.country === m.country && next.start - m.end <= 40 && /^\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,4}$/u.test(ctx.doc.slice(m.end, next.start));
  };
  const placeable = mentions.filter((m) => m.country && m.use !== "topic" && m.kind !== "person" && sides.includes(m.country) && !introducesPerson(m));
  const moved = placeable.filter((m) => ctx.rules.motionBefore.test(ctx.doc.slice(Math.max(s.start, m.start - 20), m.start).toLowerCase()));
  const nearest = moved.sort((a, b) => Math.abs(a.start - cue.start) - Math.abs(b.start - cue.start))[0];
  // "As part of his ongoing visit, X called on Y": a visit told as the subject's own, in a phrase
  // before the main clause — the subject travels, the one met is the host
  const visitor = cue.type === "visit" ? ownVisitSubject(ctx, s, mentions, cue) : null;
  const destination =
    cue.type === "visit"
      ? visitor
        ? (sides.find((c) => c !== visitor.country) ?? null)
        : (nearest?.country ?? placeable.find((m) => m.start >= cue.start && !/[,;]/u.test(ctx.doc.slice(cue.end, m.start)))?.country ?? null)
      : null;
  // "Defense Secretary Ash Carter in Manila …": the person right before "in <place>" is the one
  // there; at home ("Kishida in Tokyo"), no one named, or the object of "a poster of …", no visit
  if (cue.type === "visit" && ctx.rules.presenceCue.test(cue.text)) {
    const person = [...mentions].reverse().find((m) => m.end <= cue.start);
    const adjacent = person?.kind === "person" && /^,?\s*$/u.test(ctx.doc.slice(person.end, cue.start));
    if (!person || !adjacent || !destination || person.country === destination || ctx.rules.objectOfBefore.test(ctx.doc.slice(Math.max(s.start, person.start - 30), person.start).toLowerCase())) return none("no official named as being there");
    return { pairs: [pairOf(person.country!, destination)], actor: person.country!, destination, via: `${via}+present`, reason: "" };
  }
  // A visit needs a traveller: when the only country besides the destination is a place where
  // something else happens ("a summit in Peru and a first trip to Chile"), no one is known to travel.
  if (cue.type === "visit" && via === "location" && sides.length === 2 && destination) {
    const other = sides.find((c) => c !== destination);
    if (other && !mentions.some((m) => m.country === other && m.use === "side")) return none("the traveller is only a place");
  }
  // The actor is the person named nearest before the cue (the one who "có chuyến thăm"), or a
  // country named before it, and for a visit never the country visited; a capital is where
  // things happen, so it comes last.
  const beforeCue = mentions.filter((m) => m.country && m.use === "side" && m.start < cue.start && sides.includes(m.country) && m.country !== destination);
  const actor =
    visitor?.country ??
    (via === "pronoun" ? primary[0] : undefined) ??
    [...beforeCue].reverse().find((m) => m.kind === "person")?.country ??
    beforeCue.find((m) => m.via !== "metonym")?.country ??
    beforeCue[0]?.country ??
    sides.find((c) => c !== destination) ??
    sides[0]!;

  const to = cue.type === "pledge" || cue.type === "arms" ? recipient(ctx, mentions, cue, sides) : null;
  const list = cue.type === "agreement" || cue.type === "talks" ? listed(ctx, mentions, sides) : [];
  let pairs: [string, string][];
  let partner: string | null = null;
  let trip: string[] = [];
  let hub: { subject: string; partners: string[] } | null = null;
  let metHub: { subject: string | null; partners: string[] } | null = null;
  // "cuộc họp tại Doha giữa Ngoại trưởng Ai Cập và Ngoại trưởng Israel", "talks
  // between Cambodia and Thailand hosted by Malaysia": the two named after "between" met
  // "… drills, begun in 2005 between two navies, later took in a third": the series' start is the
  // two it began between
  const after = ctx.doc.slice(cue.end, cue.end + 90).toLowerCase();
  const between = cue.type === "talks" || cue.type === "agreement" ? ctx.rules.betweenAfterCue.exec(after) : cue.type === "exercise" || cue.type === "patrol" ? ctx.rules.originBetweenAfterCue.exec(after) : null;
  // the two after "between", up to the end of that clause
  const betweenFrom = between ? cue.end + between[0].length : 0;
  const clauseEnd = between ? ctx.doc.slice(betweenFrom, betweenFrom + 80).search(/[,;.]/u) : -1;
  const betweenTo = betweenFrom + (clauseEnd < 0 ? 80 : clauseEnd);
  const betweenSides = between ? [...new Set(mentions.filter((m) => m.country && m.use === "side" && sides.includes(m.country) && m.start >= betweenFrom && m.start <= betweenTo).map((m) => m.country!))] : [];
  // "The Quad … endorsed … in its joint statement": a statement of four or more countries is a forum's
  if (cue.type === "agreement" && list.length >= 4 && ctx.rules.statementCue.test(cue.text.toLowerCase())) return none("a statement of four or more countries: a forum's");
  // "Qin, Lavrov, Bhutto-Zardari … are arriving in Goa to attend the meeting": those who come to one
  // meeting are no visit to each other
  if (cue.type === "visit" && sides.length >= 3 && ctx.rules.attendAfter.test(ctx.doc.slice(cue.end, cue.end + 60).toLowerCase()) && !destination) return none("arrivals for a multilateral meeting");
  // "Hagel flew to Singapore to attend the Shangri-La Dialogue", "đến Singapore dự Đối thoại
  // Shangri-La": travel to a meeting held there is no visit to its host (an official visit is)
  // ("… dự Đối thoại Việt Nam - Mỹ": a meeting named for the two countries is theirs)
  const attend = cue.type === "visit" ? ctx.rules.attendAfter.exec(ctx.doc.slice(cue.end, cue.end + 80)) : null;
  if (attend && !ctx.rules.officialVisit.test(ctx.doc.slice(cue.start, cue.end + 25).toLowerCase())) {
    const at = cue.end + attend[0].length;
    const named = new Set(mentions.filter((m) => m.country && m.start >= at && m.start <= at + 30).map((m) => m.country));
    if (named.size < 2) return none("travel to attend a multilateral meeting, not a visit to its host");
  }
  // "met top officials of Cambodia and Vietnam" with nobody else named: who met them is unknown
  const met = cue.type === "talks" && ctx.rules.meetsObject.test(cue.text.toLowerCase()) ? tripDestinations(ctx, placeable, cue) : [];
  if (met.length >= 2 && sides.every((c) => met.includes(c))) return none("the ones met are named, not who met them");
  // "… fears Uruguay will follow Paraguay, which signed a defence pact with Chile": the country right
  // before ", which" did the act, with the one named after the cue's "with"
  const rel = cue.type !== "visit" && sides.length > 2 ? ctx.rules.relativeBeforeCue.exec(ctx.doc.slice(Math.max(s.start, cue.start - 60), cue.start)) : null;
  if (rel) {
    const pronounAt = cue.start - rel[0].length;
    const antecedent = mentions.find((m) => m.country && m.use === "side" && sides.includes(m.country) && /^\s*$/u.test(ctx.doc.slice(m.end, pronounAt)));
    const with_ = antecedent ? partnerAfter(ctx, mentions, cue, sides, antecedent.country!) : null;
    if (antecedent && with_) return { pairs: [pairOf(antecedent.country!, with_)], actor: antecedent.country!, destination, via: `${via}+relative`, reason: "" };
  }
  if (betweenSides.length >= 2 && sides.length > 2) {
    pairs = betweenSides.length === 2 ? [pairOf(betweenSides[0]!, betweenSides[1]!)] : allPairs(betweenSides);
    via += "+between";
  } else if (sides.length === 2) pairs = [pairOf(sides[0]!, sides[1]!)];
  else if ((cue.type === "exercise" || cue.type === "patrol") && (hub = withHub(ctx, mentions, placeable, cue, sides))) {
    // "Chilean frigates have sailed on joint patrols with Peru, Ecuador and Colombia": the subject
    // with each of those it drilled with, not those with each other
    pairs = hub.partners.map((c) => pairOf(hub!.subject, c));
    via += "+with-each";
  } else if (cue.type === "exercise" || cue.type === "patrol" || (sides.length === 3 && test(ctx.lex.trilateral, lower))) {
    pairs = allPairs(sides);
    via += "+multilateral";
  } else if (to) {
    // "Biden and the leaders of Germany, France and Britain pledged military support for Ukraine": each giver with the recipient
    // the givers are the subject, named before the cue ("Ankara pledged support for Azerbaijan to
    // reclaim the ethnically-Armenian territory" is not Armenia's pledge)
    const before = sides.filter((c) => c !== to && mentions.some((m) => m.country === c && m.use === "side" && m.end <= cue.start));
    pairs = (before.length ? before : sides.filter((c) => c !== to)).map((c) => pairOf(c, to));
    via += "+recipient";
  } else if (met.length >= 2) {
    // "X met top officials of Cambodia and Vietnam": the one who met, with each of those met — never
    // those met with each other (with nobody named who met them, the sentence was left above)
    const host = [actor, ...sides].find((c) => !met.includes(c))!;
    pairs = met.map((c) => pairOf(host, c));
    via += "+each";
  } else if (cue.type === "talks" && (metHub = talksHub(ctx, mentions, cue, sides))) {
    if (!metHub.subject) return none("the ones met are named, not who met them");
    // "Thứ trưởng … Việt Nam đã làm việc với Bộ trưởng Quốc phòng các nước Chile, Ấn Độ và
    // Nhật Bản", "the minister met with his counterparts from Japan, Chile and Peru": the one
    // country named before the cue with each of those it met, not those with each other
    pairs = metHub.partners.map((c) => pairOf(metHub!.subject!, c));
    via += "+each-met";
  } else if (list.length >= 4 && cue.type === "talks") {
    // "a bloc that began with Peru, Chile, Bolivia and Ecuador holds a summit": four or more
    // countries meeting are a forum, no bilateral talks
    return none("a meeting of four or more countries: a forum, not talks of two");
  } else if (list.length >= 3) {
    // "went on visits to Kyiv, Moscow and Beijing for talks on the war": the stops of one trip
    // held no talks with each other (the trip's visits are read from its own cue)
    if (cue.type === "talks" && listAfterMotion(ctx, mentions, list)) return none("the stops of a trip, not a meeting of them");
    // "The defense ministers of Japan, Britain and Italy signed …": every pair of the list
    pairs = allPairs(list);
    via += "+list";
  } else if (cue.type === "talks" && meetsEach(ctx, mentions, sides, actor, cue)) {
    // "Austin met his Japanese and South Korean counterparts": the one who met, with each of them
    pairs = sides.filter((c) => c !== actor).map((c) => pairOf(actor, c));
    via += "+each";
  } else if (cue.type === "visit" && !ctx.rules.oneLeg.test(lower) && (trip = tripDestinations(ctx, placeable, cue)).length >= 2) {
    // "thăm chính thức Peru và Chile", "a tour to Peru and Chile": each stop with the traveller,
    // never the stops with each other; with no traveller named, no visit is known. (When one leg
    // of a tour is told — "arrived in Hiroshima on the first leg of his trip to Japan, Papua New
    // Guinea and Australia" — only that leg is dated, and the single pair stays.)
    const traveller = [actor, ...sides].find((c) => !trip.includes(c));
    if (!traveller) return none("stops of one trip, no traveller named");
    pairs = trip.map((c) => pairOf(traveller, c));
    via += "+stops";
  } else if (cue.type === "visit" && destination && actor !== destination) pairs = [pairOf(actor, destination)];
  else if ((partner = partnerAfter(ctx, mentions, cue, sides, actor))) {
    // "… including talks with Moscow over a new arms deal that could trigger US sanctions": the
    // one named right after "with" is the partner
    pairs = [pairOf(actor, partner)];
    via += "+with";
  } else if (main && sides.includes(main[0]) && sides.includes(main[1])) pairs = [main];
  else pairs = [pairOf(actor, sides.find((c) => c !== actor)!)];
  return { pairs, actor, destination, via, reason: "" };
}

/** The country named right after the cue behind "with / với" ("talks with Moscow"), when it is not the actor. */
function partnerAfter(ctx: Ctx, mentions: EntityMention[], cue: CueHit, sides: string[], actor: string): string | null {
  const m = mentions.find((x) => x.country && x.use === "side" && sides.includes(x.country) && x.start >= cue.end && x.start - cue.end <= 30);
  if (!m || m.country === actor) return null;
  const gap = ctx.doc.slice(cue.end, m.start).toLowerCase();
  // "talks with Moscow" ("with" between the cue and the country), or "meeting with" + the country
  const withBetween = /(?:^|\s)(?:with|với)\s+(?:the\s+|its\s+|\S+\s+)?$/u.test(gap);
  const cueEndsWithWith = ctx.rules.withAtEnd.test(cue.text) && /^\s*(?:the\s+)?$/u.test(gap);
  // "bay tới Bắc Kinh để gặp Chủ tịch Tập Cận Bình", "met President Putin": the one met, right after the cue or its title
  const object = ctx.rules.meetsObject.test(cue.text.toLowerCase()) && (/^\s*(?:the\s+)?$/u.test(gap) || ctx.lex.titleBefore.test(gap));
  return withBetween || cueEndsWithWith || object ? m.country : null;
}

/** The first two countries a sentence names, as parties or places, not as topics. */
function firstTwoNamed(mentions: EntityMention[]): [string, string] | null {
  const seen: string[] = [];
  for (const m of mentions) if (m.country && m.use !== "topic" && !seen.includes(m.country)) seen.push(m.country);
  return seen.length >= 2 ? pairOf(seen[0]!, seen[1]!) : null;
}

/** Every pair of a list of countries. */
function allPairs(list: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) out.push(pairOf(list[a]!, list[b]!));
  return out;
}

export function pairOf(x: string, y: string): [string, string] {
  const p = makePair(x, y);
  return [p.a, p.b];
}

/** The longest run of side countries named as one list ("Japan, Britain and Italy", "Mỹ, Nhật Bản và Hàn Quốc"). */
function listed(ctx: Ctx, mentions: EntityMention[], sides: string[]): string[] {
  const ms = mentions.filter((m) => m.country && m.use === "side" && m.kind !== "person" && sides.includes(m.country));
  let best: string[] = [];
  let run: string[] = [];
  for (let i = 0; i < ms.length; i++) {
    const joined = i > 0 && /^\s*(?:,|and|và|,\s*and)\s*(?:the\s+)?$/u.test(ctx.doc.slice(ms[i - 1]!.end, ms[i]!.start).toLowerCase());
    run = joined ? [...run, ms[i]!.country!] : [ms[i]!.country!];
    const uniq = [...new Set(run)];
    if (uniq.length > best.length) best = uniq;
  }
  return best;
}

/** With three or more countries, the one that receives ("… for Ukraine", "… cho Ukraine") after the cue. */
function recipient(ctx: Ctx, mentions: EntityMention[], cue: CueHit, sides: string[]): string | null {
  if (sides.length < 3) return null;
  const m = mentions.find((x) => x.country && sides.includes(x.country) && x.start >= cue.end && ctx.rules.recipientBefore.test(ctx.doc.slice(Math.max(cue.start, x.start - 12), x.start).toLowerCase()));
  return m?.country ?? null;
}

/** A person of the actor's side named before the talks cue as its subject, and every other side only after it. */
function meetsEach(ctx: Ctx, mentions: EntityMention[], sides: string[], actor: string, cue: CueHit): boolean {
  // (the object of an earlier "talks with …" is not the one who met)
  const byActor = mentions.some((m) => m.kind === "person" && m.country === actor && m.end <= cue.start && !namedAsObject(ctx, m));
  if (!byActor) return false;
  const others = sides.filter((c) => c !== actor);
  return others.every((c) => !mentions.some((m) => m.country === c && m.use === "side" && m.end <= cue.start));
}

/**
 * "During her three-day visit, Chile's army chief paid a call on …": a visit cue
 * after a possessive, in a phrase that ends at a comma, belongs to the person who opens the
 * main clause right after it (a title before the name allowed). That person, or null.
 */
function ownVisitSubject(ctx: Ctx, s: Sentence, mentions: EntityMention[], cue: CueHit): EntityMention | null {
  if (!ctx.rules.possessiveBeforeCue?.test(ctx.doc.slice(Math.max(s.start, cue.start - 40), cue.start).toLowerCase())) return null;
  const comma = ctx.doc.indexOf(",", cue.end);
  if (comma < 0 || comma >= s.end || comma - cue.end > 60) return null;
  const subject = mentions.find((m) => m.start > comma);
  if (!subject) return null;
  const person = subject.kind === "person" ? subject : mentions.find((m) => m.kind === "person" && m.start > subject.start && m.start - subject.end <= 40 && m.country === subject.country);
  if (person?.country && person.start - comma <= 60) return person;
  // ", the IAF Chief also met …": the subject's country opening the main clause
  return subject.country && subject.use === "side" && /^,\s*(?:the\s+)?$/iu.test(ctx.doc.slice(comma, subject.start)) ? subject : null;
}

/** The countries a visit cue goes to when several are named together right after it ("thăm Peru và Chile", "visit to Peru and Chile"). */
function tripDestinations(ctx: Ctx, placeable: EntityMention[], cue: CueHit): string[] {
  const after = placeable.filter((m) => m.start >= cue.end).sort((a, b) => a.start - b.start);
  // the first stop: right after the cue, or after a motion word ("chuyến thăm … của ông X đến Peru")
  const at = after.findIndex((m, k) => k === 0 && m.start - cue.end <= 25 && /^[\s\p{L}]*$/u.test(ctx.doc.slice(cue.end, m.start)) || (m.start - cue.end <= 120 && ctx.rules.motionBefore.test(ctx.doc.slice(Math.max(cue.end, m.start - 20), m.start).toLowerCase())));
  // "a meeting between Indian and Russian officials" names the pair itself
  if (at < 0 || /(?:^|\s)(?:between|giữa)\s/u.test(ctx.doc.slice(cue.end, after[at]!.start).toLowerCase())) return [];
  const out = [after[at]!.country!];
  for (let k = at + 1; k < after.length; k++) {
    if (!/^\s*(?:,|và|and|&)\s*(?:the\s+)?$/u.test(ctx.doc.slice(after[k - 1]!.end, after[k]!.start))) break;
    if (!out.includes(after[k]!.country!)) out.push(after[k]!.country!);
  }
  return out;
}

/**
 * Talks whose cue ends in "with / với" or a meeting verb ("met", "làm việc với"), with one
 * country named before it and two or more others only after it, within reach of the cue (a title
 * between them: "met with the defence ministers of …"): that country met each of the others. The
 * subject is null when the country before is only the object of an earlier "talks with …" (then
 * who met the others is not named). Null when the sentence is not so.
 */
function talksHub(ctx: Ctx, mentions: EntityMention[], cue: CueHit, sides: string[]): { subject: string | null; partners: string[] } | null {
  if (sides.length < 3) return null;
  const cueText = cue.text.toLowerCase();
  if (!ctx.rules.withAtEnd.test(cueText) && !ctx.rules.meetsObject.test(cueText)) return null;
  const isSide = (m: EntityMention) => m.country && m.use === "side" && sides.includes(m.country);
  const beforeMentions = mentions.filter((m) => isSide(m) && m.end <= cue.start);
  const before = [...new Set(beforeMentions.map((m) => m.country!))];
  if (before.length !== 1) return null;
  const after = mentions.filter((m) => isSide(m) && m.start >= cue.end);
  const partners = [...new Set(after.map((m) => m.country!))].filter((c) => c !== before[0]);
  if (partners.length < 2 || partners.length + 1 !== sides.length) return null;
  // the first of those met follows the cue, at most a title and "of" between ("… các nước", "counterparts from")
  if (after[0]!.start - cue.end > 60 || /[,;.:]/u.test(ctx.doc.slice(cue.end, after[0]!.start))) return null;
  if (ctx.lex.forumAfter.test(ctx.doc.slice(cue.end, cue.end + 60))) return null;
  // the country before is the object of an earlier "talks with …" or an "envoy for …": who met the others is not a country named
  if (beforeMentions.every((m) => namedAsObject(ctx, m))) return { subject: null, partners };
  return { subject: before[0]!, partners };
}

/** Whether a mention is the object of what comes before it ("talks with …", "envoy for …", "làm việc với …"). */
function namedAsObject(ctx: Ctx, m: EntityMention): boolean {
  return ctx.rules.objectBefore.test(ctx.doc.slice(Math.max(0, m.start - 40), m.start).toLowerCase());
}

/** Whether the first country of a list follows a word of motion ("visits to Kyiv, Moscow and Beijing", "sang Lào, Campuchia và Thái Lan"). */
function listAfterMotion(ctx: Ctx, mentions: EntityMention[], list: string[]): boolean {
  const first = mentions.find((m) => m.country === list[0] && m.use === "side");
  return !!first && ctx.rules.motionBefore.test(ctx.doc.slice(Math.max(0, first.start - 25), first.start).toLowerCase());
}

/**
 * A drill whose one country named before the cue did it "with" a list of others named right after
 * it ("conducted joint patrols with the United States, Canada and Japan", "tập trận chung với Mỹ,
 * Nhật Bản và Úc"): that country is the hub. Null when the sentence is not so.
 */
function withHub(ctx: Ctx, mentions: EntityMention[], placeable: EntityMention[], cue: CueHit, sides: string[]): { subject: string; partners: string[] } | null {
  if (sides.length < 3) return null;
  const before = [...new Set(mentions.filter((m) => m.country && m.use === "side" && m.end <= cue.start && sides.includes(m.country)).map((m) => m.country!))];
  if (before.length !== 1) return null;
  const partners = tripDestinations(ctx, placeable, cue);
  const first = placeable.find((m) => m.start >= cue.end && m.country === partners[0]);
  if (partners.length < 2 || partners.includes(before[0]!) || !first || !/(?:^|\s)(?:with|với|cùng)\s+(?:the\s+)?$/u.test(ctx.doc.slice(cue.end, first.start).toLowerCase())) return null;
  return { subject: before[0]!, partners };
}
