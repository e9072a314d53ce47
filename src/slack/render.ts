/**
 * Reply → Block Kit. Every untrusted string is escaped for mrkdwn here (titles, outlets,
 * summaries, user input echoed back), links are http(s) only, and every Block Kit limit is
 * enforced by construction: 50 blocks, 3,000 characters a section, 150 a header, 2,000 a button value.
 */
import type { types } from "@slack/bolt";

type KnownBlock = types.KnownBlock;
import { BLOCK_LIMITS, escapeMrkdwn, mrkdwnLink, truncate } from "../lib/mrkdwn.ts";
import type { Reply, ReplyItem } from "../chat/reply.ts";

/** Action ids of our buttons (listeners/actions registers them). */
export const ACTION_IDS = { older: "relations_older", share: "relations_share" } as const;

/** A message ready for chat.postMessage or respond(). */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const SUMMARY_MAX = 1200;

/** Renders one item: bold lead, summary, then source links until the section limit. */
function itemMrkdwn(it: ReplyItem, limit: number): string {
  const head = (it.lead ? `*${escapeMrkdwn(it.lead)}*\n` : "") + truncate(escapeMrkdwn(it.text), SUMMARY_MAX);
  const links = it.links ?? [];
  if (links.length === 0) return truncate(head, limit);
  let line = "";
  let used = 0;
  for (const l of links) {
    const piece = (used ? " · " : "") + mrkdwnLink(l.url, truncate(l.label, 60));
    const rest = links.length - used - 1;
    const reserve = rest > 0 ? ` · +${rest} more`.length : 0;
    if (head.length + 1 + line.length + piece.length + reserve > limit) break;
    line += piece;
    used++;
  }
  if (used < links.length) line += `${used ? " · " : ""}+${links.length - used} more`;
  return `${head}\n${line}`;
}

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text: truncate(text, BLOCK_LIMITS.sectionText) }] });

/** Builds blocks and fallback text for a reply, within every Block Kit limit. */
export function renderBlocks(r: Reply): SlackMessage {
  const top: KnownBlock[] = [];
  const bottom: KnownBlock[] = [];
  if (r.header) top.push({ type: "header", text: { type: "plain_text", text: truncate(r.header, BLOCK_LIMITS.headerText), emoji: false } });
  if (r.context) top.push(context(escapeMrkdwn(r.context)));
  if (r.footer) bottom.push(context(escapeMrkdwn(r.footer)));
  const buttons = r.actions
    .filter((a) => a.value.length <= BLOCK_LIMITS.buttonValue)
    .map((a) => ({
      type: "button" as const,
      action_id: ACTION_IDS[a.id],
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
    middle = r.items.map((it) => itemMrkdwn(it, BLOCK_LIMITS.sectionText));
  }
  const room = BLOCK_LIMITS.blocksPerMessage - top.length - bottom.length;
  let mid = middle.map(section);
  if (mid.length > room) {
    const keep = Math.max(0, room - 1);
    mid = [...mid.slice(0, keep), context(`${middle.length - keep} more not shown`)];
  }
  const blocks = [...top, ...mid, ...bottom];
  return { text: fallbackText(r), blocks };
}

/** The notification/fallback text: the header and the first item, escaped. */
function fallbackText(r: Reply): string {
  const first = r.items[0];
  const parts = [r.header, r.header ? r.context : first?.text].filter(Boolean) as string[];
  return truncate(escapeMrkdwn(parts.join(" — ") || "relations"), BLOCK_LIMITS.sectionText);
}
