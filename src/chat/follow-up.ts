/**
 * Follow-up questions in a thread, for every front end: the answerer the chat core's `followUp`
 * hook takes (ChatCoreDeps.followUp), and the rendering of an Answer as a neutral Reply (plain
 * text; Slack's renderer escapes it, the shell prints it). In Slack the thread's context lives on
 * the parent message's bot_messages row; a switch of pair and the position "more" continues from
 * are written back to it, so the next reply in the thread goes on from this answer.
 */
import type { BotMessagesRepo } from "../db/bot-messages.repo.ts";
import { silentLogger } from "../lib/log.ts";
import { answerQuestion, type Answer, type AnswerDeps, type AnswerItem } from "../services/answer.ts";
import { countryName, type CountryDirectory } from "./countries.ts";
import { formatDateSpan, hostOf, typeLabel } from "./format.ts";
import { t, type Lang } from "./i18n/index.ts";
import { summaryIn, type SummaryRenderer } from "../domain/types.ts";
import type { FollowUpAnswerer, Reply, ReplyItem, ReplyLink, ThreadContext } from "./reply.ts";
import { encodePick } from "./topic.ts";

/** What the follow-up answerer needs: the answer service's deps, country names and the thread records. */
export interface FollowUpDeps extends AnswerDeps {
  countries: CountryDirectory;
  /** where thread contexts live (Slack); absent in the shell */
  botMessages?: BotMessagesRepo;
  /** summaries in another language from a development's fields (as ChatCoreDeps.summarize) */
  summarize?: SummaryRenderer;
}

/** Builds the answerer to pass as ChatCoreDeps.followUp. */
export function createFollowUpAnswerer(deps: FollowUpDeps): FollowUpAnswerer {
  const log = deps.logger ?? silentLogger;
  return async (context, text) => {
    const started = performance.now();
    const answer = await answerQuestion(
      deps,
      { pair: context.pair, since: context.since, type: context.type, cursor: context.cursor },
      text,
    );
    log.info("answer: follow-up answered", {
      kind: answer.question.kind,
      items: answer.items.length,
      composed: answer.composed !== null,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    if (deps.botMessages && context.channel && context.threadTs && answer.pair && (answer.items.length || answer.question.switchPair)) {
      const parent = deps.botMessages.find(context.channel, context.threadTs);
      if (parent) {
        deps.botMessages.record({
          ...parent,
          countryA: answer.pair.a,
          countryB: answer.pair.b,
          // a new pair starts its own "more" from the newest; otherwise go on from this answer
          cursor: answer.cursor ?? (answer.question.switchPair ? null : parent.cursor),
          typeFilter: answer.question.switchPair ? null : parent.typeFilter,
          since: answer.question.switchPair ? null : parent.since,
        });
      }
    }
    return answerToReply(answer, deps.countries, { choices: context.choices, question: text, alert: context.kind === "alert" }, context.lang ?? "en", deps.summarize);
  };
}

/** Buttons of one action block at most (Slack allows 25 elements; one is left for nothing else). */
const MAX_CHOICES = 24;

/** An Answer as a Reply: 1–3 dated items with summary, quote and source links, or a plain "nothing found". */
export function answerToReply(a: Answer, countries: CountryDirectory, asked: { choices?: ThreadContext["choices"]; question?: string; alert?: boolean } = {}, lang: Lang = "en", summarize?: SummaryRenderer): Reply {
  const name = (c: string) => countryName(countries, c, lang);
  const pairTitle = a.pair ? `${name(a.pair.a)} – ${name(a.pair.b)}` : "";
  const plain = (text: string, footer?: string): Reply => ({ ephemeral: false, items: [{ text }], actions: [], footer, lang });
  if (a.needsPair && asked.choices?.length) {
    // a digest's (or an alert burst's) thread covers several pairs: offer its pairs as buttons that answer this very question
    const shown = asked.choices.slice(0, MAX_CHOICES);
    return {
      ephemeral: false,
      items: [{ text: t(lang, asked.alert ? "answer.whichAlertPair" : "answer.whichDigestPair") }],
      actions: shown.map((p) => ({ id: "pick" as const, label: `${name(p.a)} – ${name(p.b)}`, value: encodePick(p, asked.question ?? "") })),
      footer: asked.choices.length > shown.length ? t(lang, asked.alert ? "answer.moreAlertPairs" : "answer.morePairs", { n: asked.choices.length - shown.length }) : undefined,
      lang,
    };
  }
  if (a.needsPair) return plain(t(lang, "answer.whichPair"));
  if (!a.items.length) {
    if (a.question.kind === "more") return plain(t(lang, "answer.nothingOlder", { pair: pairTitle }));
    // what was asked about is the question's own words in English; in Vietnamese the sentence says "what you asked"
    const what = lang === "en" && a.nothingAbout ? a.nothingAbout : t(lang, "answer.anything");
    return plain(t(lang, "answer.nothingAbout", { what, pair: pairTitle }), t(lang, "answer.nothingFooter"));
  }
  const allLinks = a.question.kind === "sources";
  const where = a.question.switchPair ? t(lang, "answer.switched", { pair: pairTitle }) : pairTitle;
  const footer = t(lang, "answer.footer");

  if (a.composed) {
    const items: ReplyItem[] = [{ text: a.composed.text }];
    for (const p of a.composed.passages) {
      items.push({ lead: `[${p.n}] ${p.outlet?.trim() || hostOf(p.url)}${p.date ? ` · ${p.date}` : ""}`, text: `“${p.text.length > 300 ? p.text.slice(0, 299) + "…" : p.text}”`, links: p.url ? [{ url: p.url, label: p.outlet?.trim() || hostOf(p.url) }] : [] });
    }
    return {
      ephemeral: false,
      context: t(lang, "answer.composed", { where }),
      items,
      footer,
      actions: [],
      lang,
    };
  }
  return {
    ephemeral: false,
    context: a.items.length === 1 ? t(lang, "answer.fromOne", { where }) : t(lang, "answer.fromMany", { where, n: a.items.length }),
    items: a.items.map((it) => itemToReply(it, allLinks, lang, summarize)),
    footer,
    actions: [],
    lang,
  };
}

function itemToReply(it: AnswerItem, allLinks: boolean, lang: Lang, summarize: SummaryRenderer | undefined): ReplyItem {
  const links: ReplyLink[] = (allLinks ? it.sources : it.sources.slice(0, 3)).map((s) => ({ url: s.url, label: s.outlet?.trim() || hostOf(s.url) }));
  const more = !allLinks && it.sources.length > 3 ? t(lang, "answer.moreSources", { n: it.sources.length - 3 }) : "";
  // the summary in the answer's language from the development's fields; the quote stays in its own language
  const summary = summaryIn(lang, it.summary, () => it.facts, summarize);
  return {
    lead: `${formatDateSpan(it.dateStart, it.dateEnd, it.datePrecision, lang)} · ${typeLabel(it.type, it.status, lang)}`,
    text: summary + (it.quote ? `\n“${it.quote.text}”` : "") + more,
    links,
  };
}
