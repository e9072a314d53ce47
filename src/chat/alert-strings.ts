/**
 * The alerts' words (issue 13) in a language: the templates are in the reply catalog (src/chat/i18n,
 * sections "alert" and "help.alerts"), filled here. Plain text: front ends escape for their medium.
 */
import { t, type Lang } from "./i18n/index.ts";

/** The alert strings in `lang`. */
export function alertStrings(lang: Lang) {
  return {
    /** the lead of a single alert: "New · Belarus – China · 14 Oct 2024 · Exercise" */
    singleLead: (pair: string, date: string, type: string) => t(lang, "alert.singleLead", { pair, date, type }),
    /** the header of a burst message */
    burstHeader: (n: number) => t(lang, "alert.burstHeader", { n }),
    /** one line of a burst: "Belarus – China · 14 Oct 2024 · Exercise" (no words of its own) */
    burstLead: (pair: string, date: string, type: string) => `${pair} · ${date} · ${type}`,
    /** the closing line of an alert about one pair */
    footerOnePair: (pairCommand: string) => t(lang, "alert.footerOnePair", { pair: pairCommand }),
    /** the closing line of a burst over several pairs */
    footerManyPairs: t(lang, "alert.footerManyPairs"),
    /** watch … alerts: turned on */
    alertsOn: (pair: string, days: number) => t(lang, "alert.on", { pair, days }),
    alertsAlreadyOn: (pair: string) => t(lang, "alert.alreadyOn", { pair }),
    /** unwatch … alerts */
    alertsOff: (pair: string) => t(lang, "alert.off", { pair }),
    alertsWereOff: (pair: string) => t(lang, "alert.wereOff", { pair }),
    /** after a pair in /relations watching */
    watchingMarker: t(lang, "alert.watchingMarker"),
  };
}
