/**
 * Named filters of the candidate stage. Each looks at one cue in its sentence and says why it is
 * not a development of its own (a reason recorded for `relations explain`), or null. They run in
 * the order of CUE_FILTERS, before sides and dates are resolved; the first reason wins.
 */
import type { Sentence } from "../sentences.ts";
import type { EntityMention, FoundDate } from "../types.ts";
import { wordExec } from "../lexicon.ts";
import { isPastVerbCue, lastIndexOf, PRONOUN_START, test, withAfterCue, type Ctx } from "./context.ts";
import type { CueHit } from "./cues.ts";

/** A cue seen in its sentence, with what the filters read. */
export interface CueView {
  ctx: Ctx;
  s: Sentence;
  /** the sentence, lower-cased */
  lower: string;
  cue: CueHit;
  /** the cue's offset in the sentence */
  rel: number;
  /** the sentence before the cue */
  before: string;
  /** the comma/semicolon clause that holds the cue */
  clause: { start: number; text: string };
  dates: FoundDate[];
  mentions: EntityMention[];
  /** the sentence has a date of its own (not a duration, not a name's year) */
  hasDate: boolean;
  conflicts: ConflictSpan[];
  /** where the sentence's first agreement cue kept so far starts (article offset), or -1 */
  agreementAt: number;
  /** the cue names a document by its own year (namesDocumentByYear), computed once per cue */
  documentByYear: boolean;
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

export interface CueFilter {
  name: string;
  drop(v: CueView): string | null;
  /** what it drops still speaks of the development just reported ("The agreement enhances …"), so a next sentence may continue it */
  continues?: boolean;
}

/** "the 2014 Enhanced Defense Cooperation Agreement" exists, whatever a critic or a hope says of it (CueView.documentByYear). */
export function namesDocumentByYear(ctx: Ctx, lower: string, rel: number, cue: CueHit): boolean {
  return cue.type === "agreement" && ctx.rules.documentYear(lower, rel, cue.text.length);
}

/**
 * "signed a memorandum on military training cooperation", "ký thỏa thuận VFA …, tăng cường tập
 * trận chung": the training or the drills are what the agreement is about, unless the sentence
 * reports them done ("… and held joint drills").
 */
const agreementContent: CueFilter = {
  name: "agreement-content",
  drop: (v) => {
    if (v.agreementAt < 0 || v.cue.start <= v.agreementAt) return null;
    if (v.cue.type === "training" || v.cue.type === "arms" || v.cue.type === "pledge") return "the content of the agreement in the same sentence";
    if ((v.cue.type === "exercise" || v.cue.type === "patrol") && !isPastVerbCue(v.ctx, v.cue.text) && lastIndexOf(v.ctx.lex.past, v.lower.slice(v.lower.indexOf(" ", v.agreementAt - v.s.start), v.rel)) < 0)
      return "the content of the agreement in the same sentence";
    return null;
  },
};

/** "condemned the drills", "attacks … after the talks": conflict before the cue vetoes it. */
const conflictBefore: CueFilter = {
  name: "conflict-before",
  drop: (v) => {
    if (v.documentByYear) return null;
    // the conflict's own clause must reach the cue: "X accused Y of …, and the two neighbours signed …" keeps the pact
    const at = v.conflicts.find((c) => c.start < v.cue.start && !c.context && c.clauseEnd >= v.cue.start);
    return at ? `conflict or criticism before the cue ("${at.text}")` : null;
  },
};

/**
 * "hợp đồng mua sắm tiêm kích J-10C đã được ký kết", "signed a contract for 12 F-16s": the
 * signing is the arms deal's, one development (arms), not a second one (agreement).
 */
const armsContractSigning: CueFilter = {
  name: "arms-contract-signing",
  drop: (v) => (v.cue.type === "agreement" && v.ctx.rules.armsContract.test(v.clause.text) ? "the signing of an arms contract: the arms deal is the development" : null),
};

/** "Hiệp định đình chiến", "the armistice agreement": not cooperation. */
const armistice: CueFilter = {
  name: "armistice",
  drop: (v) =>
    v.cue.type === "agreement" && test(v.ctx.lex.notCooperationAfter, v.lower.slice(v.rel, v.rel + v.cue.text.length + 30))
      ? "a ceasefire, a contract or a law, not an agreement between two countries"
      : null,
};

/**
 * "hoãn tập trận chung", "the drills were called off", "Moscow denied supplying arms": a
 * cancelled, postponed, denied or negated development is not one. The scope is the cue's own
 * clause, up to a contrast ("but", "nhưng") — a denial in another clause says nothing of it.
 */
const negated: CueFilter = {
  name: "negated",
  drop: (v) => {
    if (v.documentByYear) return null;
    const { lower, clause, rel } = v;
    const end = clause.start + clause.text.length;
    let scope = lower.slice(clause.start, end);
    const cueAt = rel - clause.start;
    // cut the scope at a contrast on either side of the cue
    const contrast = v.ctx.lex.contrast;
    let from = 0;
    let cut = end;
    contrast.lastIndex = 0;
    for (let m = wordExec(contrast, scope); m; m = wordExec(contrast, scope)) {
      if (m.index < cueAt) from = m.index + m[0].length;
      else {
        cut = clause.start + m.index;
        scope = scope.slice(0, m.index);
        break;
      }
    }
    contrast.lastIndex = 0;
    // "Bộ Quốc phòng đã lên kế hoạch cung cấp xe tăng …, nhưng Thủ tướng gác lại", "planned to
    // supply …, but the White House blocked it": a plan the contrast right after reports reversed did not happen
    if (test(v.ctx.lex.planned, scope.slice(from, cueAt))) {
      const next = lower.slice(cut).replace(/^[\s,;]+/u, "");
      contrast.lastIndex = 0;
      const c = wordExec(contrast, next);
      contrast.lastIndex = 0;
      if (c && c.index === 0 && test(v.ctx.lex.planReversed, next.slice(c[0].length, c[0].length + 80))) return "a plan the next clause reports blocked or dropped";
    }
    scope = scope.slice(from);
    const neg = v.ctx.lex.negation;
    neg.lastIndex = 0;
    const m = wordExec(neg, scope);
    neg.lastIndex = 0;
    return m ? `cancelled, postponed, denied or negated ("${m[0]}")` : null;
  },
};

/** The sentence (lower-cased) right after the cue, `length` characters or to its end. */
function afterCue(v: CueView, length?: number): string {
  const end = v.rel + v.cue.text.length;
  return v.lower.slice(end, length === undefined ? undefined : end + length);
}

/** `text` (starting at article offset `offset`) with the dates found in it blanked out, same length. */
function withoutDates(text: string, dates: readonly FoundDate[], offset: number): string {
  let out = text;
  for (const d of dates) {
    const a = d.start - offset;
    const b = Math.min(d.end - offset, out.length);
    if (a >= 0 && a < b) out = out.slice(0, a) + " ".repeat(b - a) + out.slice(b);
  }
  return out;
}

/** Hopes, calls and readiness are not events ("hy vọng hai bên thường xuyên tổ chức diễn tập"). */
const modal: CueFilter = {
  name: "modal",
  drop: (v) => {
    if (v.documentByYear) return null;
    // a date is no modal ("on 24 May"): its words are blanked first
    const at = lastIndexOf(v.ctx.lex.modal, withoutDates(v.before, v.dates, v.s.start));
    if (at < 0 || lastIndexOf(v.ctx.lex.past, v.before.slice(at)) >= 0 || isPastVerbCue(v.ctx, v.cue.text)) return null;
    // "ký ban hành luật cho phép viện trợ quân sự", "signed a bill allowing the sale": a law that
    // allows it is an approval, not a hope
    if (v.ctx.rules.lawBefore.test(v.before.slice(Math.max(0, at - 30), at))) return null;
    // "nhận lời mời của X, Y đã thăm …", "at the invitation of X, Y visited …": an invitation taken up
    if (v.ctx.rules.invitationTaken?.test(v.before.slice(Math.max(0, at - 12), at + 20))) return null;
    // "Biden cho phép cung cấp mìn cho Ukraine", "approved the sale of": an approval of arms is the development
    if (v.cue.type === "arms" && v.ctx.rules.approvalBeforeCue?.test(v.before.slice(-20))) return null;
    // "… sent an invitation during his visit to the Far East": a cue framed as when something
    // happened is an event, whatever was hoped or offered during it
    if (v.ctx.rules.duringBeforeCue.test(v.before.slice(-20))) return null;
    return "modal: a hope, call or readiness, not an event";
  },
};

/** "một cuộc gặp giữa hai nhà lãnh đạo vẫn có thể diễn ra", "a meeting could still take place": a possibility, not an event. */
const modalAfter: CueFilter = {
  name: "modal-after",
  drop: (v) => {
    if (v.documentByYear) return null;
    const after = afterCue(v, 70).split(/[,;:]/u)[0]!;
    return test(v.ctx.lex.modalAfter, after) ? "modal: it may happen, not an event" : null;
  },
};

/** "regularly hold drills", "các cuộc tập trận": a habit or a series, unless the sentence dates one. */
const generic: CueFilter = {
  name: "generic",
  drop: (v) => {
    if (test(v.ctx.lex.generic, v.clause.text) && !v.hasDate) return "generic: a habit or a series, not one event";
    // "các chuyến công du", "several visits": a series even when the sentence dates its start
    if ((v.cue.type === "visit" || v.cue.type === "talks") && v.ctx.rules.pluralBefore.test(v.before.slice(-25))) return "a series of visits or meetings, not one";
    // "các chuyến công du tới Ấn Độ, Indonesia …": the destinations of a series
    if (v.cue.type === "visit" && v.ctx.rules.seriesBefore.test(v.before.slice(Math.max(v.clause.start, v.rel - 70)))) return "a series of visits or meetings, not one";
    return null;
  },
};

/** An agreement on trade or culture is not defense cooperation. */
const agreementWithoutDefense: CueFilter = {
  name: "agreement-without-defense",
  drop: (v) =>
    v.cue.type === "agreement" && !test(v.ctx.lex.defenseContext, v.lower) && !test(v.ctx.lex.defenseContext, v.cue.text) && !test(v.ctx.lex.partnership, v.lower)
      ? "agreement without defense, security or partnership content"
      : null,
};

/**
 * "confident the defence pact would be backed by any future government", "theo hiệp định …": a document named in a
 * sentence that says nothing was signed, adopted, upgraded or took effect is only mentioned, not
 * a development — unless it is named by its own year (documentByYear), which dates it, or it is a
 * statement dated in its sentence ("in a joint statement Sunday"): a statement is issued by being made.
 */
const documentWithoutAct: CueFilter = {
  name: "document-without-act",
  continues: true,
  drop: (v) =>
    v.cue.type === "agreement" &&
    !v.documentByYear &&
    !test(v.ctx.lex.agreementActs, v.lower) &&
    !(v.hasDate && test(v.ctx.lex.statementDocuments, v.cue.text))
      ? "a document mentioned, not signed, adopted or upgraded"
      : null,
};

/**
 * "China and Russia each held their own drills", "Japan drilled while China sent ships": an
 * exercise is joint only when the sentence says so (a joint word, "with", two countries named
 * together), and never when it says the drills were separate.
 */
const notJoint: CueFilter = {
  name: "not-joint",
  drop: (v) => {
    if (v.cue.type !== "exercise" && v.cue.type !== "patrol") return null;
    if (test(v.ctx.lex.separate, v.clause.text)) return "each side on its own: not a joint exercise";
    // "cùng lúc với cuộc tập trận của X, hải quân Y cũng diễn tập", "while
    // China drilled, the US also …": two drills at one time, each its own
    if (v.ctx.rules.simultaneous.test(v.lower)) return "two drills at the same time, each side its own";
    if (test(v.ctx.lex.jointMarks, v.lower) || namedTogether(v) || withPartner(v)) return null;
    return "one country's drill: nothing says it is joint";
  },
};

/** "operations with Republic of Korea Navy ships", "cùng với hải quân Ấn Độ": a partner is named. */
function withPartner(v: CueView): boolean {
  return v.mentions.some((m) => m.country && m.use === "side" && m.kind !== "person" && v.ctx.rules.withBeforePartner.test(v.ctx.doc.slice(Math.max(v.s.start, m.start - 30), m.start).toLowerCase()));
}

/** "Chinese and Russian bombers", "hải quân Việt Nam và Ấn Độ": two countries named as one subject. */
function namedTogether(v: CueView): boolean {
  const sides = v.mentions.filter((m) => m.country && m.use === "side" && m.kind !== "person");
  for (let i = 0; i + 1 < sides.length; i++) {
    const between = v.ctx.doc.slice(sides[i]!.end, sides[i + 1]!.start).toLowerCase();
    if (sides[i]!.country !== sides[i + 1]!.country && /^\s*(?:,|and|và|-|–|\/|&)\s*(?:the\s+)?$/u.test(between)) return true;
  }
  return false;
}

/** "A Japanese submarine will visit the Philippines": a ship's or an aircraft's call, not an official's visit. */
const vesselVisit: CueFilter = {
  name: "vessel-visit",
  drop: (v) => {
    if (v.cue.type !== "visit") return null;
    const near = v.lower.slice(Math.max(v.clause.start, v.rel - 45), v.rel);
    // right before the cue, or anywhere in a sentence that names no person ("… trên đường đến thăm Nhật Bản, tàu TCG Kinaliada …")
    if (!test(v.ctx.lex.vesselVisitors, near) && (v.mentions.some((m) => m.kind === "person") || !test(v.ctx.lex.vesselVisitors, v.lower))) return null;
    // a person named there is the visitor ("the minister flew to …"), not the ship
    if (v.mentions.some((m) => m.kind === "person" && m.start >= v.s.start + Math.max(v.clause.start, v.rel - 45) && m.start < v.cue.start)) return null;
    return "a ship's or aircraft's call, not an official's visit";
  },
};

/**
 * "Trump 'để mắt' tới Greenland", "an E-3 Sentry arrived off Lebanon": a visit needs someone who
 * travels — a person, an official's title or a delegation, a pronoun, or the two leaders.
 */
const nobodyTravels: CueFilter = {
  name: "nobody-travels",
  drop: (v) => {
    if (v.cue.type !== "visit") return null;
    if (v.mentions.some((m) => m.kind === "person")) return null;
    if (test(v.ctx.lex.titles, v.lower) || test(v.ctx.lex.anaphoraPair, v.lower) || test(v.ctx.lex.pairDescriptor, v.lower) || test(v.ctx.lex.mainEventRef, v.lower) || PRONOUN_START.test(v.s.text)) return null;
    return "nobody named who travels";
  },
};

/**
 * "Bộ Ngoại giao X chuyển công hàm đến Đại sứ quán Y", "điều oanh tạc cơ đến gần Y",
 * "lời lẽ … nhắm tới Y": a bare motion word goes with what is sent or aimed,
 * not with a journey, when a thing or an aim comes between the last person named and it.
 */
const sentNotTravel: CueFilter = {
  name: "sent-not-travel",
  drop: (v) => {
    const { bareMotionCue, notTravelBetween } = v.ctx.rules;
    if (v.cue.type !== "visit" || !bareMotionCue || !notTravelBetween || !bareMotionCue.test(v.cue.text)) return null;
    const lastPerson = v.mentions.filter((m) => m.kind === "person" && m.end <= v.cue.start).pop();
    const from = Math.max(lastPerson ? lastPerson.end - v.s.start : 0, v.clause.start);
    return notTravelBetween.test(v.lower.slice(from, v.rel)) ? "a thing sent or aimed there, not a journey" : null;
  },
};

/**
 * "peace talks in Geneva", "ceasefire talks in Kuwait", "đàm phán hòa bình": talks to end a war are
 * between belligerents and mediators, not defense cooperation of the countries named.
 */
const warTalks: CueFilter = {
  name: "war-talks",
  drop: (v) => {
    if (v.cue.type !== "talks") return null;
    const after = afterCue(v, 40);
    return v.ctx.rules.warTalksBefore?.test(v.before.slice(-20)) || v.ctx.rules.warTalksAfter?.test(after) ? "talks to end a war, not cooperation" : null;
  },
};

/** "cuộc họp Bộ Quốc phòng Peru", "a meeting of the party's central committee": one country's own meeting. */
const domesticMeeting: CueFilter = {
  name: "domestic-meeting",
  drop: (v) =>
    v.cue.type === "talks" && (v.ctx.rules.domesticMeetingAfter?.test(afterCue(v, 60)) || v.ctx.rules.domesticMeetingBefore?.test(v.before.slice(-30)))
      ? "a meeting of one country's own institution"
      : null,
};

/** "a maritime talks proposal", "peace talks offer": the cue only names what was proposed. */
const cueModifier: CueFilter = {
  name: "cue-modifier",
  drop: (v) => (v.ctx.rules.cueModifierAfter?.test(afterCue(v, 20)) ? "names a proposal, not an act" : null),
};

/**
 * "Commerce Minister Wang Wentao met his Japanese counterpart to discuss tariffs", "Bộ trưởng
 * Công Thương hội đàm …": ministers of trade, finance, health … meeting without a word of defense
 * or security is economic or civil cooperation, not a development. A visit of the head of state
 * or government that the ministers' meeting is part of ("Trong khuôn khổ chuyến thăm … của Chủ
 * tịch nước …, Bộ trưởng Giáo dục …") is still that leader's visit.
 */
const civilMinisters: CueFilter = {
  name: "civil-ministers",
  drop: (v) =>
    (v.cue.type === "talks" || v.cue.type === "visit") &&
    v.ctx.rules.civilOffice.test(v.lower) &&
    !test(v.ctx.lex.defenseContext, v.lower) &&
    !v.ctx.rules.offices.some(([re, role]) => (role === "defense_minister" || (v.cue.type === "visit" && (role === "head_of_state" || role === "head_of_government"))) && re.test(v.lower))
      ? "ministers of civil portfolios meeting without defense content"
      : null,
};

/**
 * "coi giáo dục - đào tạo là nền tảng", "lưu học sinh được đào tạo tại Bulgaria": training of
 * students, scientists or workers, with no military or security word in the sentence and none in
 * the cue itself, is education, not defense training.
 */
const civilTraining: CueFilter = {
  name: "civil-training",
  drop: (v) =>
    v.cue.type === "training" && !test(v.ctx.lex.defenseContext, v.lower) && !MILITARY_TRAINEES.test(v.cue.text.toLowerCase())
      ? "education or civil training, not defense"
      : null,
};
const MILITARY_TRAINEES = /sĩ quan|quân|phi công|binh sĩ|học viên|officer|cadet|pilot|troop|soldier|sailor|forces|personnel|military/u;

/**
 * "Phát biểu khi công du châu Âu, Thủ tướng …", "during a tour of Asia": the trip goes to a
 * region; a country named elsewhere in the sentence is not where it went — unless one follows the
 * region ("a tour of Asia that took him to Japan").
 */
const regionTour: CueFilter = {
  name: "region-tour",
  drop: (v) => {
    if (v.cue.type !== "visit") return null;
    const after = afterCue(v);
    const m = v.ctx.lex.regionAfterVisit.exec(after);
    if (!m) return null;
    // a country named before the region, not the traveller's own, is where the trip went ("chuyến thăm Lào của … tới khu vực")
    const pre = m.groups?.pre;
    if (pre) {
      const preEnd = v.cue.end + m[0].indexOf(pre) + pre.length;
      const inPre = v.mentions.filter((x) => x.country && x.start >= v.cue.end && x.start < preEnd);
      // the traveller's own country: of a person named there, or right after a title ("Tổng thống Peru")
      const travellers = new Set(inPre.filter((x) => x.kind === "person").map((x) => x.country));
      const titled = (x: EntityMention) => test(v.ctx.lex.titleBefore, v.ctx.doc.slice(Math.max(v.cue.end, x.start - 30), x.start).toLowerCase());
      if (inPre.some((x) => x.kind !== "person" && !travellers.has(x.country) && !titled(x))) return null;
    }
    const regionEnd = v.cue.end + m[0].length;
    const stop = (x: EntityMention) => v.ctx.rules.regionStopBefore.test(v.ctx.doc.slice(regionEnd, x.start).toLowerCase());
    if (v.mentions.some((x) => x.country && x.kind !== "person" && x.start >= regionEnd && x.start <= regionEnd + 40 && stop(x))) return null;
    return "a tour of a region: no country it went to is named";
  },
};

/** "met visiting Italian lawmakers", "đoàn nghị sĩ … thăm": lawmakers, students or business people travel, no official. */
const nonOfficialVisitors: CueFilter = {
  name: "non-official-visitors",
  drop: (v) => {
    if (v.cue.type !== "visit") return null;
    const near = v.lower.slice(Math.max(0, v.rel - 25), v.rel + v.cue.text.length + 25);
    return test(v.ctx.lex.nonOfficialVisitors, near) ? "lawmakers, students or business people, not officials" : null;
  },
};

/** "indirect talks … mediated by Qatar and Egypt": the sponsors of others' talks are no pair. */
const sponsoredTalks: CueFilter = {
  name: "sponsored-talks",
  drop: (v) => (v.cue.type === "talks" && v.ctx.rules.sponsorsAfterCue.test(afterCue(v)) ? "talks of others that these countries sponsor or host" : null),
};

/** "luôn hoan nghênh việc tăng cường đối thoại", "to keep dialogue open": dialogue as a goal, not a meeting. */
const abstractDialogue: CueFilter = {
  name: "abstract-dialogue",
  drop: (v) => {
    if (v.cue.type !== "talks") return null;
    const window = v.lower.slice(Math.max(0, v.rel - 50), v.rel + v.cue.text.length);
    return v.ctx.lex.abstractDialogue.test(window) ? "dialogue as a goal or a habit, not a meeting" : null;
  },
};

/**
 * "the envoy traveled to Beijing for talks over tariffs and exports", "hội đàm
 * về thương mại và đầu tư": talks or a visit about trade or the economy, without a word of defense
 * or security, are economic cooperation — never a development (ANNOTATION.md).
 */
const economicOnly: CueFilter = {
  name: "economic-only",
  drop: (v) =>
    (v.cue.type === "talks" || v.cue.type === "visit") && test(v.ctx.lex.economicContext, v.lower) && !test(v.ctx.lex.defenseContext, v.lower)
      ? "trade or economic talks without defense content"
      : null,
};

/** "a closed-door meeting of the UN Security Council": a forum's meeting, not talks of two countries. */
const forumMeeting: CueFilter = {
  name: "forum-meeting",
  drop: (v) =>
    v.cue.type === "talks" && (v.ctx.lex.forumAfter.test(afterCue(v)) || v.ctx.lex.forumBefore.test(v.before.slice(-40)))
      ? "a meeting of a multilateral forum"
      : null,
};

/**
 * "Đối thoại Shangri-La", "the Shangri-La Dialogue", "the Raisina Dialogue": a talks word that is
 * part of a forum's proper name (capitalised, with a capitalised name beside it that is no
 * country) names the forum, not talks of two countries.
 */
const forumName: CueFilter = {
  name: "forum-name",
  drop: (v) => {
    if (v.cue.type !== "talks") return null;
    const doc = v.ctx.doc;
    if (!/^\p{Lu}/u.test(doc.slice(v.cue.start, v.cue.end)) || v.cue.start <= v.s.start) return null;
    const isCountry = (from: number, to: number) => v.mentions.some((m) => m.country && m.start < to && m.end > from);
    // the capitalised words of the name, after the cue ("Đối thoại Shangri-La") and before it
    // ("the Shangri-La Dialogue"); a name that holds a country ("the US-India Strategic Dialogue",
    // "Đối thoại Chiến lược Việt Nam - Ấn Độ") or a number ("2+2 Dialogue") is the two countries' own
    const next = /^(?:\s+[\p{Lu}\d][\p{L}\d-]*){1,5}/u.exec(doc.slice(v.cue.end, v.cue.end + 60))?.[0] ?? "";
    const prev = /(?:[\p{Lu}\d][\p{L}\d+-]*\s+){1,4}$/u.exec(doc.slice(Math.max(v.s.start, v.cue.start - 60), v.cue.start))?.[0] ?? "";
    if (!next && !prev) return null;
    if (isCountry(v.cue.start - prev.length, v.cue.end + next.length) || /\d/u.test(prev + next)) return null;
    return "the name of a forum, not talks of two countries";
  },
};

/** "Trong cuộc họp với Tổng thư ký NATO …", "a meeting with the NATO chief": talks with an organization, not a country. */
const talksWithOrganization: CueFilter = {
  name: "talks-with-organization",
  drop: (v) => {
    if (v.cue.type !== "talks") return null;
    const after = afterCue(v, 40);
    const w = withAfterCue(v.ctx, v.cue.text, after);
    if (w === null) return null;
    const from = v.cue.end + w.length;
    const next = v.mentions.find((m) => m.start >= from && m.start <= from + 30);
    return next && next.kind === "org" ? "talks with an organization, not a country" : null;
  },
};

export const CUE_FILTERS: readonly CueFilter[] = [agreementContent, conflictBefore, armsContractSigning, armistice, negated, modal, modalAfter, generic, agreementWithoutDefense, documentWithoutAct, notJoint, vesselVisit, nobodyTravels, sentNotTravel, warTalks, cueModifier, domesticMeeting, forumMeeting, forumName, talksWithOrganization, civilMinisters, civilTraining, economicOnly, abstractDialogue, regionTour, sponsoredTalks, nonOfficialVisitors];

/** The first filter's reason to drop the cue (and whether the cue still continues what was just reported), or null. */
export function dropReason(v: CueView): { reason: string; continues: boolean } | null {
  for (const f of CUE_FILTERS) {
    const r = f.drop(v);
    if (r) return { reason: r, continues: f.continues === true };
  }
  return null;
}

/** Conflict words of a sentence that are not hypothetical. */
export function conflictSpans(ctx: Ctx, lower: string, offset: number): ConflictSpan[] {
  const out: ConflictSpan[] = [];
  const re = ctx.lex.conflict;
  re.lastIndex = 0;
  for (let m = wordExec(re, lower); m; m = wordExec(re, lower)) {
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
