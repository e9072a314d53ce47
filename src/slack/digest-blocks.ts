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

const TYPE_LABEL: Record<EventType, string> = {
  visit: "Visit",
  talks: "Talks",
  exercise: "Exercise",
  patrol: "Joint patrol",
  agreement: "Agreement",
  arms: "Arms",
  training: "Training",
  pledge: "Pledge",
};
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function parts(iso: string): { y: string; m: string; d: number } {
  return { y: iso.slice(0, 4), m: MONTHS[Number(iso.slice(5, 7)) - 1] ?? "?", d: Number(iso.slice(8, 10)) };
}

/** "14–20 Oct 2024", "28 Oct – 3 Nov 2024", "30 Dec 2024 – 5 Jan 2025". */
export function formatPeriod(p: Pick<DigestPeriod, "startDate" | "endDate">): string {
  const s = parts(p.startDate);
  const e = parts(p.endDate);
  if (s.y !== e.y) return `${s.d} ${s.m} ${s.y} – ${e.d} ${e.m} ${e.y}`;
  if (s.m !== e.m) return `${s.d} ${s.m} – ${e.d} ${e.m} ${e.y}`;
  return `${s.d}–${e.d} ${e.m} ${e.y}`;
}

/** A development's date at its precision: "14 Oct 2024", "14–17 Oct 2024", "Aug 2023", "2018". */
export function formatItemDate(it: Pick<DigestItem, "dateStart" | "dateEnd" | "datePrecision">): string {
  const s = parts(it.dateStart);
  if (it.datePrecision === "year") return s.y;
  if (it.datePrecision === "month") return `${s.m} ${s.y}`;
  if (it.dateEnd && it.dateEnd !== it.dateStart) return formatPeriod({ startDate: it.dateStart, endDate: it.dateEnd });
  return `${s.d} ${s.m} ${s.y}`;
}

function pairTitle(p: { nameA: string; nameB: string }): string {
  return `${p.nameA} – ${p.nameB}`;
}

/** "Belarus – China: also newly on record: 6 older developments, 1996–2022 — `/relations belarus china`" */
export function olderLineText(o: DigestOlderLine): string {
  const years = o.fromYear === o.toYear ? o.fromYear : `${o.fromYear}–${o.toYear}`;
  return `${pairTitle(o)}: also newly on record: ${plural(o.count, "older development")}, ${years} — \`/relations ${o.nameA.toLowerCase()} ${o.nameB.toLowerCase()}\``;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Source links as mrkdwn, outlet (or host) as the label; only http(s) URLs become links. */
function sourceLinks(it: DigestItem, max: number): string {
  const shown = it.sources.filter((s) => isHttpUrl(s.url)).slice(0, max);
  const links = shown.map((s) => mrkdwnLink(s.url, s.outlet?.trim() || new URL(s.url).hostname));
  const more = it.sources.length - shown.length;
  return links.join(", ") + (more > 0 ? ` +${more}` : "");
}

function itemLine(it: DigestItem, label: string, summaryMax: number, maxLinks: number): string {
  const links = sourceLinks(it, maxLinks);
  const status = it.status === "held" ? "" : ` (${it.status})`;
  return `${label} ${formatItemDate(it)} · *${TYPE_LABEL[it.type]}*${status} · ${escapeMrkdwn(truncate(it.summary.replace(/\s+/g, " ").trim(), summaryMax))}${links ? ` — ${links}` : ""}`;
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
function pairSection(p: DigestPairEntry, top: number, max: number = BLOCK_LIMITS.sectionText): string {
  const head = `*${escapeMrkdwn(pairTitle(p))}* · ${plural(p.items.length, "new development")}`;
  const body: string[] = [];
  if (p.narrative) body.push(escapeMrkdwn(truncate(p.narrative, Math.max(200, max - head.length - 400))));
  const shown = p.items.slice(0, top);
  const links = max >= 2400 ? 3 : 1;
  body.push(...shown.map((it, i) => itemLine(it, p.narrative ? `[${i + 1}]` : "•", max >= 1200 ? 280 : 160, links)));
  if (p.items.length > shown.length) body.push(`_+${p.items.length - shown.length} more in the thread_`);
  return fitLines([head, ...body], Math.min(max, BLOCK_LIMITS.sectionText), (n) => `_…${n} more lines in the thread_`);
}

/** Renders the parent message (and its quiet-week variant). `nonce` is carried in metadata and a context line. */
function renderParent(digest: Digest, nonce: string, o: Required<RenderOptions>): DigestMessage {
  const when = formatPeriod(digest.period);
  const blocks: KnownBlock[] = [header(`Defense cooperation digest · ${when}`)];
  const scope = digest.scope === "watched" ? " · watched pairs" : "";
  const pairs = digest.pairs;
  let text: string;
  if (pairs.length === 0 && digest.older.length > 0) {
    text = `Defense cooperation digest ${when}: no recent developments; ${plural(digest.older.reduce((n, o) => n + o.count, 0), "older development")} newly on record.`;
    blocks.push(section(`No developments dated this week or the month before were first reported ${when}${digest.scope === "watched" ? " for the pairs this channel watches" : ""}; older ones newly on record:`));
  } else if (pairs.length === 0) {
    text = `Quiet week: no new defense-cooperation developments first reported ${when}.`;
    blocks.push(section(`:zzz: *Quiet week.* No new defense-cooperation developments were first reported ${when}${digest.scope === "watched" ? " for the pairs this channel watches" : ""}.`));
  } else {
    text = `Defense cooperation digest ${when}: ${plural(digest.totalDevelopments, "new development")} across ${plural(pairs.length, "pair")}.`;
    blocks.push(context(`${digest.period.id} · ${plural(digest.totalDevelopments, "new development")} across ${plural(pairs.length, "pair")}${scope} · details in the thread`));
  }
  const tail: KnownBlock[] = [];
  if (digest.older.length > 0) {
    const lines = digest.older.map((o) => escapeMrkdwn(olderLineText(o)));
    tail.push(context(fitLines(lines, 2900, (n) => `…and ${plural(n, "more pair")} with older developments newly on record`)));
  }
  if (digest.quietWatched.length > 0) {
    const names = digest.quietWatched.map((w) => escapeMrkdwn(pairTitle(w)));
    tail.push(context(fitLines([`Nothing new this week for: ${names.join(", ")}`], 1500, () => `Nothing new this week for ${plural(names.length, "watched pair")}`)));
  }
  tail.push(context(`digest ref ${nonce}`));
  if (pairs.length > 0) {
    const shown = pairs.slice(0, o.maxPairsInParent);
    const rest = pairs.length - shown.length;
    const more: KnownBlock[] = [];
    if (rest > 0) {
      const names = pairs.slice(shown.length).map((p) => escapeMrkdwn(pairTitle(p)));
      more.push(context(fitLines([`…and ${plural(rest, "more pair")}: ${names.join(", ")}`], 1500, () => `…and ${plural(rest, "more pair")} (see the thread)`)));
    }
    // the pairs share what the other blocks leave of the budget; one left short gives its rest to the next
    let left = BUDGET - blocksTextLength([...blocks, ...more, ...tail]);
    shown.forEach((p, i) => {
      const text = pairSection(p, o.topPerPair, Math.floor(left / (shown.length - i)));
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
function renderPairReplies(p: DigestPairEntry, period: DigestPeriod, o: Required<RenderOptions>): DigestMessage[] {
  const per = Math.max(1, Math.min(o.itemsPerReply, BLOCK_LIMITS.blocksPerMessage - 4));
  const narrative = p.narrative ? context(escapeMrkdwn(truncate(p.narrative, 1500))) : null;
  // the head line, the narrative and the closing "…and N more" line are reserved in every part
  const reserve = 400 + (narrative ? blocksTextLength([narrative]) : 0);
  const itemSection = (it: DigestItem, n: number) => {
    const summary = escapeMrkdwn(truncate(it.summary.replace(/\s+/g, " ").trim(), 1500));
    const status = it.status === "held" ? "" : ` (${it.status})`;
    const lines = [`*[${n}] ${formatItemDate(it)} · ${TYPE_LABEL[it.type]}*${status}`, summary];
    const srcLines = it.sources
      .filter((s) => isHttpUrl(s.url))
      .map((s) => `• ${mrkdwnLink(s.url, s.outlet?.trim() || new URL(s.url).hostname)}: ${escapeMrkdwn(truncate(s.title.replace(/\s+/g, " ").trim(), 160))}`);
    return section(fitLines([...lines, ...srcLines], BLOCK_LIMITS.sectionText, (d) => `_…and ${plural(d, "more source")}_`));
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
    const partLabel = parts.length > 1 ? ` (part ${k + 1}/${parts.length})` : "";
    const blocks: KnownBlock[] = [
      section(`*${escapeMrkdwn(pairTitle(p))}* · ${plural(p.items.length, "new development")} first reported ${formatPeriod(period)}${partLabel}`),
    ];
    if (k === 0 && narrative) blocks.push(narrative);
    blocks.push(...chunk);
    if (k === parts.length - 1 && p.items.length > shownCount) {
      blocks.push(context(`…and ${plural(p.items.length - shownCount, "more development")}: ask \`/relations ${p.a.toLowerCase()} ${p.b.toLowerCase()}\` for the full timeline.`));
    }
    // the pair's activity chart, posted in this thread when pressed (under the pair's last part)
    if (k === parts.length - 1) blocks.push(chartButton(p));
    out.push({
      key: `${p.a}-${p.b}#${k + 1}`,
      text: escapeMrkdwn(`${pairTitle(p)}: ${plural(p.items.length, "new development")}${partLabel}`),
      blocks,
      pair: { a: p.a, b: p.b },
    });
  });
  return out;
}

/** The "Chart" button of a pair's thread reply. */
function chartButton(p: { a: string; b: string }): KnownBlock {
  const action = chartAction({ pair: { a: p.a, b: p.b } });
  return { type: "actions", elements: [{ type: "button", action_id: ACTION_IDS.chart, text: { type: "plain_text", text: action.label }, value: action.value }] };
}

/**
 * Pairs beyond the detailed ones, one line each (count and most significant development), packed
 * into sections and messages within limits. A week with hundreds of pairs then adds a handful of
 * replies to the thread instead of hundreds; /relations gives any pair's full timeline.
 */
function renderOverflowReplies(pairs: DigestPairEntry[], total: number): DigestMessage[] {
  if (pairs.length === 0) return [];
  const lines = pairs.map((p) => {
    const top = p.items[0]!;
    return `• *${escapeMrkdwn(pairTitle(p))}* · ${plural(p.items.length, "new development")} · ${formatItemDate(top)} ${TYPE_LABEL[top.type]}: ${escapeMrkdwn(truncate(top.summary.replace(/\s+/g, " ").trim(), 120))}`;
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
  const intro = `…and ${plural(pairs.length, "more pair")} of the ${total} this week, in short (\`/relations ${ex.nameA.toLowerCase()} ${ex.nameB.toLowerCase()}\` gives a pair's full timeline):`;
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
    text: escapeMrkdwn(`${plural(pairs.length, "more pair")} in short`),
    blocks: [context(k === 0 ? escapeMrkdwn(intro) : "(continued)"), ...c.map(section)],
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
      ...digest.pairs.slice(0, o.maxPairsWithReplies).flatMap((p) => renderPairReplies(p, digest.period, o)),
      ...renderOverflowReplies(digest.pairs.slice(o.maxPairsWithReplies), digest.pairs.length),
    ],
  };
}

/** The digest as plain text for a terminal (CLI dry run): every pair, every development, URLs spelled out. */
export function renderDigestText(digest: Digest): string {
  const when = formatPeriod(digest.period);
  const out: string[] = [`Defense cooperation digest · ${when} (${digest.period.id}, ${digest.period.tz})`];
  if (digest.channel) out.push(`Channel ${digest.channel}${digest.scope === "watched" ? " · watched pairs only" : ""}`);
  if (digest.pairs.length === 0 && digest.older.length === 0) out.push("", `Quiet week: no new developments first reported ${when}.`);
  else if (digest.pairs.length === 0) out.push("", `No developments dated this week or the month before were first reported ${when}.`);
  else out.push(`${plural(digest.totalDevelopments, "new development")} across ${plural(digest.pairs.length, "pair")}`);
  for (const p of digest.pairs) {
    out.push("", `${pairTitle(p)} · ${plural(p.items.length, "new development")}`);
    if (p.narrative) out.push(`  ${p.narrative}`);
    p.items.forEach((it, i) => {
      const status = it.status === "held" ? "" : ` (${it.status})`;
      out.push(`  [${i + 1}] ${formatItemDate(it)} · ${TYPE_LABEL[it.type]}${status} · ${it.summary}`);
      for (const s of it.sources) out.push(`      ${s.outlet ?? "source"}: ${s.url}`);
    });
  }
  if (digest.older.length > 0) out.push("", ...digest.older.map(olderLineText));
  if (digest.quietWatched.length > 0) out.push("", `Nothing new for: ${digest.quietWatched.map(pairTitle).join(", ")}`);
  return out.join("\n");
}
