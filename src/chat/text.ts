/** Renders a Reply as plain text for the terminal (no markup, no escaping needed). */
import type { Reply } from "./reply.ts";

/** The reply as lines of text; links show as "label <url>". */
export function renderReplyText(r: Reply): string {
  const out: string[] = [];
  if (r.header) out.push(r.header, "=".repeat(Math.min(r.header.length, 72)));
  if (r.context) out.push(r.context);
  if (r.header || r.context) out.push("");
  for (const it of r.items) {
    const head = it.lead ? (r.dense ? `- ${it.lead}: ` : `* ${it.lead}\n  `) : r.dense ? "- " : "";
    out.push(head + it.text);
    if (it.links?.length) out.push("  " + it.links.map((l) => `${l.label} <${l.url}>`).join(" · "));
    if (!r.dense && r.items.length > 1) out.push("");
  }
  if (r.footer) out.push(r.footer);
  while (out.length && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}
