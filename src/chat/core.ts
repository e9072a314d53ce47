/**
 * The Slack-agnostic chat core: text in, neutral Reply out. Slack and the terminal shell are two
 * front ends over it. Its dependencies (services, repos, gazetteer, clock) are passed in.
 */
import type { BotMessagesRepo } from "../db/bot-messages.repo.ts";
import type { ChannelSettingsRepo } from "../db/channel-settings.repo.ts";
import type { WatchesRepo } from "../db/watches.repo.ts";
import { ALERT_WINDOW_DAYS, EVENT_TYPES, type CountryPair, summaryIn, type DevelopmentFacts, type EventType, type SummaryRenderer } from "../domain/types.ts";
import { systemClock, type Clock } from "../lib/clock.ts";
import { silentLogger, type Logger } from "../lib/log.ts";
import type { TimelinePage, TimelineService } from "../services/timeline.ts";
import { countryName, type CountryDirectory } from "./countries.ts";
import { formatDateSpan, formatDay, hostOf, typeCount, typeLabel, typePlural } from "./format.ts";
import { t, tn, type Lang } from "./i18n/index.ts";
import { parseCommand, type CommandFilter } from "./parse.ts";
import { chartStrings } from "./chart-strings.ts";
import { buildChartSvg, periodLabel } from "./chart-svg.ts";
import { alertStrings } from "./alert-strings.ts";
import type { FollowUpAnswerer, Reply, ReplyItem, ThreadContext, Topic } from "./reply.ts";
import { chartAction, decodePick, decodeTopic, encodeTopic, formatCursor, parseCursor } from "./topic.ts";

export type * from "./reply.ts";

/** Who asked and where (Slack channel and user; the shell uses "shell"). */
export interface ChatContext {
  channel?: string;
  user?: string;
}

/** What the chat core needs. */
export interface ChatCoreDeps {
  timeline: TimelineService;
  countries: CountryDirectory;
  watches: WatchesRepo;
  botMessages: BotMessagesRepo;
  clock?: Clock;
  logger?: Logger;
  /** developments per page (default 10) */
  pageSize?: number;
  /** answers thread replies; until issue 6 lands, a polite "not available yet" */
  followUp?: FollowUpAnswerer;
  /** channels' language settings (`/relations lang`); absent: every answer follows its command */
  settings?: ChannelSettingsRepo;
  /**
   * A development's summary in a language, written at reply time from its extracted fields
   * (src/analyze/summary-vi.ts); absent, or for English, the stored English summary is shown.
   */
  summarize?: SummaryRenderer;
  /**
   * When the next weekly digest is posted and in which time zone (Slack); null while not known.
   * Absent: no digest runs here (the terminal shell).
   */
  nextDigest?: () => { at: Date; tz: string } | null;
}

/** The commands and actions every front end calls. */
export interface ChatCore {
  /** Answers the text after `/relations`. */
  command(text: string, ctx: ChatContext): Promise<Reply>;
  /** The next older page of the timeline a "Show older" button carries; null for a stale/foreign value. */
  older(value: string): Reply | null;
  /**
   * The activity chart of the topic a "Chart" button carries: a reply with the PNG as its image,
   * a text answer when the pair has nothing to chart; null for a stale/foreign value.
   */
  chart(value: string): Promise<Reply | null>;
  /** The timeline a "Share in channel" button carries, rebuilt for everyone to see. */
  shared(value: string): Reply | null;
  /** Records what a message posted in a channel is about, so its thread has a context. */
  recordPosted(channel: string, ts: string, topic: Topic): void;
  /** The context of a thread whose parent the bot posted; null for other threads. */
  threadContext(channel: string, threadTs: string): ThreadContext | null;
  /** Answers a reply in a thread (Slack) or to a numbered answer (shell). */
  followUp(context: ThreadContext, text: string): Promise<Reply>;
  /**
   * A "which pair?" button pressed in a digest's thread: the thread follows that pair from now on
   * and the question the button carries is answered for it. Null for a stale or foreign value.
   */
  pickPair(channel: string, threadTs: string, value: string): Promise<Reply | null>;
  /** The short usage answer to a mention of the bot outside a thread it started. */
  mentionHelp(channel?: string): Reply;
  /** The apology shown when something failed (in the channel's language when it has one). */
  apology(channel?: string): Reply;
  /** The language a channel's answers are in when it has a setting, else null. */
  channelLang(channel: string | undefined): Lang | null;
  /** The thread context of a topic (for the shell, which has no Slack threads). */
  contextOf(topic: Topic): ThreadContext;
}


/** The placeholder answerer used until follow-ups (issue 6) are wired. */
export const followUpNotAvailable: FollowUpAnswerer = async (context) => ({
  ephemeral: false,
  items: [{ text: t(context.lang ?? "en", "followUp.unavailable") }],
  actions: [],
  lang: context.lang ?? "en",
});

/** Builds the chat core. */
export function createChatCore(deps: ChatCoreDeps): ChatCore {
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? silentLogger;
  const pageSize = deps.pageSize ?? 10;
  const name = (code: string, lang: Lang) => countryName(deps.countries, code, lang);
  const pairTitle = (p: CountryPair, lang: Lang) => `${name(p.a, lang)} – ${name(p.b, lang)}`;
  const simple = (lang: Lang, text: string, extra: Partial<Reply> = {}): Reply => ({ ephemeral: true, items: [{ text }], actions: [], lang, ...extra });
  const channelLang = (channel: string | undefined): Lang | null => {
    if (!channel || !deps.settings) return null;
    try {
      return deps.settings.lang(channel);
    } catch (err) {
      // an apology must still go out when the database is what failed: in English then
      log.error("chat: reading the channel's language failed", { err, channel });
      return null;
    }
  };
  const summaryOf = (e: { facts?: DevelopmentFacts; summary: string }, lang: Lang): string =>
    summaryIn(lang, e.summary, e.facts && (() => e.facts!), deps.summarize, (err) => log.error("chat: summary in another language failed", { err, lang }));

  /** " The next one comes Mon, 28 Oct 2024, 08:00 (Asia/Ho_Chi_Minh)." — or why there is none */
  const nextDigestText = (lang: Lang): string => {
    if (!deps.nextDigest) return t(lang, "digest.notHere");
    const next = deps.nextDigest();
    if (!next) return "";
    const when = new Intl.DateTimeFormat(lang === "vi" ? "vi-VN" : "en-GB", { timeZone: next.tz, weekday: "short", day: "numeric", month: lang === "vi" ? "numeric" : "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(next.at);
    return t(lang, "digest.next", { when, tz: next.tz });
  };

  const filterText = (f: CommandFilter, lang: Lang) =>
    [f.type ? typePlural(f.type, lang) : "", f.since ? t(lang, "filter.since", { date: formatDay(f.since, lang) }) : ""].filter(Boolean).join(" ");

  const timelineReply = (topic: Topic, ephemeral: boolean): Reply => {
    const lang = topic.lang ?? "en";
    const filter = { since: topic.since, type: topic.type };
    const page: TimelinePage = deps.timeline.page(topic.pair, filter, parseCursor(topic.start), pageSize);
    const ft = filterText(filter, lang);
    const header = pairTitle(topic.pair, lang) + (ft ? ` · ${ft}` : "");
    const [a, b] = [name(topic.pair.a, lang), name(topic.pair.b, lang)];
    if (page.entries.length === 0 && !topic.start) {
      return {
        ephemeral: true,
        header,
        items: [{ text: ft ? t(lang, "timeline.emptyFiltered", { a, b, filter: ft }) : t(lang, "timeline.empty", { a, b }) }],
        footer: t(lang, "timeline.emptyFooter", { a: a.toLowerCase() }),
        actions: [],
        lang,
      };
    }
    const s = page.stats;
    const offset = topic.offset ?? 0;
    const context = [
      t(lang, "timeline.from", { developments: tn(lang, "count.developments", s.developments), sources: tn(lang, "count.sources", s.sources) }),
      s.lastUpdated ? t(lang, "timeline.lastUpdated", { date: formatDay(s.lastUpdated, lang) }) : "",
      s.developments > page.entries.length ? t(lang, "timeline.showing", { from: offset + 1, to: offset + page.entries.length }) : "",
    ]
      .filter(Boolean)
      .join(" · ");
    const items: ReplyItem[] = page.entries.map((e) => ({
      lead: `${formatDateSpan(e.dateStart, e.dateEnd, e.datePrecision, lang)} · ${typeLabel(e.type, e.status, lang)}`,
      text: summaryOf(e, lang),
      links: e.sources.map((src) => ({ url: src.url, label: src.outlet?.trim() || hostOf(src.url) })),
    }));
    const last = page.entries[page.entries.length - 1];
    const shown: Topic = { ...topic, oldest: last ? formatCursor({ dateStart: last.dateStart, id: last.id }) : undefined };
    const actions: Reply["actions"] = [];
    if (page.nextCursor) {
      actions.push({
        id: "older",
        label: t(lang, "action.older"),
        value: encodeTopic({ ...topic, start: formatCursor(page.nextCursor), offset: offset + page.entries.length }),
      });
    }
    if (ephemeral) actions.push({ id: "share", label: t(lang, "action.share"), value: encodeTopic(topic) });
    actions.push(chartAction(topic, lang));
    return { ephemeral, header, context, items, actions, topic: shown, lang };
  };

  /** The pair's activity chart as a reply with a PNG; a text answer when it has nothing to chart. */
  const chartReply = async (topic: Topic): Promise<Reply> => {
    const lang = topic.lang ?? "en";
    const S = chartStrings(lang);
    const filter = { since: topic.since, type: topic.type };
    const series = deps.timeline.activity(topic.pair, filter);
    const ft = filterText(filter, lang);
    const title = pairTitle(topic.pair, lang);
    if (!series) return simple(lang, S.empty(name(topic.pair.a, lang), name(topic.pair.b, lang), ft), { header: title });
    const span = series.fromYear === series.toYear ? String(series.fromYear) : `${series.fromYear}–${series.toYear}`;
    const svg = buildChartSvg(series, { title: S.title(title, series.unit, span), subtitle: S.subtitle(series.total, ft) }, S);
    // the renderer (a native module) loads on the first chart, not at start
    const { svgToPng } = await import("./chart-png.ts");
    const latest = series.periods[series.latest]!;
    return {
      ephemeral: false,
      items: [{ text: S.caption(title, series.total, span) }],
      // the same chart again, for an answer that says the upload failed
      actions: [chartAction(topic, lang)],
      image: {
        png: svgToPng(svg),
        filename: `relations-${topic.pair.a}-${topic.pair.b}-${series.unit}.png`.toLowerCase(),
        title: S.title(title, series.unit, span),
        alt: S.alt(title, series.unit, span, series.total, periodLabel(latest, S), latest.total),
      },
      lang,
    };
  };

  const partnersReply = (code: string, filtered: boolean, lang: Lang): Reply => {
    const partners = deps.timeline.partners(code);
    const country = name(code, lang);
    const header = t(lang, "partners.header", { country });
    if (partners.length === 0) return simple(lang, t(lang, "partners.empty", { country }), { header });
    const total = partners.reduce((n, p) => n + p.total, 0);
    const shown = partners.slice(0, 100);
    return {
      ephemeral: true,
      header,
      context: [tn(lang, "count.partners", partners.length), tn(lang, "count.developments", total), partners.length > shown.length ? t(lang, "partners.topShown", { n: shown.length }) : ""].filter(Boolean).join(" · "),
      dense: true,
      items: shown.map((p) => ({
        lead: name(p.partner, lang),
        text:
          `${p.total} — ` +
          Object.entries(p.byType)
            .sort((x, y) => y[1] - x[1] || EVENT_TYPES.indexOf(x[0] as EventType) - EVENT_TYPES.indexOf(y[0] as EventType))
            .map(([ty, n]) => typeCount(ty as EventType, n, lang))
            .join(", ") +
          ` · ${t(lang, "partners.latest", { date: formatDateSpan(p.latest, p.latestEnd, p.latestPrecision, lang) })}`,
      })),
      footer: t(lang, "partners.footer", { country: country.toLowerCase() }) + (filtered ? t(lang, "partners.footerFiltered") : ""),
      actions: [],
      lang,
    };
  };

  return {
    async command(text, ctx) {
      const cmd = parseCommand(text, deps.countries);
      // the channel's setting wins; else the language the command was written in; else English
      const lang: Lang = channelLang(ctx.channel) ?? cmd.lang ?? "en";
      log.debug("chat: command", { kind: cmd.kind, lang, user: ctx.user, channel: ctx.channel });
      switch (cmd.kind) {
        case "help":
          return helpReply(lang);
        case "timeline":
          return timelineReply({ kind: "timeline", pair: cmd.pair, since: cmd.filter.since, type: cmd.filter.type, ...(lang === "en" ? {} : { lang }) }, true);
        case "chart":
          return chartReply({ kind: "timeline", pair: cmd.pair, since: cmd.filter.since, type: cmd.filter.type, ...(lang === "en" ? {} : { lang }) });
        case "partners":
          return partnersReply(cmd.country.code, Boolean(cmd.filter.since || cmd.filter.type), lang);
        case "same_country": {
          const country = cmd.country[lang];
          return simple(lang, t(lang, "error.sameCountry", { country, lower: country.toLowerCase() }));
        }
        case "unknown_country": {
          const names = cmd.suggestions.map((c) => c[lang]);
          const hint = names.length ? t(lang, "error.didYouMean", { list: orList(names, t(lang, "list.or")) }) : t(lang, "error.countryHint");
          return simple(lang, t(lang, "error.unknownCountry", { name: cmd.name }) + hint);
        }
        case "bad_option":
          return simple(lang, t(lang, cmd.key, { ...cmd.vars, ...(cmd.country ? { country: cmd.country[lang].toLowerCase() } : {}) }));
        case "lang": {
          const channel = ctx.channel;
          if (!channel || !deps.settings) return simple(lang, t(lang, "lang.needsChannel"));
          if (cmd.value === null) {
            const cur = deps.settings.lang(channel);
            return simple(lang, cur ? t(lang, "lang.current", { language: t(lang, `lang.name.${cur}`) }) : t(lang, "lang.none"));
          }
          if (cmd.value === "bad") return simple(lang, t(lang, "lang.bad"));
          if (cmd.value === "auto") {
            deps.settings.clearLang(channel);
            return simple(cmd.lang ?? "en", t(cmd.lang ?? "en", "lang.cleared"));
          }
          deps.settings.setLang(channel, cmd.value, ctx.user ?? null, clock().toISOString());
          return simple(cmd.value, t(cmd.value, "lang.set", { language: t(cmd.value, `lang.name.${cmd.value}`) }));
        }
        case "watch":
        case "unwatch":
        case "watching": {
          const channel = ctx.channel;
          if (!channel) return simple(lang, t(lang, "watch.needsChannel"));
          if (cmd.kind === "watching") {
            const rows = deps.watches.listForChannel(channel);
            if (rows.length === 0) return simple(lang, t(lang, "watching.none"));
            return {
              ephemeral: true,
              header: t(lang, "watching.header"),
              dense: true,
              items: rows.map((r) => ({ text: pairTitle(r.pair, lang) + (r.alerts ? alertStrings(lang).watchingMarker : "") })),
              footer: t(lang, "watching.footer", { next: nextDigestText(lang) }),
              actions: [],
              lang,
            };
          }
          const pair = pairTitle(cmd.pair, lang);
          if (cmd.alerts) {
            const on = cmd.kind === "watch";
            const changed = deps.watches.setAlerts(channel, cmd.pair, on, ctx.user ?? null, clock().toISOString());
            const S = alertStrings(lang);
            if (on) return simple(lang, changed ? S.alertsOn(pair, ALERT_WINDOW_DAYS) : S.alertsAlreadyOn(pair));
            return simple(lang, changed ? S.alertsOff(pair) : S.alertsWereOff(pair));
          }
          if (cmd.kind === "watch") {
            const added = deps.watches.add(channel, cmd.pair, ctx.user ?? null, clock().toISOString());
            return simple(lang, added ? t(lang, "watch.added", { pair, next: nextDigestText(lang) }) : t(lang, "watch.already", { pair }));
          }
          const removed = deps.watches.remove(channel, cmd.pair);
          return simple(lang, removed ? t(lang, "unwatch.removed", { pair }) : t(lang, "unwatch.notWatching", { pair }));
        }
      }
    },

    older(value) {
      const topic = decodeTopic(value);
      return topic ? timelineReply(topic, true) : null;
    },

    async chart(value) {
      const topic = decodeTopic(value);
      return topic ? chartReply(topic) : null;
    },

    shared(value) {
      const topic = decodeTopic(value);
      return topic ? timelineReply(topic, false) : null;
    },

    recordPosted(channel, ts, topic) {
      deps.botMessages.record({
        channel,
        ts,
        kind: topic.kind,
        countryA: topic.pair.a,
        countryB: topic.pair.b,
        since: topic.since ?? null,
        until: null,
        typeFilter: topic.type ?? null,
        cursor: topic.oldest ?? null,
        createdAt: clock().toISOString(),
      });
    },

    threadContext(channel, threadTs) {
      const m = deps.botMessages.find(channel, threadTs);
      if (!m) return null;
      let pair = m.countryA && m.countryB ? { a: m.countryA, b: m.countryB } : null;
      let choices: CountryPair[] | undefined;
      // a digest's (or an alert burst's) thread: its pair is the only pair it lists, else one the
      // question names or the person picks
      const listed = (): CountryPair[] =>
        m.kind === "digest" && m.since && m.until ? deps.botMessages.digestPairs(channel, m.since, m.until) : m.kind === "alert" ? deps.botMessages.alertPairs(channel, threadTs) : [];
      if (!pair) {
        const pairs = listed();
        if (pairs.length === 1) pair = pairs[0]!;
        else if (pairs.length > 1) choices = pairs;
      }
      const lang = channelLang(channel);
      return {
        kind: m.kind,
        pair,
        ...(choices ? { choices } : {}),
        since: m.since,
        until: m.until,
        type: m.typeFilter,
        cursor: m.cursor,
        channel,
        threadTs,
        ...(lang ? { lang } : {}),
      };
    },

    async followUp(context, text) {
      // the channel's setting, else the language of the thread's parent (shell), else that of the question
      const lang = channelLang(context.channel) ?? context.lang ?? questionLang(text);
      return (deps.followUp ?? followUpNotAvailable)({ ...context, lang }, text);
    },

    async pickPair(channel, threadTs, value) {
      const picked = decodePick(value);
      const parent = picked ? deps.botMessages.find(channel, threadTs) : null;
      if (!picked || !parent) return null;
      deps.botMessages.record({ ...parent, countryA: picked.pair.a, countryB: picked.pair.b, cursor: null, typeFilter: null });
      const context = this.threadContext(channel, threadTs)!;
      return this.followUp(context, picked.question);
    },

    mentionHelp(channel) {
      const lang = channelLang(channel) ?? "en";
      return { ephemeral: false, items: [{ text: t(lang, "mention.help") }], actions: [], lang };
    },

    apology(channel) {
      const lang = channelLang(channel) ?? "en";
      return simple(lang, t(lang, "apology"));
    },

    channelLang,

    contextOf(topic) {
      return { kind: topic.kind, pair: topic.pair, since: topic.since ?? null, until: null, type: topic.type ?? null, cursor: topic.oldest ?? null, ...(topic.lang ? { lang: topic.lang } : {}) };
    },
  };
}

/** A question's language: Vietnamese when written with Vietnamese letters, else English. */
export function questionLang(text: string): Lang {
  return /[ăâđêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]/iu.test(text) ? "vi" : "en";
}

function helpReply(lang: Lang): Reply {
  const item = (k: "timeline" | "filters" | "chart" | "partners" | "watch" | "alerts" | "lang") => ({ lead: t(lang, `help.${k}.lead`), text: t(lang, `help.${k}`) });
  return {
    ephemeral: true,
    header: t(lang, "help.header"),
    items: [item("timeline"), item("filters"), item("chart"), item("partners"), item("watch"), item("alerts"), item("lang")],
    footer: t(lang, "help.footer"),
    actions: [],
    lang,
  };
}

function orList(xs: string[], or: string): string {
  return xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} ${or} ${xs[xs.length - 1]}`;
}
