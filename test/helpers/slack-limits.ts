/**
 * Block Kit checks shared by every Slack test (timelines, digest, follow-ups).
 *
 *   assertBlockKitLimits(message)  throws naming each broken limit: ≤ 50 blocks, section text
 *                                  ≤ 3,000, header ≤ 150, button value ≤ 2,000, button text ≤ 75,
 *                                  context ≤ 10 elements, fallback text ≤ 40,000, and the text of
 *                                  all blocks together ≤ 12,000 (Slack's `msg_blocks_too_long`).
 *   blocksTooLong(message)         true when Slack would answer `msg_blocks_too_long`.
 *   blockKitViolations(message)    the same checks, returned as strings (empty = fine).
 *   findMentions(message)          every live mention or link-like token (`<!channel>`, `<@U1>`,
 *                                  `<#C1>`, `<!subteam^…>`) in text, blocks and fields — an
 *                                  injection test expects none.
 *   messageText(message)           all visible text of a message joined (text + every block).
 */

type Json = Record<string, unknown>;

/** A message as sent to chat.postMessage or a response_url (blocks may be a JSON string in form posts). */
export interface SlackMessageLike {
  text?: unknown;
  blocks?: unknown;
}

const LIMITS = { blocks: 50, section: 3000, header: 150, buttonValue: 2000, buttonText: 75, contextElements: 10, text: 40_000, allBlocksText: 12_000 };

function blocksOf(m: SlackMessageLike): Json[] {
  const b = typeof m.blocks === "string" ? JSON.parse(m.blocks) : m.blocks;
  return Array.isArray(b) ? (b as Json[]) : [];
}

/** Every `text` string inside the blocks, in order. */
function blockTexts(m: SlackMessageLike): string[] {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v as Json)) {
        if (k === "text" && typeof x === "string") parts.push(x);
        else walk(x);
      }
    }
  };
  walk(blocksOf(m));
  return parts;
}

/** The characters of every text in the blocks (what Slack's total size check counts, near enough). */
export function blocksTextTotal(m: SlackMessageLike): number {
  return blockTexts(m).reduce((n, p) => n + p.length, 0);
}

/** True when Slack would reject the message with `msg_blocks_too_long`. */
export function blocksTooLong(m: SlackMessageLike): boolean {
  return blocksTextTotal(m) > LIMITS.allBlocksText;
}

/** Every Block Kit limit the message breaks, as readable strings. */
export function blockKitViolations(m: SlackMessageLike): string[] {
  const out: string[] = [];
  const blocks = blocksOf(m);
  if (blocks.length > LIMITS.blocks) out.push(`${blocks.length} blocks > ${LIMITS.blocks}`);
  if (typeof m.text === "string" && m.text.length > LIMITS.text) out.push(`text ${m.text.length} > ${LIMITS.text}`);
  const total = blocksTextTotal(m);
  if (total > LIMITS.allBlocksText) out.push(`msg_blocks_too_long: blocks carry ${total} characters > ${LIMITS.allBlocksText}`);
  blocks.forEach((b, i) => {
    const t = (b.text as Json | undefined)?.text;
    if (b.type === "section") {
      if (typeof t === "string" && t.length > LIMITS.section) out.push(`block ${i}: section text ${t.length} > ${LIMITS.section}`);
      if (typeof t === "string" && t.length === 0) out.push(`block ${i}: empty section text`);
      for (const f of (b.fields as Json[] | undefined) ?? []) {
        if (typeof f.text === "string" && f.text.length > 2000) out.push(`block ${i}: field ${f.text.length} > 2000`);
      }
    }
    if (b.type === "header" && typeof t === "string" && t.length > LIMITS.header) out.push(`block ${i}: header ${t.length} > ${LIMITS.header}`);
    if (b.type === "context") {
      const els = (b.elements as Json[] | undefined) ?? [];
      if (els.length > LIMITS.contextElements) out.push(`block ${i}: ${els.length} context elements > ${LIMITS.contextElements}`);
      for (const e of els) if (typeof e.text === "string" && e.text.length > LIMITS.section) out.push(`block ${i}: context text ${e.text.length} > ${LIMITS.section}`);
    }
    if (b.type === "actions") {
      const ids = ((b.elements as Json[] | undefined) ?? []).map((e) => e.action_id);
      if (new Set(ids).size < ids.length) out.push(`block ${i}: action_id repeated within the block`);
      if (ids.length > 25) out.push(`block ${i}: ${ids.length} elements > 25`);
      for (const e of (b.elements as Json[] | undefined) ?? []) {
        if (typeof e.value === "string" && e.value.length > LIMITS.buttonValue) out.push(`block ${i}: button value ${e.value.length} > ${LIMITS.buttonValue}`);
        const bt = (e.text as Json | undefined)?.text;
        if (typeof bt === "string" && bt.length > LIMITS.buttonText) out.push(`block ${i}: button text ${bt.length} > ${LIMITS.buttonText}`);
      }
    }
  });
  return out;
}

/** Throws when the message breaks a Block Kit limit. */
export function assertBlockKitLimits(m: SlackMessageLike): void {
  const v = blockKitViolations(m);
  if (v.length) throw new Error(`slack-limits: message breaks Block Kit limits:\n  ${v.join("\n  ")}`);
}

/** Every piece of visible text in a message (fallback text, section, header, context, fields, buttons). */
export function messageText(m: SlackMessageLike): string {
  return [...(typeof m.text === "string" ? [m.text] : []), ...blockTexts(m)].join("\n");
}

/** Live mentions/specials in the message (`<!channel>`, `<!here>`, `<@U123>`, `<#C1>`, `<!subteam^S1>`). */
export function findMentions(m: SlackMessageLike): string[] {
  return messageText(m).match(/<[!@#][^>]*>/g) ?? [];
}
