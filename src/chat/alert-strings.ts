/**
 * Every user-visible string of the alerts feature (issue 13), in one English catalog: the alert
 * and burst messages, the watch/unwatch confirmations for alerts and the help line. A translated
 * catalog can take this object's shape over. Plain text: front ends escape for their medium.
 */
export const ALERT_STRINGS = {
  /** "alerts" after a watch/unwatch command (folded, lower case) */
  keywords: ["alerts", "alert"],
  /** the lead of a single alert: "New · Belarus – China · 14 Oct 2024 · Exercise" */
  singleLead: (pairTitle: string, date: string, type: string) => `New · ${pairTitle} · ${date} · ${type}`,
  /** the header of a burst message */
  burstHeader: (n: number) => `${n} new developments of the pairs this channel watches`,
  /** one line of a burst: "Belarus – China · 14 Oct 2024 · Exercise" */
  burstLead: (pairTitle: string, date: string, type: string) => `${pairTitle} · ${date} · ${type}`,
  /** the closing line of an alert about one pair */
  footerOnePair: (pairCommand: string) => `Ask a follow-up question in this thread. /relations ${pairCommand} for the timeline · /relations unwatch ${pairCommand} alerts to stop these alerts.`,
  /** the closing line of a burst over several pairs */
  footerManyPairs: "Ask a follow-up question in this thread, naming the pair (“and China–Russia?”). /relations unwatch <pair> alerts stops a pair's alerts.",
  /** the shell prints alerts between prompts with this line above them */
  shellBanner: (channel: string) => `--- alert in ${channel} ---`,
  /** watch … alerts: turned on */
  alertsOn: (pairTitle: string, days: number) =>
    `This channel now gets an alert for each new development between ${pairTitle} — first reported from now on and dated within the last ${days} days or ahead — and watches the pair for its weekly digest.`,
  alertsAlreadyOn: (pairTitle: string) => `This channel already gets alerts for ${pairTitle}.`,
  /** unwatch … alerts */
  alertsOff: (pairTitle: string) => `This channel no longer gets alerts for ${pairTitle}; it still watches the pair for its weekly digest (/relations unwatch without "alerts" stops that too).`,
  alertsWereOff: (pairTitle: string) => `This channel was not getting alerts for ${pairTitle}.`,
  /** after a pair in /relations watching */
  watchingMarker: " · alerts on",
  /** the help line */
  helpLead: "/relations watch china belarus alerts",
  helpText: "also an alert in this channel for each new development of the pair (unwatch … alerts to stop)",
} as const;
