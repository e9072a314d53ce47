/**
 * Stage 4, candidates: each cue of each sentence becomes a development, or is dropped by a named
 * filter with its reason (recorded for `relations explain`).
 */
import { formatAtPrecision, type EventType } from "../../domain/types.ts";
import { wordExec } from "../lexicon.ts";
import type { Sentence } from "../sentences.ts";
import type { ArticleDevelopment, CueDecision, EntityMention, FoundDate } from "../types.ts";
import { clauseAround, inAfterClause, isDuration, isPastVerbCue, LEAD_SENTENCES, test, twoPeopleBefore, withAfterCue, type AnalyzerDeps, type Ctx } from "./context.ts";
import { findCues, type CueHit } from "./cues.ts";
import { anniversaryDate, chooseDate, chooseStatus, plannedBeforeDate, shiftDays, shiftYears, type ChosenDate } from "./date-choice.ts";

/** How many sentences after a dated drill its participants may be listed. */
const FRAME_SENTENCES = 6;
import { confidence, details } from "./details.ts";
import { conflictSpans, dropReason, namesDocumentByYear } from "./filters.ts";
import { pairOf, resolveSides } from "./sides.ts";

/**
 * What the candidate stage remembers from one sentence to the next: the last person named (for
 * "ông", "he"), the last development read from the body (for sentences that continue it), the
 * last joint drill and its participants (for "X forces are also taking part"), the article's own
 * event (the first day-dated development of the lead) and the last dated drill (for participants
 * listed later).
 */
interface ArticleMemory {
  firstBody: number;
  /** the last person named, and the sentence that named them */
  lastPerson: { m: EntityMention; sentence: number } | null;
  lastKept: { dev: ArticleDevelopment; sentence: number; paragraph: number } | null;
  lastJoint: { dev: ArticleDevelopment; sentence: number; countries: Set<string> } | null;
  mainEvent: ArticleDevelopment | null;
  frame: { type: "exercise" | "patrol"; date: ChosenDate; sentence: number } | null;
  /** the last meeting dated to the day: what "also met" in the next sentences continues */
  meetingDay: { date: ChosenDate; sentence: number } | null;
  /** the pairs of the developments kept so far: what "the talks", "both sides" can refer back to */
  keptPairs: Set<string>;
}

/** A sentence as the cue steps read it. */
interface SentenceView {
  i: number;
  s: Sentence;
  lower: string;
  mentions: EntityMention[];
  dates: FoundDate[];
  isLead: boolean;
  hasDate: boolean;
  prevPerson: EntityMention | null;
  conflicts: ReturnType<typeof conflictSpans>;
}

export function findCandidates(ctx: Ctx, _deps: AnalyzerDeps): ArticleDevelopment[] {
  const out: ArticleDevelopment[] = [];
  const memory: ArticleMemory = { firstBody: ctx.sentences.findIndex((s) => s.part === "body"), lastPerson: null, lastKept: null, lastJoint: null, mainEvent: null, frame: null, meetingDay: null, keptPairs: new Set() };
  for (let i = 0; i < ctx.sentences.length; i++) out.push(...sentenceCandidates(ctx, i, memory));
  return out;
}

function sentenceCandidates(ctx: Ctx, i: number, memory: ArticleMemory): ArticleDevelopment[] {
  const s = ctx.sentences[i]!;
  const mentions = ctx.mentions[i] ?? [];
  const dates = ctx.dates[i] ?? [];
  // "He", "ông" stand for a person named in the sentence just before: further back, someone the
  // gazetteer does not know (a militant leader, a lawyer) has often become the subject since.
  const prevPerson = memory.lastPerson && memory.lastPerson.sentence >= i - 1 ? memory.lastPerson.m : null;
  const persons = mentions.filter((m) => m.kind === "person" && m.country);
  if (persons.length) memory.lastPerson = { m: persons[0]!, sentence: i };
  const cues = findCues(s, ctx, mentions);
  if (!cues.length) return participation(ctx, s, i, mentions, memory.lastJoint);
  const lower = s.text.toLowerCase();
  const view: SentenceView = {
    i,
    s,
    lower,
    mentions,
    dates,
    isLead: s.part === "title" || (s.part === "body" && i - memory.firstBody < LEAD_SENTENCES),
    hasDate: dates.some((d) => !d.rule.endsWith("name-year") && !isDuration(d)),
    prevPerson,
    // Conflict and criticism are not cooperation. A conflict word before the cue vetoes it
    // ("condemned the drills"); after it, the countries in that clause are topics, not sides
    // ("drills … against the backdrop of confrontations between Chinese and Philippine vessels").
    // Hypothetical ones ("hỗ trợ nhau khi bị tấn công", "if attacked") count for nothing.
    conflicts: conflictSpans(ctx, lower, s.start),
  };
  const out: ArticleDevelopment[] = [];
  const seen = new Set<string>();
  let agreementAt = -1;
  // A meeting told in an "after …" clause is background to the main clause's own: of two meetings
  // of one sentence ("after the two presidents met, the ministers met too"), the main clause's is read first.
  const background = (c: CueHit) => c.type === "talks" && inAfterClause(ctx, lower, c.start - s.start);
  const ordered = cues.some((c) => c.type === "talks" && !background(c)) ? [...cues].sort((a, b) => Number(background(a)) - Number(background(b))) : cues;
  for (const cue of ordered) {
    const devs = cueCandidates(ctx, view, cue, memory, seen, agreementAt);
    if (cue.type === "agreement" && agreementAt < 0 && devs.length) agreementAt = cue.start;
    out.push(...devs);
  }
  return out;
}

function decide(ctx: Ctx, s: Sentence, cue: CueHit, outcome: CueDecision["outcome"], reason: string, extra: Partial<CueDecision> = {}): void {
  ctx.decisions.push({ sentence: s.index, type: cue.type, cue: cue.text, at: cue.start, outcome, reason, ...extra });
}

/** One cue: the named filters, its sides, its date, how specific it is; one development per pair. */
function cueCandidates(ctx: Ctx, v: SentenceView, cue: CueHit, memory: ArticleMemory, seen: Set<string>, agreementAt: number): ArticleDevelopment[] {
  const { s, lower, mentions, dates, i } = v;
  const rel = cue.start - s.start;
  const before = lower.slice(0, rel);
  const clause = clauseAround(lower, rel);
  const document = namesDocumentByYear(ctx, lower, rel, cue);
  const drop = dropReason({ ctx, s, lower, cue, rel, before, clause, dates, mentions, hasDate: v.hasDate, conflicts: v.conflicts, agreementAt, documentByYear: document });
  if (drop) {
    decide(ctx, s, cue, "dropped", drop.reason);
    const last = memory.lastKept;
    // "The agreement enhances …" a sentence or two after its signing still speaks of it
    if (drop.continues && last && (i - last.sentence <= 2 || last.paragraph === s.paragraph)) memory.lastKept = { ...last, sentence: i, paragraph: s.paragraph };
    return [];
  }

  // Countries in a conflict's clause are topics: after the conflict word when the cue shares
  // the clause, anywhere in it otherwise ("…, prompting US and Canadian jets to intercept them").
  // A document named by its year keeps the parties named after it ("condemned the 2014 … Agreement
  // between the Philippines and the United States").
  const topical = mentions.map((m) =>
    !(document && m.start >= cue.start) &&
    v.conflicts.some((c) => (c.clauseStart <= cue.start && cue.start <= c.clauseEnd ? c.start < m.start && m.start <= c.clauseEnd : c.clauseStart <= m.start && m.start <= c.clauseEnd))
      ? { ...m, use: "topic" as const }
      : m,
  );
  const sides = resolveSides(ctx, s, outsideCueClause(ctx, s, topical, cue), cue, v.prevPerson, memory.keptPairs);
  // "After the drills the ships went on to a joint naval patrol": no country named, the
  // sentence continues the development just reported (previous sentence or same paragraph).
  let carried: ArticleDevelopment | null = null;
  const lastKept = memory.lastKept;
  if (!sides.pairs.length && sides.reason === "no country named" && lastKept && s.part === "body" && (lastKept.sentence === i - 1 || lastKept.paragraph === s.paragraph)) {
    carried = lastKept.dev;
    sides.pairs = [carried.pair];
    sides.via = "continuation";
  }
  if (!sides.pairs.length) {
    // "More than 30 ships sailed in the exercise, including some from the Royal Norwegian
    // Navy": one country joining the drill just reported
    if ((cue.type === "exercise" || cue.type === "patrol") && sides.reason.startsWith("one side only")) {
      const joined = joinedFrom(ctx, s, i, mentions, memory.lastJoint, cue);
      if (joined.length) return joined;
    }
    decide(ctx, s, cue, "dropped", sides.reason);
    // "Cobra Gold, which starts today, …": a dated drill whose participants are listed later
    if ((cue.type === "exercise" || cue.type === "patrol") && s.part !== "caption") {
      const d = chooseDate(ctx, s, dates, cue);
      if (d.rule !== "publication" && d.rule !== "none") memory.frame = { type: cue.type, date: d, sentence: i };
    }
    // "He met his counterparts on the sidelines on Saturday": a meeting day, even with nobody's country named
    if (cue.type === "talks" && s.part === "body" && sides.reason.startsWith("one side only")) {
      const d = chooseDate(ctx, s, dates, cue);
      if (d.span.precision === "day" && d.rule !== "publication" && d.rule !== "none") memory.meetingDay = { date: d, sentence: i };
    }
    return [];
  }
  const { date, framed } = cueDate(ctx, v, cue, sides.pairs[0]!, carried, memory);
  const key = `${cue.type}|${date.span.start}|${date.span.precision}`;
  if (seen.has(key)) return [];
  seen.add(key);
  // An undated act in the body about another pair than the article's is mentioned in passing
  // ("Russia has also supplied Su-30s to India"): it is not stamped with the publication date …
  const otherPair = !sides.pairs.some((p) => ctx.mainPair && p[0] === ctx.mainPair[0] && p[1] === ctx.mainPair[1]);
  // … and so is one told as background, of any pair ("the two countries have upgraded ties", "đã từng")
  // Two officials named, one of each side ("ông Hegseth … đã trao đổi với Bộ trưởng … Đổng Quân"):
  // a specific act of theirs, not background.
  const officials = sides.pairs.length === 1 && sides.pairs[0]!.every((c) => mentions.some((m) => m.kind === "person" && m.country === c));
  const inPassing = !v.hasDate && !v.isLead && date.rule === "publication" && !officials && (otherPair || test(ctx.lex.background, before));
  const specific = !inPassing && (v.hasDate || test(ctx.lex.past, lower) || v.isLead || isPastVerbCue(ctx, cue.text));
  let status = chooseStatus(ctx, before, clause.text, date);
  // "On the minister's visit, the spokesperson said on Tuesday that he will …": dated only by what
  // was said about it, and what was said lies ahead — the visit is still to come
  if (status === "held" && saidAhead(ctx, s, dates, date)) status = "planned";
  let chosen = date;
  // A planned event's month or day without a year lies ahead ("will hold … in November"),
  // when the date is written after the word that plans it.
  if (status === "planned" && !date.span.certain && ctx.ref && date.span.end < ctx.ref && date.rule !== "publication" && plannedBeforeDate(ctx, lower, s, dates, date))
    chosen = { ...date, span: date.rule.includes("weekday") ? shiftDays(date.span, 7) : shiftYears(date.span, 1) };
  // A cue inside an "after / sau khi" clause is background to the main event: it may join
  // an event reported elsewhere but is not reported by this sentence on its own.
  const background = (ctx.lex.subordinate.test(clause.text) || ctx.rules.prepositionBeforeCue.test(before.slice(-14))) && chosen.rule === "publication";

  const out: ArticleDevelopment[] = [];
  const pairs = partnerPairs(ctx, mentions, dates, sides.pairs, sides.actor, cue);
  for (const pair of pairs) {
    // "signed similar accords with Australia in 2022 and with Britain in 2023": each partner
    // named with its own date takes that date
    const own = pairs.length > 1 ? partnerDate(ctx.doc, mentions, dates, pair, sides.actor, cue) : null;
    const d = own ?? chosen;
    const actors = actorsNearCue(ctx, mentions, pair, cue, sides.actor, s, d.span.start);
    // "Boluarte will host Boric for a state visit", "Chủ tịch nước đón tiếp …": the host's country is
    // where the visit goes, so a visit merged with these talks keeps its direction
    const destination = cue.type === "visit" ? sides.destination : cue.type === "talks" && sides.actor && pair.includes(sides.actor) && hosts(ctx, mentions, cue, pair, sides.actor, before) ? sides.actor : null;
    const dev: ArticleDevelopment = {
      pair,
      type: cue.type,
      status,
      date: d.span,
      dateRule: d.rule,
      actorCountry: sides.actor,
      destination,
      actors,
      places: mentions.filter((m) => m.kind !== "person" && m.via === "metonym").map((m) => m.entityId),
      details: details(cue.type, ctx.rules, { text: s.text, rel, len: cue.text.length }),
      summary: "",
      evidence: [{ sentence: s.text, start: s.start, end: s.end, part: s.part, lang: ctx.lang, actors, actorCountry: sides.actor, destination }],
      confidence: confidence(v.hasDate, v.isLead, sides.via, s.part),
      rule: `${ctx.lang}.${cue.type}:${cue.text}|sides:${sides.via}|date:${d.rule}`,
      // a sentence continuing a reported development is as specific as it
      specific: (specific || framed || Boolean(carried?.specific)) && s.part !== "caption" && !background,
    };
    out.push(dev);
    remember(memory, dev, d, v);
    decide(ctx, s, cue, "kept", `sides by ${sides.via}; date by ${d.rule}`, { pair, date: formatAtPrecision(d.span.start, d.span.precision) });
  }
  return out;
}

/**
 * The date of a cue's development: an anniversary's, or the sentence's (see chooseDate); an
 * undated drill takes the date of the drill dated a few sentences before ("The countries taking
 * part include A, B and C"), a continuation the date of what it continues, and "the talks" the
 * date of the article's own event.
 */
function cueDate(ctx: Ctx, v: SentenceView, cue: CueHit, pair: [string, string], carried: ArticleDevelopment | null, memory: ArticleMemory): { date: ChosenDate; framed: boolean } {
  let date = anniversaryDate(ctx, v.s, cue) ?? chooseDate(ctx, v.s, v.dates, cue);
  let framed = false;
  const frame = memory.frame;
  if (date.rule === "publication" && frame && frame.type === cue.type && v.i - frame.sentence <= FRAME_SENTENCES) {
    date = { span: frame.date.span, rule: `frame:${frame.date.rule}` };
    framed = true;
  }
  if (carried && date.rule === "publication") date = { span: { ...carried.date, certain: false }, rule: "continuation" };
  // "He met his counterparts on Saturday. … also met the Austrian minister": the same day
  const day = memory.meetingDay;
  if (date.rule === "publication" && cue.type === "talks" && day && v.i - day.sentence <= 8 && ctx.rules.alsoBeforeCue?.test(v.lower.slice(Math.max(0, cue.start - v.s.start - 25), cue.start - v.s.start)))
    date = { span: day.date.span, rule: `also:${day.date.rule}` };
  // "Kết thúc hội đàm, hai bộ trưởng đã ký …": the article's own event gives the date.
  const main = memory.mainEvent;
  if (date.rule === "publication" && main && main.pair.join() === pair.join() && test(ctx.lex.mainEventRef, v.lower)) date = { span: main.date, rule: "main-event" };
  return { date, framed };
}

/** The sides' pairs, and the actor's pair with each partner named with its own date. */
function partnerPairs(ctx: Ctx, mentions: EntityMention[], dates: FoundDate[], base: [string, string][], actor: string | null, cue: CueHit): [string, string][] {
  const pairs = [...base];
  if (!actor || cue.type === "exercise" || cue.type === "patrol") return pairs;
  for (const m of mentions) {
    if (m.use !== "side" || !m.country || m.country === actor || m.start < cue.end) continue;
    const p = pairOf(actor, m.country);
    if (!pairs.some((x) => x[0] === p[0] && x[1] === p[1]) && partnerDate(ctx.doc, mentions, dates, p, actor, cue)) pairs.push(p);
  }
  return pairs;
}

/** What a kept development leaves for the next sentences. */
function remember(memory: ArticleMemory, dev: ArticleDevelopment, date: ChosenDate, v: SentenceView): void {
  const { s, i } = v;
  const drill = dev.type === "exercise" || dev.type === "patrol";
  if (drill && date.rule !== "publication" && s.part !== "caption") memory.frame = { type: dev.type as "exercise" | "patrol", date, sentence: i };
  if ((dev.type === "talks" || dev.type === "visit") && dev.status === "held" && date.span.precision === "day" && date.rule !== "publication" && s.part === "body") memory.meetingDay = { date, sentence: i };
  if (!memory.mainEvent && v.isLead && dev.dateRule !== "publication" && dev.date.precision === "day") memory.mainEvent = dev;
  memory.keptPairs.add(dev.pair.join("-"));
  if (s.part !== "body") return;
  memory.lastKept = { dev, sentence: i, paragraph: s.paragraph };
  if (drill) {
    const last = memory.lastJoint;
    if (!last || last.dev.type !== dev.type || last.sentence !== i) memory.lastJoint = { dev, sentence: i, countries: new Set() };
    for (const c of dev.pair) memory.lastJoint!.countries.add(c);
  }
}

/**
 * "Australian forces are also participating": a sentence without a cue that adds a participant
 * to the joint exercise or patrol reported just before yields that country's pairs with each
 * participant. Observers ("quan sát viên", "observers from 14 countries") are not participants.
 */
/** A single country introduced as joining ("including some from …", "với sự tham gia của …") the drill just reported. */
function joinedFrom(ctx: Ctx, s: Sentence, i: number, mentions: EntityMention[], lastJoint: ArticleMemory["lastJoint"], cue: CueHit): ArticleDevelopment[] {
  if (!lastJoint || lastJoint.dev.type !== cue.type || s.part !== "body" || i - lastJoint.sentence > 3) return [];
  const lower = s.text.toLowerCase();
  if (test(ctx.lex.observers, lower)) return [];
  const joining = [
    ...new Set(
      mentions
        .filter((m) => m.use === "side" && m.country && m.kind !== "person" && !lastJoint.countries.has(m.country) && ctx.lex.joinedFrom.test(ctx.doc.slice(Math.max(s.start, m.start - 60), m.start)))
        .map((m) => m.country!),
    ),
  ];
  return joinCountries(ctx, s, joining, lastJoint, cue.start, `${ctx.lang}.${lastJoint.dev.type}:joined-from|sides:names`);
}

function joinCountries(ctx: Ctx, s: Sentence, joining: string[], lastJoint: NonNullable<ArticleMemory["lastJoint"]>, at: number, rule: string): ArticleDevelopment[] {
  const out: ArticleDevelopment[] = [];
  for (const c of joining) {
    for (const p of lastJoint.countries) {
      const pair = pairOf(c, p);
      out.push({ ...lastJoint.dev, pair, actors: [], evidence: [{ sentence: s.text, start: s.start, end: s.end, part: s.part, lang: ctx.lang }], rule });
      ctx.decisions.push({ sentence: s.index, type: lastJoint.dev.type, cue: "participation", at, outcome: "kept", reason: "joins the joint activity just reported", pair });
    }
  }
  for (const c of joining) lastJoint.countries.add(c);
  return out;
}

export function participation(ctx: Ctx, s: Sentence, i: number, mentions: EntityMention[], lastJoint: ArticleMemory["lastJoint"]): ArticleDevelopment[] {
  if (!lastJoint || s.part !== "body" || i - lastJoint.sentence > 3) return [];
  const lower = s.text.toLowerCase();
  ctx.lex.participation.lastIndex = 0;
  const joins = wordExec(ctx.lex.participation, lower);
  ctx.lex.participation.lastIndex = 0;
  if (!joins || test(ctx.lex.observers, lower)) return [];
  const at = s.start + joins.index;
  const joining = [...new Set(mentions.filter((m) => m.use === "side" && m.country && m.start < at && !lastJoint.countries.has(m.country)).map((m) => m.country!))];
  return joinCountries(ctx, s, joining, lastJoint, at, `${ctx.lang}.${lastJoint.dev.type}:participation|sides:names`);
}


/**
 * The people of a pair's countries in a cue's sentence, the one who acted first: nearest the cue,
 * the actor's side read before the cue ("Belousov visited …") and the other side after it
 * ("… talks with Dong Jun"). A president named in passing further away comes later, so a summary
 * that names one person per side names the one who did the act.
 */
function actorsNearCue(ctx: Ctx, mentions: EntityMention[], pair: [string, string], cue: CueHit, actor: string | null, s: Sentence, at: string): string[] {
  const lower = s.text.toLowerCase();
  const cueClause = clauseAround(lower, cue.start - s.start);
  const firstComma = lower.search(/[,;]/);
  const subjectEnd = s.start + (firstComma < 0 ? lower.length : firstComma);
  const inCueClause = (m: EntityMention) => m.start >= s.start + cueClause.start && m.start <= s.start + cueClause.start + cueClause.text.length;
  const gap = (m: EntityMention) => {
    const before = m.end <= cue.start;
    const d = before ? cue.start - m.end : Math.max(0, m.start - cue.end);
    // the acting side is named before its verb; the other side after it
    const wrongSide = actor ? (m.country === actor ? !before : before) : false;
    // "Belousov, sent by President Putin, visited …": the subject before an aside acts, not a person inside it
    const subject = m.start < subjectEnd && m.end <= cue.start;
    const aside = before && !inCueClause(m) && !subject;
    return d + (wrongSide ? 60 : 0) + (aside ? 200 : 0);
  };
  // "sau khi hai tổng thống gặp nhau, bộ trưởng cũng đã gặp …": a person of another clause told as
  // background ("after …") acted in that clause, not in this cue's
  const inBackground = (m: EntityMention) => !inCueClause(m) && inAfterClause(ctx, lower, m.start - s.start);
  const people = mentions.filter((m) => m.kind === "person" && m.use !== "topic" && m.country && pair.includes(m.country) && !framesTime(ctx, s, m) && !inBackground(m)).sort((a, b) => gap(a) - gap(b));
  // "Defense Secretary Austin and Secretary of State Blinken will meet …": of two people of one
  // side joined as one subject, the first named leads, however near the cue the second stands
  for (let k = 0; k < people.length; k++) {
    const m = people[k]!;
    const first = people.slice(k + 1).find((o) => o.country === m.country && o.end < m.start && ctx.rules.conjoinedPerson.test(ctx.doc.slice(o.end, m.start)));
    if (first && !people.slice(0, k).some((o) => o.country === m.country)) {
      people.splice(people.indexOf(first), 1);
      people.splice(k, 0, first);
    }
  }
  const ids = [...new Set(people.map((m) => m.entityId))];
  // "The defense ministers of Japan, Britain and Italy signed …": an office named with its country
  // and no person is its holder on that day, when the gazetteer knows exactly one
  const two = twoPeopleBefore(ctx, s);
  for (const c of pair) {
    if (people.some((m) => m.country === c)) continue;
    const named = two.find((m) => m.country === c);
    if (named) {
      ids.push(named.entityId);
      continue;
    }
    const holder = officeHolderNamed(ctx, mentions, c, s, at);
    if (holder) ids.push(holder);
  }
  return ids;
}

/** "… has come under South Korean President Yoon", "who succeeded Moon": a person or office that frames the time, not an actor. */
function framesTime(ctx: Ctx, s: Sentence, m: EntityMention): boolean {
  return ctx.rules.contextPersonBefore.test(ctx.doc.slice(Math.max(s.start, m.start - 40), m.start).toLowerCase());
}

// An office before its country ("defense ministers of Japan, Britain and") and after its demonym ("Japanese defense minister"), compiled once.
const officeRes = new Map<RegExp, [RegExp, RegExp]>();
function officePatterns(re: RegExp): [RegExp, RegExp] {
  let p = officeRes.get(re);
  if (!p) {
    p = [new RegExp(`(?:${re.source})(?:\\s+of)?(?:\\s+(?:the\\s+)?[\\p{L}-]+(?:,|\\s+and|\\s+và)?){0,3}\\s*$`, "u"), new RegExp(`^\\s+(?:${re.source})`, "u")];
    officeRes.set(re, p);
  }
  return p;
}

function officeHolderNamed(ctx: Ctx, mentions: EntityMention[], country: string, s: Sentence, at: string): string | null {
  if (!ctx.officeHolder) return null;
  for (const m of mentions) {
    if (m.country !== country || m.kind === "person" || m.use !== "side") continue;
    // "… has come under South Korean President …": an office that frames the time acts no more than its holder
    if (framesTime(ctx, s, m)) continue;
    // the office right before the country ("Bộ trưởng Quốc phòng Nhật Bản", "defense ministers of Japan,
    // Britain and") or right after its demonym ("Japanese defense minister")
    const before = ctx.doc.slice(Math.max(s.start, m.start - 45), m.start).toLowerCase();
    const after = ctx.doc.slice(m.end, Math.min(s.end, m.end + 25)).toLowerCase();
    for (const [re, role] of ctx.rules.offices) {
      const [beforeRe, afterRe] = officePatterns(re);
      const b = beforeRe.exec(before);
      const a = afterRe.exec(after);
      if (!a && !b) continue;
      // "cựu / former …", and "Phó / Trợ lý … Ngoại trưởng", "deputy / assistant …": not the office's holder
      if (b && (ctx.rules.formerBefore.test(before.slice(0, b.index)) || ctx.rules.deputyBefore.test(before.slice(0, b.index)))) continue;
      const id = ctx.officeHolder(country, role, at);
      if (id) return id;
    }
  }
  return null;
}
/**
 * Countries outside the cue's own clause say nothing of who took part: those after a break that
 * follows the cue ("… visit comes days after Chinese jets …", "… as the US builds alliances") and
 * those in a leading "after / sau khi" clause that does not hold the cue. They are read as topics.
 */
function outsideCueClause(ctx: Ctx, s: Sentence, mentions: EntityMention[], cue: CueHit): EntityMention[] {
  const lower = s.text.toLowerCase();
  const rel = cue.start - s.start;
  // the clause breaks around the cue, found in one pass: the last one before it, the first one after it
  const re = ctx.rules.clauseBreak;
  let ownBreak = -1;
  let breakAt = Infinity;
  re.lastIndex = 0;
  for (let b = re.exec(lower); b; b = re.exec(lower)) {
    if (b.index < rel) ownBreak = b.index;
    else if (b.index >= rel + cue.text.length) {
      breakAt = s.start + b.index;
      break;
    }
  }
  re.lastIndex = 0;
  // a cue inside a leading "As the exercise went ahead, …" clause: the main clause is another matter
  const cueClause = clauseAround(lower, rel);
  const cueInLeadingSubordinate = ctx.lex.subordinate.test(cueClause.text) && cueClause.start === 0;
  const cueClauseEnd = s.start + cueClause.start + cueClause.text.length;
  // a cue inside a trailing clause with its own subject ("… after Ankara pledged its support for
  // Azerbaijan"): the main clause's parties ("Macron slammed …") are not this act's
  const ownSubject = ownBreak >= 0 && mentions.some((m) => m.use === "side" && m.start > s.start + ownBreak && m.end <= cue.start);
  const mainBefore = ownSubject ? s.start + ownBreak : -1;
  // "After a meeting with President Zelensky on the 26th, President Biden pledged …": the one who
  // met is the main clause's subject, its first person named
  const meetingWith = cueInLeadingSubordinate && cue.type === "talks" && withAfterCue(ctx, cue.text, lower.slice(rel + cue.text.length)) !== null;
  const subject = meetingWith ? mentions.find((m) => m.use === "side" && m.kind === "person" && m.start >= cueClauseEnd) : undefined;
  return mentions.map((m) => {
    if (m.use !== "side") return m;
    if (m === subject) return m;
    if (m.start >= breakAt || (cueInLeadingSubordinate && m.start >= cueClauseEnd) || m.start < mainBefore) return { ...m, use: "topic" as const };
    if (m.end <= cue.start) {
      const c = clauseAround(lower, m.start - s.start);
      if (c.start + c.text.length <= rel && ctx.lex.subordinate.test(c.text)) return { ...m, use: "topic" as const };
    }
    return m;
  });
}

/** The date written right after a partner's name ("with Britain in 2023"), when the sentence pairs each partner with one. */
function partnerDate(doc: string, mentions: EntityMention[], dates: FoundDate[], pair: [string, string], actor: string | null, cue: CueHit): ChosenDate | null {
  if (!actor || !pair.includes(actor)) return null;
  const other = pair[0] === actor ? pair[1] : pair[0];
  const m = mentions.find((x) => x.country === other && x.start >= cue.end);
  if (!m || !/(?:^|\s)(?:with|với)\s+(?:the\s+)?$/iu.test(doc.slice(Math.max(0, m.start - 12), m.start))) return null;
  // not one in a clause of its own ("… without the clause that Moscow agreed with North Korea last year")
  if (/(?:^|[\s,])(?:that|which|who|whom|but|without|whereas|while|mà|nhưng|trong khi|khi)(?=[\s,])/iu.test(doc.slice(cue.end, m.start))) return null;
  const d = dates.find((x) => x.start >= m.end && /^\s*(?:in|năm|vào năm|vào|hồi)?\s*$/iu.test(doc.slice(m.end, x.start)));
  return d ? { span: d.span, rule: `${d.rule}+partner` } : null;
}

/**
 * The cue's date is the day something was said about it ("said on Tuesday that …"), and the
 * words said speak of the future ("… will exchange views"): the event lies ahead.
 */
function saidAhead(ctx: Ctx, s: Sentence, dates: FoundDate[], date: ChosenDate): boolean {
  const d = dates.find((x) => x.span.start === date.span.start && x.span.end === date.span.end);
  if (!d || !ctx.rules.sourceDateBefore.test(ctx.doc.slice(Math.max(s.start, d.start - 30), d.start).toLowerCase())) return false;
  const rest = ctx.doc.slice(d.end, s.end).toLowerCase();
  const future = rest.search(/(?<![\p{L}])(?:will|is to|are to|sẽ)(?![\p{L}])/u);
  return future >= 0 && future <= 100 && !test(ctx.lex.past, rest.slice(0, future));
}

/** "Boluarte will host Boric": a host verb with its subject of one side before it and the guest of the other after it (not "was received by"). */
function hosts(ctx: Ctx, mentions: EntityMention[], cue: CueHit, pair: [string, string], actor: string, before: string): boolean {
  if (!ctx.rules.hostCue.test(cue.text.trim().toLowerCase()) || /(?:\b(?:was|were|been|being|is|are)|được)\s+$/u.test(before)) return false;
  const guest = pair.find((c) => c !== actor);
  const subject = mentions.some((m) => m.country === actor && m.use === "side" && m.end <= cue.start && cue.start - m.end <= 60);
  return subject && mentions.some((m) => m.country === guest && m.use === "side" && m.start >= cue.end && m.start - cue.end <= 40);
}
