/**
 * Digest → Slack messages. The parent message is short (header with the period, one section per
 * pair with its count and top developments, an overflow line); each pair's full detail goes in
 * thread replies, split over several messages when long. Every piece of stored text (summaries,
 * outlet names, titles, LLM narratives) is escaped for mrkdwn, and every message stays within Block
 * Kit limits however many pairs or developments there are — the total text of a message included
 * (BLOCK_LIMITS.messageTextBudget, under Slack's `msg_blocks_too_long`): pairs in the parent share
 * the budget, a pair's developments are packed into as many replies as they need. Also a
 * plain-text rendering for the CLI.
 */

const BUDGET = BLOCK_LIMITS.messageTextBudget;
import type { types } from "@slack/bolt";
import type { Digest, DigestItem, DigestOlderLine, DigestPairEntry, DigestPeriod } from "../services/digest.ts";
import type { DigestRenderOptions } from "../services/digest-post.ts";
import type { EventType } from "../domain/types.ts";
import { BLOCK_LIMITS, blocksTextLength, escapeMrkdwn, isHttpUrl, mrkdwnLink, truncate } from "../lib/mrkdwn.ts";
import { chartAction } from "../chat/topic.ts";
import { ACTION_IDS } from "./render.ts";
import { formatDateSpan, typeLabel } from "../chat/format.ts";
import { t, tn, type Lang, type PluralKey } from "../chat/i18n/index.ts";

type KnownBlock = types.KnownBlock;

/** One message to post: fallback text, blocks, and the key that identifies it within the digest. */
export interface DigestMessage {
  /** "parent", or "<A>-<B>#<part>" for a pair's thread reply */
  key: string;
  text: string;
  blocks: KnownBlock[];
  pair?: { a: string; b: string };
}

/** Everything one digest posts: the parent, then its thread replies in order. */
export interface DigestPlan {
  /** true when no pair had anything new */
  quiet: boolean;
  parent: DigestMessage;
  replies: DigestMessage[];
}

/** Rendering knobs, as the digest service names them; defaults keep the channel message short. */
export type RenderOptions = DigestRenderOptions;

/** A type's label in a digest ("Joint patrol": a digest line has no room for the summary's "joint"). */
function typeName(type: EventType, lang: Lang): string {
  return type === "patrol" ? t(lang, "digest.patrol") : typeLabel(type, undefined, lang);
}

/** " (planned)" / " (dự kiến)" after the type, nothing for a development that was held. */
function statusSuffix(status: DigestItem["status"], lang: Lang): string {
  return status === "held" ? "" : ` (${t(lang, `status.${status}`)})`;
}

/** "14–20 Oct 2024", "28 Oct – 3 Nov 2024", "30 Dec 2024 – 5 Jan 2025"; Vietnamese "14–20/10/2024". */
export function formatPeriod(p: Pick<DigestPeriod, "startDate" | "endDate">, lang: Lang = "en"): string {
  return formatDateSpan(p.startDate, p.endDate, "day", lang);
}

/** A development's date at its precision: "14 Oct 2024", "14–17 Oct 2024", "Aug 2023", "2018" (Vietnamese: "14/10/2024", "tháng 8/2023", "năm 2018"). */
export function formatItemDate(it: Pick<DigestItem, "dateStart" | "dateEnd" | "datePrecision">, lang: Lang = "en"): string {
  if (it.datePrecision !== "day") return formatDateSpan(it.dateStart, it.dateStart, it.datePrecision, lang);
  return formatDateSpan(it.dateStart, it.dateEnd || it.dateStart, "day", lang);
}

function pairTitle(p: { nameA: string; nameB: string }): string {
  return `${p.nameA} – ${p.nameB}`;
}

/** "Belarus – China: also newly on record: 6 older developments, 1996–2022 — `/relations belarus china`" */
export function olderLineText(o: DigestOlderLine, lang: Lang = "en"): string {
  const years = o.fromYear === o.toYear ? o.fromYear : `${o.fromYear}–${o.toYear}`;
  return t(lang, "digest.olderLine", { pair: pairTitle(o), older: tn(lang, "count.olderDevelopments", o.count), years, a: o.nameA.toLowerCase(), b: o.nameB.toLowerCase() });
}

/** Source links as mrkdwn, outlet (or host) as the label; only http(s) URLs become links. */
function sourceLinks(it: DigestItem, max: number): string {
  const shown = it.sources.filter((s) => isHttpUrl(s.url)).slice(0, max);
  const links = shown.map((s) => mrkdwnLink(s.url, s.outlet?.trim() || new URL(s.url).hostname));
  const more = it.sources.length - shown.length;
  return links.join(", ") + (more > 0 ? ` +${more}` : "");
}

function itemLine(it: DigestItem, label: string, summaryMax: number, maxLinks: number, lang: Lang): string {
  const links = sourceLinks(it, maxLinks);
  const status = statusSuffix(it.status, lang);
  return `${label} ${formatItemDate(it, lang)} · *${typeName(it.type, lang)}*${status} · ${escapeMrkdwn(truncate(it.summary.replace(/\s+/g, " ").trim(), summaryMax))}${links ? ` — ${links}` : ""}`;
}

/** Joins lines while they fit in `max` characters; never cuts a line (and so never a link) in half. */
function fitLines(lines: string[], max: number, overflow: (dropped: number) => string): string {
  const out: string[] = [];
  let len = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const tail = i < lines.length - 1 ? overflow(lines.length - i - 1).length + 1 : 0;
    if (len + line.length + 1 + tail > max) {
      out.push(overflow(lines.length - i));
      return out.join("\n");
    }
    out.push(line);
    len += line.length + 1;
  }
  return out.join("\n");
}

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncate(text, BLOCK_LIMITS.sectionText) } };
}

function context(text: string): KnownBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: truncate(text, BLOCK_LIMITS.sectionText) }] };
}

function header(text: string): KnownBlock {
  return { type: "header", text: { type: "plain_text", text: truncate(text, BLOCK_LIMITS.headerText), emoji: false } };
}

/** A pair's section in the parent, in at most `max` characters (fewer links per line when space is short). */
function pairSection(p: DigestPairEntry, top: number, max: number, lang: Lang): string {
  const head = `*${escapeMrkdwn(pairTitle(p))}* · ${tn(lang, "count.newDevelopments", p.items.length)}`;
  const body: string[] = [];
  if (p.narrative) body.push(escapeMrkdwn(truncate(p.narrative, Math.max(200, max - head.length - 400))));
  const shown = p.items.slice(0, top);
  const links = max >= 2400 ? 3 : 1;
  body.push(...shown.map((it, i) => itemLine(it, p.narrative ? `[${i + 1}]` : "•", max >= 1200 ? 280 : 160, links, lang)));
  if (p.items.length > shown.length) body.push(t(lang, "digest.moreInThread", { n: p.items.length - shown.length }));
  return fitLines([head, ...body], Math.min(max, BLOCK_LIMITS.sectionText), (n) => t(lang, "digest.moreLines", { n }));
}

/** Renders the parent message (and its quiet-week variant). `nonce` is carried in metadata and a context line. */
function renderParent(digest: Digest, nonce: string, o: Required<RenderOptions>): DigestMessage {
  const lang = digest.lang ?? "en";
  const n = (key: PluralKey, k: number) => tn(lang, key, k);
  const when = formatPeriod(digest.period, lang);
  const blocks: KnownBlock[] = [header(t(lang, "digest.header", { when }))];
  const watched = digest.scope === "watched";
  const pairs = digest.pairs;
  let text: string;
  if (pairs.length === 0 && digest.older.length > 0) {
    text = t(lang, "digest.fallbackOlder", { when, older: n("count.olderDevelopments", digest.older.reduce((k, x) => k + x.count, 0)) });
    blocks.push(section(t(lang, "digest.noRecent", { when, scope: watched ? t(lang, "digest.scopeWatched") : "" })));
  } else if (pairs.length === 0) {
    text = t(lang, "digest.quietFallback", { when });
    blocks.push(section(t(lang, "digest.quiet", { when, scope: watched ? t(lang, "digest.scopeWatched") : "" })));
  } else {
    const counts = { developments: n("count.newDevelopments", digest.totalDevelopments), pairs: n("count.pairs", pairs.length) };
    text = t(lang, "digest.fallback", { when, ...counts });
    blocks.push(context(t(lang, "digest.context", { period: digest.period.id, ...counts, scope: watched ? t(lang, "digest.scopeShort") : "" })));
  }
  const tail: KnownBlock[] = [];
  if (digest.older.length > 0) {
    const lines = digest.older.map((x) => escapeMrkdwn(olderLineText(x, lang)));
    tail.push(context(fitLines(lines, 2900, (k) => t(lang, "digest.olderMore", { pairs: n("count.morePairs", k) }))));
  }
  if (digest.quietWatched.length > 0) {
    const names = digest.quietWatched.map((w) => escapeMrkdwn(pairTitle(w)));
    tail.push(context(fitLines([t(lang, "digest.quietWatched", { names: names.join(", ") })], 1500, () => t(lang, "digest.quietWatchedShort", { pairs: n("count.watchedPairs", names.length) }))));
  }
  tail.push(context(`digest ref ${nonce}`));
  if (pairs.length > 0) {
    const shown = pairs.slice(0, o.maxPairsInParent);
    const rest = pairs.length - shown.length;
    const more: KnownBlock[] = [];
    if (rest > 0) {
      const names = pairs.slice(shown.length).map((p) => escapeMrkdwn(pairTitle(p)));
      more.push(context(fitLines([t(lang, "digest.morePairs", { pairs: n("count.morePairs", rest), names: names.join(", ") })], 1500, () => t(lang, "digest.morePairsShort", { pairs: n("count.morePairs", rest) }))));
    }
    // the pairs share what the other blocks leave of the budget; one left short gives its rest to the next
    let left = BUDGET - blocksTextLength([...blocks, ...more, ...tail]);
    shown.forEach((p, i) => {
      const text = pairSection(p, o.topPerPair, Math.floor(left / (shown.length - i)), lang);
      blocks.push(section(text));
      left -= text.length;
    });
    blocks.push(...more);
  }
  blocks.push(...tail);
  return { key: "parent", text: escapeMrkdwn(text), blocks };
}

/**
 * Renders one pair's thread replies: every development with all its sources, packed into as many
 * replies as the total budget needs (at most `maxRepliesPerPair`; beyond, a line points to /relations).
 */
function renderPairReplies(p: DigestPairEntry, period: DigestPeriod, o: Required<RenderOptions>, lang: Lang): DigestMessage[] {
  const per = Math.max(1, Math.min(o.itemsPerReply, BLOCK_LIMITS.blocksPerMessage - 4));
  const narrative = p.narrative ? context(escapeMrkdwn(truncate(p.narrative, 1500))) : null;
  // the head line, the narrative and the closing "…and N more" line are reserved in every part
  const reserve = 400 + (narrative ? blocksTextLength([narrative]) : 0);
  const itemSection = (it: DigestItem, n: number) => {
    const summary = escapeMrkdwn(truncate(it.summary.replace(/\s+/g, " ").trim(), 1500));
    const status = statusSuffix(it.status, lang);
    const lines = [`*[${n}] ${formatItemDate(it, lang)} · ${typeName(it.type, lang)}*${status}`, summary];
    const srcLines = it.sources
      .filter((s) => isHttpUrl(s.url))
      .map((s) => `• ${mrkdwnLink(s.url, s.outlet?.trim() || new URL(s.url).hostname)}: ${escapeMrkdwn(truncate(s.title.replace(/\s+/g, " ").trim(), 160))}`);
    return section(fitLines([...lines, ...srcLines], BLOCK_LIMITS.sectionText, (d) => t(lang, "digest.moreSources", { sources: tn(lang, "count.moreSources", d) })));
  };
  // pack developments into parts by count and by size
  const parts: KnownBlock[][] = [];
  let cur: KnownBlock[] = [];
  let used = 0;
  let placed = 0;
  for (const it of p.items) {
    const b = itemSection(it, placed + 1);
    const len = blocksTextLength([b]);
    if (cur.length > 0 && (cur.length >= per || used + len > BUDGET - reserve)) {
      parts.push(cur);
      if (parts.length >= o.maxRepliesPerPair) {
        cur = [];
        break;
      }
      cur = [];
      used = 0;
    }
    cur.push(b);
    used += len;
    placed++;
  }
  if (cur.length) parts.push(cur);
  if (parts.length === 0) parts.push([]);
  const shownCount = parts.reduce((n, x) => n + x.length, 0);
  const out: DigestMessage[] = [];
  parts.forEach((chunk, k) => {
    const partLabel = parts.length > 1 ? t(lang, "digest.part", { k: k + 1, n: parts.length }) : "";
    const blocks: KnownBlock[] = [
      section(`*${escapeMrkdwn(pairTitle(p))}* · ${t(lang, "digest.pairHead", { developments: tn(lang, "count.newDevelopments", p.items.length), when: formatPeriod(period, lang), part: partLabel })}`),
    ];
    if (k === 0 && narrative) blocks.push(narrative);
    blocks.push(...chunk);
    if (k === parts.length - 1 && p.items.length > shownCount) {
      blocks.push(context(t(lang, "digest.moreDevelopments", { developments: tn(lang, "count.moreDevelopments", p.items.length - shownCount), a: p.a.toLowerCase(), b: p.b.toLowerCase() })));
    }
    // the pair's activity chart, posted in this thread when pressed (under the pair's last part)
    if (k === parts.length - 1) blocks.push(chartButton(p, lang));
    out.push({
      key: `${p.a}-${p.b}#${k + 1}`,
      text: escapeMrkdwn(`${pairTitle(p)}: ${tn(lang, "count.newDevelopments", p.items.length)}${partLabel}`),
      blocks,
      pair: { a: p.a, b: p.b },
    });
  });
  return out;
}

/** The "Chart" button of a pair's thread reply. */
function chartButton(p: { a: string; b: string }, lang: Lang): KnownBlock {
  const action = chartAction({ pair: { a: p.a, b: p.b } }, lang);
  return { type: "actions", elements: [{ type: "button", action_id: ACTION_IDS.chart, text: { type: "plain_text", text: action.label }, value: action.value }] };
}

/**
 * Pairs beyond the detailed ones, one line each (count and most significant development), packed
 * into sections and messages within limits. A week with hundreds of pairs then adds a handful of
 * replies to the thread instead of hundreds; /relations gives any pair's full timeline.
 */
function renderOverflowReplies(pairs: DigestPairEntry[], total: number, lang: Lang): DigestMessage[] {
  if (pairs.length === 0) return [];
  const lines = pairs.map((p) => {
    const top = p.items[0]!;
    return `• *${escapeMrkdwn(pairTitle(p))}* · ${tn(lang, "count.newDevelopments", p.items.length)} · ${formatItemDate(top, lang)} ${typeName(top.type, lang)}: ${escapeMrkdwn(truncate(top.summary.replace(/\s+/g, " ").trim(), 120))}`;
  });
  // pack lines into sections, sections into messages
  const sections: string[] = [];
  let cur: string[] = [];
  let len = 0;
  for (const line of lines) {
    if (cur.length > 0 && len + line.length + 1 > BLOCK_LIMITS.sectionText) {
      sections.push(cur.join("\n"));
      cur = [];
      len = 0;
    }
    cur.push(line);
    len += line.length + 1;
  }
  if (cur.length) sections.push(cur.join("\n"));
  // messages of sections, within the block count and the total budget; the example names a real
  // pair of the list (a raw `<country>` would be read by Slack as markup)
  const ex = pairs[0]!;
  const intro = t(lang, "digest.overflowIntro", { pairs: tn(lang, "count.morePairs", pairs.length), total, a: ex.nameA.toLowerCase(), b: ex.nameB.toLowerCase() });
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let used = 0;
  for (const sec of sections) {
    if (chunk.length > 0 && (chunk.length >= BLOCK_LIMITS.blocksPerMessage - 2 || used + sec.length > BUDGET - 400)) {
      chunks.push(chunk);
      chunk = [];
      used = 0;
    }
    chunk.push(sec);
    used += sec.length;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks.map((c, k) => ({
    key: `more#${k + 1}`,
    text: escapeMrkdwn(t(lang, "digest.overflowFallback", { pairs: tn(lang, "count.morePairs", pairs.length) })),
    blocks: [context(k === 0 ? escapeMrkdwn(intro) : t(lang, "digest.continued")), ...c.map(section)],
  }));
}

/** Turns a digest into the parent message and its ordered thread replies. */
export function renderDigestPlan(digest: Digest, nonce: string, opts: RenderOptions = {}): DigestPlan {
  const o: Required<RenderOptions> = {
    maxPairsInParent: Math.min(opts.maxPairsInParent ?? 15, BLOCK_LIMITS.blocksPerMessage - 6),
    topPerPair: opts.topPerPair ?? 3,
    itemsPerReply: opts.itemsPerReply ?? 20,
    maxRepliesPerPair: opts.maxRepliesPerPair ?? 5,
    maxPairsWithReplies: opts.maxPairsWithReplies ?? 50,
  };
  return {
    quiet: digest.pairs.length === 0 && digest.older.length === 0,
    parent: renderParent(digest, nonce, o),
    replies: [
      ...digest.pairs.slice(0, o.maxPairsWithReplies).flatMap((p) => renderPairReplies(p, digest.period, o, digest.lang ?? "en")),
      ...renderOverflowReplies(digest.pairs.slice(o.maxPairsWithReplies), digest.pairs.length, digest.lang ?? "en"),
    ],
  };
}

/** The digest as plain text for a terminal (CLI dry run): every pair, every development, URLs spelled out. */
export function renderDigestText(digest: Digest): string {
  const lang = digest.lang ?? "en";
  const when = formatPeriod(digest.period, lang);
  const out: string[] = [t(lang, "digest.textHeader", { when, period: digest.period.id, tz: digest.period.tz })];
  if (digest.channel) out.push(t(lang, "digest.textChannel", { channel: digest.channel, scope: digest.scope === "watched" ? t(lang, "digest.textScope") : "" }));
  if (digest.pairs.length === 0 && digest.older.length === 0) out.push("", t(lang, "digest.textQuiet", { when }));
  else if (digest.pairs.length === 0) out.push("", t(lang, "digest.textNoRecent", { when }));
  else out.push(t(lang, "digest.textCounts", { developments: tn(lang, "count.newDevelopments", digest.totalDevelopments), pairs: tn(lang, "count.pairs", digest.pairs.length) }));
  for (const p of digest.pairs) {
    out.push("", `${pairTitle(p)} · ${tn(lang, "count.newDevelopments", p.items.length)}`);
    if (p.narrative) out.push(`  ${p.narrative}`);
    p.items.forEach((it, i) => {
      out.push(`  [${i + 1}] ${formatItemDate(it, lang)} · ${typeName(it.type, lang)}${statusSuffix(it.status, lang)} · ${it.summary}`);
      for (const s of it.sources) out.push(`      ${s.outlet ?? t(lang, "digest.source")}: ${s.url}`);
    });
  }
  if (digest.older.length > 0) out.push("", ...digest.older.map((o) => olderLineText(o, lang)));
  if (digest.quietWatched.length > 0) out.push("", t(lang, "digest.textNothingFor", { names: digest.quietWatched.map(pairTitle).join(", ") }));
  return out.join("\n");
}
