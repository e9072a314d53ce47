/**
 * What an English agreement cue says was signed: a named document ("the Reciprocal Access
 * Agreement", "the Enhanced Defense Cooperation Agreement") or its kind and subject ("a memorandum
 * of understanding on defence cooperation", "a joint statement").
 */
// "Reciprocal Access Agreement", "Treaty of Friendship", "Framework for the U.S.-India Major Defense Partnership"
const NAMED = /((?:[A-Z][\w'.-]*\s+|(?:of|on|for|and|the|in)\s+){0,7}[A-Z][\w'.-]*\s+(?:Agreement|Treaty|Pact|Accord|Memorandum of Understanding|Declaration|Joint Statement|Framework|Arrangement|Roadmap|Plan|Partnership))(?![\w-])/gu;
const KIND = /\b(memorand(?:um|a) of understanding|memorandum|mou|treaty|pact|joint statement|joint declaration|roadmap|action plan|plan|accord|agreement|deal|letter of intent)\b/u;
const TOPIC = /^\s*(?:on|for|in|of)\s+((?:[a-z-]+\s+){0,3}(?:cooperation|training|exchanges?|industry|logistics|technology|security|intelligence|procurement|assistance|guarantees|partnership))\b/u;
const ARTICLE = (w: string) => (/^[aeiou]/.test(w) && !/^(?:one|uni)/.test(w) ? "an" : "a");

export function documentName(text: string, rel: number, len: number): string | null {
  // the named document nearest the cue, within a short window around it
  const from = Math.max(0, rel - 60);
  const window = text.slice(from, rel + len + 90);
  let best: { name: string; d: number } | null = null;
  for (const m of window.matchAll(NAMED)) {
    let name = m[1]!.replace(/^(?:(?:of|on|for|and|the|in)\s+)+/u, "").trim();
    if (name.split(/\s+/).length < 2) continue;
    name = name.replace(/^The\s+/u, "");
    const at = from + m.index! + (m[0].length - m[1]!.length);
    const d = Math.abs(at - rel);
    if (!best || d < best.d) best = { name, d };
  }
  if (best) return `the ${best.name}`;
  const lower = text.toLowerCase();
  const after = lower.slice(rel, rel + len + 70);
  const k = KIND.exec(after) ?? KIND.exec(lower.slice(rel, rel + len));
  if (!k) return null;
  let kind = k[1]!.replace(/^mou$|^memorand(?:um|a) of understanding$/u, "memorandum of understanding");
  if (kind === "deal") kind = "agreement";
  const topic = TOPIC.exec(after.slice(k.index + k[0].length));
  const phrase = topic ? `${kind} on ${topic[1]!.replace(/defence/gu, "defense")}` : kind;
  return `${ARTICLE(phrase)} ${phrase}`;
}
