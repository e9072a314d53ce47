/**
 * Slack mrkdwn safety. Any untrusted text (article titles, outlet names, summaries, user input)
 * goes through `escapeMrkdwn` so `<!channel>`, `<@U123>` or `<https://x|y>` stay inert text.
 * Slack asks for exactly three escapes: & < > (https://api.slack.com/reference/surfaces/formatting#escaping).
 */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Slack sends `&`, `<` and `>` in command and message text as `&amp;`, `&lt;`, `&gt;`: decoded once
 * at the edge so the core parses what the person typed, and escaped once again on output.
 * `&amp;lt;` (a person who typed "&lt;") decodes to "&lt;", not "<": `&amp;` goes last.
 */
export function decodeSlackEntities(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** True for absolute http(s) URLs only: no javascript:, file:, mailto: or relative links in messages. */
export function isHttpUrl(u: string): boolean {
  try {
    const p = new URL(u);
    return p.protocol === "http:" || p.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * A mrkdwn link `<url|label>` for http(s) URLs; otherwise the escaped label alone. The label is
 * escaped and may not contain `|`, which would end it early.
 */
export function mrkdwnLink(url: string, label: string): string {
  const safeLabel = escapeMrkdwn(label.replace(/\|/g, "¦").replace(/\s+/g, " ").trim()) || "source";
  if (!isHttpUrl(url)) return safeLabel;
  const safeUrl = url.replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\|/g, "%7C");
  return `<${safeUrl}|${safeLabel}>`;
}

/** Block Kit limits we must respect (https://api.slack.com/reference/block-kit). */
export const BLOCK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  buttonValue: 2000,
  buttonText: 75,
  contextElements: 10,
  fallbackText: 40_000,
  /**
   * Slack rejects a message whose blocks carry more than about 12,000 characters in all
   * (`msg_blocks_too_long`), whatever each block's own limit; we keep under this budget, counted
   * by `blocksTextLength`, which leaves room for what Slack also counts (structure, link syntax).
   */
  messageTextBudget: 11_000,
} as const;

/** Every visible text of a list of blocks summed: section, header, context and field texts, button labels. */
export function blocksTextLength(blocks: readonly unknown[]): number {
  let n = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (k === "text" && typeof x === "string") n += x.length;
        else walk(x);
      }
    }
  };
  walk(blocks);
  return n;
}

/** Cuts `s` to at most `max` characters, ending with an ellipsis when it had to cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  return s.slice(0, Math.max(0, max - 1)).replace(/&[a-z]*$/i, "") + "…";
}
