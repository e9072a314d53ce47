/**
 * Reply → Block Kit. Every untrusted string is escaped for mrkdwn here (titles, outlets,
 * summaries, user input echoed back), links are http(s) only, and every Block Kit limit is
 * enforced by construction: 50 blocks, 3,000 characters a section, 150 a header, 2,000 a button value,
 * and the total of every block's text under BLOCK_LIMITS.messageTextBudget (Slack's
 * `msg_blocks_too_long` is about 12,000): entries share what is left after the header, context,
 * footer and buttons, and an entry with more sources than its share shows "+N more".
 */
import type { types } from "@slack/bolt";

type KnownBlock = types.KnownBlock;
import { BLOCK_LIMITS, blocksTextLength, escapeMrkdwn, mrkdwnLink, truncate } from "../lib/mrkdwn.ts";
import type { Reply, ReplyItem } from "../chat/reply.ts";
import { t, type Lang } from "../chat/i18n/index.ts";

/** Action ids of our buttons (listeners/actions registers them). */
export const ACTION_IDS = { older: "relations_older", share: "relations_share", pick: "relations_pick_pair", chart: "relations_chart" } as const;

/** A message ready for chat.postMessage or respond(). */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const SUMMARY_MAX = 1200;

/** Renders one item: bold lead, summary, then source links until the section limit. */
function itemMrkdwn(it: ReplyItem, limit: number, lang: Lang): string {
  const links = it.links ?? [];
  const more = (n: number) => t(lang, "render.moreLinks", { n });
  // the head never crowds out the "+N more" line that says sources were left out
  const room = links.length ? limit - ` · ${more(links.length)}`.length - 1 : limit;
  const head = truncate((it.lead ? `*${escapeMrkdwn(it.lead)}*\n` : "") + truncate(escapeMrkdwn(it.text), SUMMARY_MAX), Math.max(1, room));
  if (links.length === 0) return head;
  let line = "";
  let used = 0;
  for (const l of links) {
    const piece = (used ? " · " : "") + mrkdwnLink(l.url, truncate(l.label, 60));
    const rest = links.length - used - 1;
    const reserve = rest > 0 ? ` · ${more(rest)}`.length : 0;
    if (head.length + 1 + line.length + piece.length + reserve > limit) break;
    line += piece;
    used++;
  }
  if (used < links.length) line += `${used ? " · " : ""}${more(links.length - used)}`;
  return `${head}\n${line}`;
}

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text: truncate(text, BLOCK_LIMITS.sectionText) }] });

/** Builds blocks and fallback text for a reply, within every Block Kit limit. */
export function renderBlocks(r: Reply): SlackMessage {
  const lang = r.lang ?? "en";
  const top: KnownBlock[] = [];
  const bottom: KnownBlock[] = [];
  if (r.header) top.push({ type: "header", text: { type: "plain_text", text: truncate(r.header, BLOCK_LIMITS.headerText), emoji: false } });
  if (r.context) top.push(context(escapeMrkdwn(r.context)));
  if (r.footer) bottom.push(context(escapeMrkdwn(r.footer)));
  const buttons = r.actions
    .filter((a) => a.value.length <= BLOCK_LIMITS.buttonValue)
    .map((a, i) => ({
      type: "button" as const,
      // action ids must be unique within a block: the pair buttons are numbered
      action_id: a.id === "pick" ? `${ACTION_IDS.pick}_${i}` : ACTION_IDS[a.id],
      text: { type: "plain_text" as const, text: truncate(a.label, BLOCK_LIMITS.buttonText) },
      value: a.value,
      ...(a.id === "share" ? { style: "primary" as const } : {}),
    }));
  if (buttons.length) bottom.push({ type: "actions", elements: buttons });

  let middle: string[];
  if (r.dense) {
    // One line per item, packed into as few sections as the 3,000-character limit allows.
    middle = [];
    let cur = "";
    for (const it of r.items) {
      const line = truncate((it.lead ? `*${escapeMrkdwn(it.lead)}*: ` : "• ") + escapeMrkdwn(it.text), 500);
      if (cur && cur.length + 1 + line.length > BLOCK_LIMITS.sectionText) {
        middle.push(cur);
        cur = "";
      }
      cur = cur ? `${cur}\n${line}` : line;
    }
    if (cur) middle.push(cur);
  } else {
    middle = r.items.map((it) => itemMrkdwn(it, BLOCK_LIMITS.sectionText, lang));
  }
  // what the entries may use in all: the budget less the fixed blocks and a "N more not shown" line
  let budget = BLOCK_LIMITS.messageTextBudget - blocksTextLength([...top, ...bottom]) - 40;
  if (!r.dense) {
    // each entry gets an equal share of what is left; what one leaves unused goes to the next
    middle = [];
    r.items.forEach((it, i) => {
      const share = Math.floor(budget / (r.items.length - i));
      if (share < 80) return;
      const text = itemMrkdwn(it, Math.min(BLOCK_LIMITS.sectionText, share), lang);
      middle.push(text);
      budget -= text.length;
    });
  } else {
    const kept: string[] = [];
    for (const m of middle) {
      if (m.length > budget) break;
      kept.push(m);
      budget -= m.length;
    }
    middle = kept;
  }
  const room = BLOCK_LIMITS.blocksPerMessage - top.length - bottom.length;
  let mid = middle.map(section);
  let shown = middle.length;
  if (mid.length > room) {
    shown = Math.max(0, room - 1);
    mid = mid.slice(0, shown);
  }
  const dropped = r.dense ? r.items.length - countLines(middle.slice(0, shown)) : r.items.length - shown;
  if (dropped > 0) mid.push(context(t(lang, "render.notShown", { n: dropped })));
  const blocks = [...top, ...mid, ...bottom];
  return { text: fallbackText(r), blocks };
}

function countLines(sections: string[]): number {
  return sections.reduce((n, s) => n + s.split("\n").length, 0);
}

/** The notification/fallback text: the header and the first item, escaped. */
function fallbackText(r: Reply): string {
  const first = r.items[0];
  const parts = [r.header, r.header ? r.context : first?.text].filter(Boolean) as string[];
  return truncate(escapeMrkdwn(parts.join(" — ") || "relations"), BLOCK_LIMITS.sectionText);
}
