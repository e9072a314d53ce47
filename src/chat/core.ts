/**
 * The Slack-agnostic chat core: text in, neutral Reply out. Slack and the terminal shell are two
 * front ends over it. Its dependencies (services, repos, gazetteer, clock) are passed in.
 */
import type { BotMessagesRepo } from "../db/bot-messages.repo.ts";
import type { WatchesRepo } from "../db/watches.repo.ts";
import { ALERT_WINDOW_DAYS, EVENT_TYPES, type CountryPair, type EventType } from "../domain/types.ts";
import { systemClock, type Clock } from "../lib/clock.ts";
import { silentLogger, type Logger } from "../lib/log.ts";
import type { TimelinePage, TimelineService } from "../services/timeline.ts";
import { countryName, type CountryDirectory } from "./countries.ts";
import { formatDateSpan, formatDay, hostOf, typeLabel, typePlural } from "./format.ts";
import { parseCommand, type CommandFilter } from "./parse.ts";
import { CHART_STRINGS_EN } from "./chart-strings.ts";
import { buildChartSvg, periodLabel } from "./chart-svg.ts";
import { ALERT_STRINGS } from "./alert-strings.ts";
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
  mentionHelp(): Reply;
  /** The apology shown when something failed. */
  apology(): Reply;
  /** The thread context of a topic (for the shell, which has no Slack threads). */
  contextOf(topic: Topic): ThreadContext;
}

/** The placeholder answerer used until follow-ups (issue 6) are wired. */
export const followUpNotAvailable: FollowUpAnswerer = async () => ({
  ephemeral: false,
  items: [{ text: "Follow-up questions are not available yet." }],
  actions: [],
});

/** Builds the chat core. */
export function createChatCore(deps: ChatCoreDeps): ChatCore {
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? silentLogger;
  const pageSize = deps.pageSize ?? 10;
  const name = (code: string) => countryName(deps.countries, code);
  const pairTitle = (p: CountryPair) => `${name(p.a)} – ${name(p.b)}`;
  const simple = (text: string, extra: Partial<Reply> = {}): Reply => ({ ephemeral: true, items: [{ text }], actions: [], ...extra });

  /** " The next one comes Mon, 28 Oct 2024, 08:00 (Asia/Ho_Chi_Minh)." — or why there is none */
  const nextDigestText = (): string => {
    if (!deps.nextDigest) return " (Weekly digests are posted when the app runs in Slack.)";
    const next = deps.nextDigest();
    if (!next) return "";
    const when = new Intl.DateTimeFormat("en-GB", { timeZone: next.tz, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(next.at);
    return ` The next one comes ${when} (${next.tz}).`;
  };

  const filterText = (f: CommandFilter) =>
    [f.type ? typePlural(f.type) : "", f.since ? `since ${formatDay(f.since)}` : ""].filter(Boolean).join(" ");

  const timelineReply = (topic: Topic, ephemeral: boolean): Reply => {
    const filter = { since: topic.since, type: topic.type };
    const page: TimelinePage = deps.timeline.page(topic.pair, filter, parseCursor(topic.start), pageSize);
    const ft = filterText(filter);
    const header = pairTitle(topic.pair) + (ft ? ` · ${ft}` : "");
    if (page.entries.length === 0 && !topic.start) {
      return {
        ephemeral: true,
        header,
        items: [
          {
            text: ft
              ? `Nothing yet between ${name(topic.pair.a)} and ${name(topic.pair.b)} for ${ft}. Try without the filter.`
              : `Nothing yet between ${name(topic.pair.a)} and ${name(topic.pair.b)}: no development found in the sources read so far. New articles are read every half hour.`,
          },
        ],
        footer: `Try /relations ${name(topic.pair.a).toLowerCase()} to see its partners.`,
        actions: [],
      };
    }
    const s = page.stats;
    const offset = topic.offset ?? 0;
    const context = [
      `${s.developments} development${s.developments === 1 ? "" : "s"} from ${s.sources} source${s.sources === 1 ? "" : "s"}`,
      s.lastUpdated ? `last updated ${formatDay(s.lastUpdated)}` : "",
      s.developments > page.entries.length ? `showing ${offset + 1}–${offset + page.entries.length}` : "",
    ]
      .filter(Boolean)
      .join(" · ");
    const items: ReplyItem[] = page.entries.map((e) => ({
      lead: `${formatDateSpan(e.dateStart, e.dateEnd, e.datePrecision)} · ${typeLabel(e.type, e.status)}`,
      text: e.summary,
      links: e.sources.map((src) => ({ url: src.url, label: src.outlet?.trim() || hostOf(src.url) })),
    }));
    const last = page.entries[page.entries.length - 1];
    const shown: Topic = { ...topic, oldest: last ? formatCursor({ dateStart: last.dateStart, id: last.id }) : undefined };
    const actions: Reply["actions"] = [];
    if (page.nextCursor) {
      actions.push({
        id: "older",
        label: "Show older",
        value: encodeTopic({ ...topic, start: formatCursor(page.nextCursor), offset: offset + page.entries.length }),
      });
    }
    if (ephemeral) actions.push({ id: "share", label: "Share in channel", value: encodeTopic(topic) });
    actions.push(chartAction(topic));
    return { ephemeral, header, context, items, actions, topic: shown };
  };

  /** The pair's activity chart as a reply with a PNG; a text answer when it has nothing to chart. */
  const chartReply = async (topic: Topic): Promise<Reply> => {
    const S = CHART_STRINGS_EN;
    const filter = { since: topic.since, type: topic.type };
    const series = deps.timeline.activity(topic.pair, filter);
    const ft = filterText(filter);
    const title = pairTitle(topic.pair);
    if (!series) return simple(S.empty(name(topic.pair.a), name(topic.pair.b), ft), { header: title });
    const span = series.fromYear === series.toYear ? String(series.fromYear) : `${series.fromYear}–${series.toYear}`;
    const svg = buildChartSvg(series, { title: S.title(title, series.unit, span), subtitle: S.subtitle(series.total, ft) }, S);
    // the renderer (a native module) loads on the first chart, not at start
    const { svgToPng } = await import("./chart-png.ts");
    const latest = series.periods[series.latest]!;
    return {
      ephemeral: false,
      items: [{ text: S.caption(title, series.total, span) }],
      // the same chart again, for an answer that says the upload failed
      actions: [chartAction(topic)],
      image: {
        png: svgToPng(svg),
        filename: `relations-${topic.pair.a}-${topic.pair.b}-${series.unit}.png`.toLowerCase(),
        title: S.title(title, series.unit, span),
        alt: S.alt(title, series.unit, span, series.total, periodLabel(latest, S), latest.total),
      },
    };
  };

  const partnersReply = (code: string, filtered: boolean): Reply => {
    const partners = deps.timeline.partners(code);
    const header = `${name(code)}: defense cooperation partners`;
    if (partners.length === 0) {
      return simple(`Nothing yet about ${name(code)}: no development found in the sources read so far.`, { header });
    }
    const total = partners.reduce((n, p) => n + p.total, 0);
    const shown = partners.slice(0, 100);
    return {
      ephemeral: true,
      header,
      context: `${partners.length} partner${partners.length === 1 ? "" : "s"} · ${total} development${total === 1 ? "" : "s"}${partners.length > shown.length ? ` · top ${shown.length} shown` : ""}`,
      dense: true,
      items: shown.map((p) => ({
        lead: name(p.partner),
        text:
          `${p.total} — ` +
          Object.entries(p.byType)
            .sort((x, y) => y[1] - x[1] || EVENT_TYPES.indexOf(x[0] as EventType) - EVENT_TYPES.indexOf(y[0] as EventType))
            .map(([t, n]) => `${n} ${n === 1 ? typeLabel(t as EventType).toLowerCase() : typePlural(t as EventType)}`)
            .join(", ") +
          ` · latest ${formatDateSpan(p.latest, p.latestEnd, p.latestPrecision)}`,
      })),
      footer: `For a timeline: /relations ${name(code).toLowerCase()} <partner>${filtered ? " (since and type apply to a pair's timeline; these counts cover everything)" : ""}`,
      actions: [],
    };
  };

  return {
    async command(text, ctx) {
      const cmd = parseCommand(text, deps.countries);
      log.debug("chat: command", { kind: cmd.kind, user: ctx.user, channel: ctx.channel });
      switch (cmd.kind) {
        case "help":
          return helpReply();
        case "timeline":
          return timelineReply({ kind: "timeline", pair: cmd.pair, since: cmd.filter.since, type: cmd.filter.type }, true);
        case "chart":
          return chartReply({ kind: "timeline", pair: cmd.pair, since: cmd.filter.since, type: cmd.filter.type });
        case "partners":
          return partnersReply(cmd.country.code, Boolean(cmd.filter.since || cmd.filter.type));
        case "same_country":
          return simple(`That's ${cmd.country.en} twice. Give two different countries, e.g. /relations ${cmd.country.en.toLowerCase()} russia — or just /relations ${cmd.country.en.toLowerCase()} to see all its partners.`);
        case "unknown_country": {
          const names = cmd.suggestions.map((c) => c.en);
          const hint = names.length ? ` Did you mean ${orList(names)}?` : " Try the English or Vietnamese name, or the ISO code (CN, BY).";
          return simple(`I don't know the country "${cmd.name}".${hint}`);
        }
        case "bad_option":
          return simple(cmd.message);
        case "watch":
        case "unwatch":
        case "watching": {
          const channel = ctx.channel;
          if (!channel) return simple("Watching works in a channel.");
          if (cmd.kind === "watching") {
            const rows = deps.watches.listForChannel(channel);
            if (rows.length === 0) return simple("This channel watches no pair yet, so it gets no weekly digest of its own. Add one with /relations watch china belarus.");
            return {
              ephemeral: true,
              header: "Pairs this channel watches",
              dense: true,
              items: rows.map((r) => ({ text: pairTitle(r.pair) + (r.alerts ? ALERT_STRINGS.watchingMarker : "") })),
              footer: `This channel gets a weekly digest of these pairs.${nextDigestText()} /relations unwatch <pair> removes one.`,
              actions: [],
            };
          }
          const title = pairTitle(cmd.pair);
          if (cmd.alerts) {
            const on = cmd.kind === "watch";
            const changed = deps.watches.setAlerts(channel, cmd.pair, on, ctx.user ?? null, clock().toISOString());
            if (on) return simple(changed ? ALERT_STRINGS.alertsOn(title, ALERT_WINDOW_DAYS) : ALERT_STRINGS.alertsAlreadyOn(title));
            return simple(changed ? ALERT_STRINGS.alertsOff(title) : ALERT_STRINGS.alertsWereOff(title));
          }
          if (cmd.kind === "watch") {
            const added = deps.watches.add(channel, cmd.pair, ctx.user ?? null, clock().toISOString());
            return simple(added ? `This channel now watches ${title} and gets a weekly digest of the pairs it watches.${nextDigestText()}` : `This channel already watches ${title}.`);
          }
          const removed = deps.watches.remove(channel, cmd.pair);
          return simple(removed ? `This channel no longer watches ${title}.` : `This channel was not watching ${title}.`);
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
      };
    },

    async followUp(context, text) {
      return (deps.followUp ?? followUpNotAvailable)(context, text);
    },

    async pickPair(channel, threadTs, value) {
      const picked = decodePick(value);
      const parent = picked ? deps.botMessages.find(channel, threadTs) : null;
      if (!picked || !parent) return null;
      deps.botMessages.record({ ...parent, countryA: picked.pair.a, countryB: picked.pair.b, cursor: null, typeFilter: null });
      const context = this.threadContext(channel, threadTs)!;
      return (deps.followUp ?? followUpNotAvailable)(context, picked.question);
    },

    mentionHelp() {
      return {
        ephemeral: false,
        items: [
          {
            text: "Hi! Ask me with /relations and two countries, e.g. /relations china belarus, for a dated timeline with sources (/relations help for more). Share a timeline in the channel, or open the weekly digest, and ask follow-up questions in its thread.",
          },
        ],
        actions: [],
      };
    },

    apology() {
      return simple("Sorry, something went wrong while answering. It has been logged; please try again in a moment.");
    },

    contextOf(topic) {
      return { kind: topic.kind, pair: topic.pair, since: topic.since ?? null, until: null, type: topic.type ?? null, cursor: topic.oldest ?? null };
    },
  };
}

function helpReply(): Reply {
  return {
    ephemeral: true,
    header: "How to use /relations",
    items: [
      { lead: "/relations china belarus", text: "the timeline of defense cooperation between two countries, newest first, with sources" },
      { lead: "/relations north korea russia since 2023 exercises", text: "add a start (since 2023, since 2024-06) and a type: visits, talks, exercises, patrols, agreements, arms, training, pledges — or in Vietnamese: thăm, hội đàm, tập trận, tuần tra, thỏa thuận, vũ khí, huấn luyện, cam kết" },
      CHART_STRINGS_EN.help,
      { lead: "/relations belarus", text: "a country's partners with counts by type and the latest date" },
      { lead: "/relations watch china belarus", text: "the weekly digest of this channel covers this pair (unwatch to stop, watching to list)" },
      { lead: ALERT_STRINGS.helpLead, text: ALERT_STRINGS.helpText },
    ],
    footer: "Names work in English or Vietnamese, with or without diacritics, or as ISO codes (CN, BY). Share a timeline in the channel and ask follow-up questions in its thread.",
    actions: [],
  };
}

function orList(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`;
}
