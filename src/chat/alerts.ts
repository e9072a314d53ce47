/**
 * An alert (services/alerts.ts) as a neutral Reply, for every front end: Slack renders it with
 * slack/render.ts (which escapes every title and summary), the shell prints it as text. Strings
 * come from the reply catalog (alert-strings.ts), in the channel's language.
 */
import type { AlertMessage } from "../services/alerts.ts";
import { alertStrings } from "./alert-strings.ts";
import { formatDateSpan, hostOf, typeLabel } from "./format.ts";
import type { Reply, ReplyItem } from "./reply.ts";

/** Sources linked under a development at most (a burst line links one). */
const MAX_LINKS = 3;

/** The Reply of an alert message: one development, or a burst listing several. */
export function alertReply(m: AlertMessage): Reply {
  const lang = m.lang ?? "en";
  const S = alertStrings(lang);
  const pairs = new Set(m.developments.map((d) => `${d.pair.a}-${d.pair.b}`));
  const first = m.developments[0]!;
  const footer = pairs.size === 1 ? S.footerOnePair(first.pairCommand) : S.footerManyPairs;
  const item = (d: AlertMessage["developments"][number], burst: boolean): ReplyItem => {
    const date = formatDateSpan(d.dateStart, d.dateEnd, d.datePrecision, lang);
    const type = typeLabel(d.type, d.status, lang);
    const links = d.sources.slice(0, burst ? 1 : MAX_LINKS).map((s) => ({ url: s.url, label: s.outlet?.trim() || hostOf(s.url) }));
    return { lead: burst ? S.burstLead(d.pairTitle, date, type) : S.singleLead(d.pairTitle, date, type), text: d.summary, links };
  };
  // about one pair: its thread (a numbered answer in the shell) follows up on that pair
  const topic = pairs.size === 1 ? { topic: { kind: "timeline" as const, pair: first.pair, ...(lang === "en" ? {} : { lang }) } } : {};
  if (!m.burst) return { ephemeral: false, items: m.developments.map((d) => item(d, false)), footer, actions: [], lang, ...topic };
  return { ephemeral: false, header: S.burstHeader(m.developments.length), items: m.developments.map((d) => item(d, true)), footer, actions: [], lang, ...topic };
}
