/**
 * Stage 4, candidates: each cue of each sentence becomes a development, or is dropped by a named
 * filter with its reason (recorded for `relations explain`).
 */
import { formatAtPrecision, type EventType } from "../../domain/types.ts";
import type { Sentence } from "../sentences.ts";
import type { ArticleDevelopment, CueDecision, EntityMention } from "../types.ts";
import { clauseAround, isDuration, lastIndexOf, LEAD_SENTENCES, test, type AnalyzerDeps, type Ctx } from "./context.ts";
import { findCues, type CueHit } from "./cues.ts";
import { anniversaryDate, chooseDate, chooseStatus, plannedBeforeDate, shiftYears } from "./date-choice.ts";
import { confidence, details } from "./details.ts";
import { pairOf, resolveSides } from "./sides.ts";

export function findCandidates(ctx: Ctx, deps: AnalyzerDeps): ArticleDevelopment[] {
  const out: ArticleDevelopment[] = [];
  let lastPerson: EntityMention | null = null;
  // the last development read from the body, for sentences that continue it
  let lastKept: { dev: ArticleDevelopment; sentence: number; paragraph: number } | null = null;
  // the last joint exercise or patrol and its participants, for "X forces are also participating"
  let lastJoint: { dev: ArticleDevelopment; sentence: number; countries: Set<string> } | null = null;
  // the article's own event: the first dated development of the lead
  let mainEvent: ArticleDevelopment | null = null;
  const firstBody = ctx.sentences.findIndex((s) => s.part === "body");
  for (let i = 0; i < ctx.sentences.length; i++) {
    const s = ctx.sentences[i]!;
    const mentions = ctx.mentions[i] ?? [];
    const dates = ctx.dates[i] ?? [];
    const cues = findCues(s, ctx, mentions);
    const lower = s.text.toLowerCase();
    const isLead = s.part === "title" || (s.part === "body" && i - firstBody < LEAD_SENTENCES);
    const prevPerson = lastPerson;
    const persons = mentions.filter((m) => m.kind === "person" && m.country);
    if (persons.length) lastPerson = persons[persons.length - 1]!;
    if (!cues.length) {
      const joined = participation(ctx, s, i, mentions, lastJoint);
      out.push(...joined);
      continue;
    }

    const decide = (cue: CueHit, outcome: CueDecision["outcome"], reason: string, extra: Partial<CueDecision> = {}) =>
      ctx.decisions.push({ sentence: s.index, type: cue.type, cue: cue.text, at: cue.start, outcome, reason, ...extra });

    // Conflict and criticism are not cooperation. A conflict word before the cue vetoes it
    // ("condemned the drills"); after it, the countries in that clause are topics, not sides
    // ("drills … against the backdrop of confrontations between Chinese and Philippine vessels").
    // Hypothetical ones ("hỗ trợ nhau khi bị tấn công", "if attacked") count for nothing.
    const conflicts = conflictSpans(ctx, lower, s.start);

    const seen = new Set<string>();
    let agreementAt = -1;
    for (const cue of cues) {
      // "signed a memorandum on military training cooperation": the training is what the agreement is about.
      if (agreementAt >= 0 && cue.start > agreementAt && (cue.type === "training" || cue.type === "arms" || cue.type === "pledge")) {
        decide(cue, "dropped", "the content of the agreement in the same sentence");
        continue;
      }
      const rel = cue.start - s.start;
      const before = lower.slice(0, rel);
      const clause = clauseAround(lower, rel);

      const vetoAt = conflicts.find((c) => c.start < cue.start && !c.context);
      if (vetoAt) {
        decide(cue, "dropped", `conflict or criticism before the cue ("${vetoAt.text}")`);
        continue;
      }
      if (cue.type === "agreement" && test(ctx.lex.notCooperationAfter, lower.slice(rel, rel + cue.text.length + 30))) {
        decide(cue, "dropped", "an armistice or ceasefire, not cooperation");
        continue;
      }

      // Hopes, calls and readiness are not events ("hy vọng hai bên thường xuyên tổ chức diễn tập").
      const modalAt = lastIndexOf(ctx.lex.modal, before);
      if (modalAt >= 0 && lastIndexOf(ctx.lex.past, before.slice(modalAt)) < 0 && !isPastVerbCue(ctx, cue.text)) {
        decide(cue, "dropped", "modal: a hope, call or readiness, not an event");
        continue;
      }
      const hasDate = dates.some((d) => d.rule !== "name-year" && !isDuration(d));
      if (test(ctx.lex.generic, clause.text) && !hasDate) {
        decide(cue, "dropped", "generic: a habit or a series, not one event");
        continue;
      }
      if (cue.type === "agreement" && !test(ctx.lex.defenseContext, lower) && !test(ctx.lex.defenseContext, cue.text) && !/đối tác|partnership|quan hệ (?:hai nước|song phương)|access|forces/u.test(lower)) {
        decide(cue, "dropped", "agreement without defense, security or partnership content");
        continue;
      }

      // Countries in a conflict's clause are topics: after the conflict word when the cue shares
      // the clause, anywhere in it otherwise ("…, prompting US and Canadian jets to intercept them").
      const topical = mentions.map((m) =>
        conflicts.some((c) => (c.clauseStart <= cue.start && cue.start <= c.clauseEnd ? c.start < m.start && m.start <= c.clauseEnd : c.clauseStart <= m.start && m.start <= c.clauseEnd))
          ? { ...m, use: "topic" as const }
          : m,
      );
      const sides = resolveSides(ctx, s, topical, cue, prevPerson);
      // "After the drills the ships went on to a joint naval patrol": no country named, the
      // sentence continues the development just reported (previous sentence or same paragraph).
      let carried: ArticleDevelopment | null = null;
      if (!sides.pairs.length && sides.reason === "no country named" && lastKept && s.part === "body" && (lastKept.sentence === i - 1 || lastKept.paragraph === s.paragraph)) {
        carried = lastKept.dev;
        sides.pairs = [carried.pair];
        sides.via = "continuation";
      }
      if (!sides.pairs.length) {
        decide(cue, "dropped", sides.reason);
        continue;
      }
      let date = anniversaryDate(ctx, s, cue) ?? chooseDate(ctx, s, dates, cue);
      if (carried && date.rule === "publication") date = { span: { ...carried.date, certain: false }, rule: "continuation" };
      // "Kết thúc hội đàm, hai bộ trưởng đã ký …": the article's own event gives the date.
      if (date.rule === "publication" && mainEvent && mainEvent.pair.join() === sides.pairs[0]!.join() && test(ctx.lex.mainEventRef, lower)) date = { span: mainEvent.date, rule: "main-event" };
      const key = `${cue.type}|${date.span.start}|${date.span.precision}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const specific = hasDate || test(ctx.lex.past, lower) || isLead || isPastVerbCue(ctx, cue.text);
      const status = chooseStatus(ctx, before, clause.text, date);
      // A planned event's month or day without a year lies ahead ("will hold … in November"),
      // when the date is written after the word that plans it.
      if (status === "planned" && !date.span.certain && ctx.ref && date.span.end < ctx.ref && date.rule !== "publication" && plannedBeforeDate(ctx, lower, s, dates, date)) date = { ...date, span: shiftYears(date.span, 1) };
      // A cue inside an "after / sau khi" clause is background to the main event: it may join
      // an event reported elsewhere but is not reported by this sentence on its own.
      const background = (ctx.lex.subordinate.test(clause.text) || ctx.rules.prepositionBeforeCue.test(before.slice(-14))) && date.rule === "publication";
      for (const pair of sides.pairs) {
        const dev: ArticleDevelopment = {
          pair,
          type: cue.type,
          status,
          date: date.span,
          dateRule: date.rule,
          actorCountry: sides.actor,
          destination: cue.type === "visit" ? sides.destination : null,
          actors: mentions.filter((m) => m.kind === "person" && m.country && pair.includes(m.country)).map((m) => m.entityId),
          places: mentions.filter((m) => m.kind !== "person" && m.via === "metonym").map((m) => m.entityId),
          details: details(lower, cue.type, ctx.rules, lower.slice(rel, rel + cue.text.length + 30)),
          summary: "",
          evidence: [{ sentence: s.text, start: s.start, end: s.end, part: s.part, lang: ctx.lang }],
          confidence: confidence(hasDate, isLead, sides.via, s.part),
          rule: `${ctx.lang}.${cue.type}:${cue.text}|sides:${sides.via}|date:${date.rule}`,
          // a sentence continuing a reported development is as specific as it
          specific: (specific || Boolean(carried?.specific)) && s.part !== "caption" && !background,
        };
        out.push(dev);
        if (cue.type === "agreement" && agreementAt < 0) agreementAt = cue.start;
        if (!mainEvent && isLead && dev.dateRule !== "publication" && dev.date.precision === "day") mainEvent = dev;
        if (s.part === "body") {
          lastKept = { dev, sentence: i, paragraph: s.paragraph };
          if (cue.type === "exercise" || cue.type === "patrol") {
            if (!lastJoint || lastJoint.dev.type !== cue.type || lastJoint.sentence !== i) lastJoint = { dev, sentence: i, countries: new Set() };
            for (const c of pair) lastJoint.countries.add(c);
          }
        }
        decide(cue, "kept", `sides by ${sides.via}; date by ${date.rule}`, { pair, date: formatAtPrecision(date.span.start, date.span.precision) });
      }
    }
  }
  return out;
}

/**
 * "Australian forces are also participating": a sentence without a cue that adds a participant
 * to the joint exercise or patrol reported just before yields that country's pairs with each
 * participant. Observers ("quan sát viên", "observers from 14 countries") are not participants.
 */
export function participation(
  ctx: Ctx,
  s: Sentence,
  i: number,
  mentions: EntityMention[],
  lastJoint: { dev: ArticleDevelopment; sentence: number; countries: Set<string> } | null,
): ArticleDevelopment[] {
  if (!lastJoint || s.part !== "body" || i - lastJoint.sentence > 3) return [];
  const lower = s.text.toLowerCase();
  if (!test(ctx.lex.participation, lower) || test(ctx.lex.observers, lower)) return [];
  const at = s.start + lower.search(ctx.lex.participation);
  ctx.lex.participation.lastIndex = 0;
  const joining = [...new Set(mentions.filter((m) => m.use === "side" && m.country && m.start < at && !lastJoint.countries.has(m.country)).map((m) => m.country!))];
  const out: ArticleDevelopment[] = [];
  for (const c of joining) {
    for (const p of lastJoint.countries) {
      const pair = pairOf(c, p);
      out.push({
        ...lastJoint.dev,
        pair,
        actors: [],
        evidence: [{ sentence: s.text, start: s.start, end: s.end, part: s.part, lang: ctx.lang }],
        rule: `${ctx.lang}.${lastJoint.dev.type}:participation|sides:names`,
      });
      ctx.decisions.push({ sentence: s.index, type: lastJoint.dev.type, cue: "participation", at, outcome: "kept", reason: "joins the joint activity just reported", pair });
    }
  }
  for (const c of joining) lastJoint.countries.add(c);
  return out;
}

export interface ConflictSpan {
  start: number;
  text: string;
  /** start of its clause (article offset) */
  clauseStart: number;
  /** end of its clause (article offset) */
  clauseEnd: number;
  /** introduced as background ("amid tensions", "trong bối cảnh căng thẳng"): no veto */
  context: boolean;
}

const CONTEXT_MARK = { vi: /(?:trong bối cảnh|giữa lúc|bất chấp|trước|sau)\s+(?:\S+\s+){0,4}$/u, en: /(?:amid|against the backdrop of|despite|in the face of|following|after)\s+(?:\S+\s+){0,4}$/u };

/** Conflict words of a sentence that are not hypothetical. */
export function conflictSpans(ctx: Ctx, lower: string, offset: number): ConflictSpan[] {
  const out: ConflictSpan[] = [];
  const re = ctx.lex.conflict;
  re.lastIndex = 0;
  for (let m = re.exec(lower); m; m = re.exec(lower)) {
    const before = lower.slice(Math.max(0, m.index - 30), m.index);
    if (test(ctx.lex.hypothetical, before)) continue;
    const after = lower.slice(m.index).search(/[,;:]|\s[-–—]\s/);
    const head = lower.slice(0, m.index);
    const clauseStart = Math.max(head.lastIndexOf(","), head.lastIndexOf(";"), head.lastIndexOf(":")) + 1;
    out.push({
      start: offset + m.index,
      text: m[0],
      clauseStart: offset + clauseStart,
      clauseEnd: offset + (after < 0 ? lower.length : m.index + after),
      context: ctx.rules.contextMark.test(lower.slice(Math.max(0, m.index - 60), m.index)),
    });
  }
  re.lastIndex = 0;
  return out;
}

/** "met", "signed": a cue that is itself a past-tense verb (the language's rules say which). */
function isPastVerbCue(ctx: Ctx, cue: string): boolean {
  return ctx.rules.pastVerbCue?.test(cue) ?? false;
}
