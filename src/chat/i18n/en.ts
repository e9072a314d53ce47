/**
 * Every string the app sends, in English: the catalog `vi.ts` must match key for key (its type is
 * `Messages`, derived from this object, so a missing or extra key is a type error). Values are
 * templates: `{name}` is replaced by `t()`; plural forms are two keys, `….one` and `….other`.
 * Modules with their own strings (a chart, alerts) add a section here and the same in vi.ts.
 */
export const en = {
  // dates (see format.ts): a year alone, a month, a month span
  "date.day": "{d} {mon} {y}",
  "date.daySpanMonth": "{d1}–{d2} {mon} {y}",
  "date.daySpanYear": "{d1} {mon1} – {d2} {mon2} {y}",
  "date.daySpanYears": "{d1} {mon1} {y1} – {d2} {mon2} {y2}",
  "date.month": "{mon} {y}",
  "date.monthSpan": "{mon1}–{mon2} {y}",
  "date.monthSpanYears": "{mon1} {y1} – {mon2} {y2}",
  "date.year": "{y}",
  "date.yearSpan": "{y1}–{y2}",

  // development types: label, lower-case plural for filters, count forms
  "type.visit": "Visit",
  "type.visit.plural": "visits",
  "type.visit.one": "{n} visit",
  "type.visit.other": "{n} visits",
  "type.talks": "Talks",
  "type.talks.plural": "talks",
  "type.talks.one": "{n} talks",
  "type.talks.other": "{n} talks",
  "type.exercise": "Exercise",
  "type.exercise.plural": "exercises",
  "type.exercise.one": "{n} exercise",
  "type.exercise.other": "{n} exercises",
  "type.patrol": "Patrol",
  "type.patrol.plural": "patrols",
  "type.patrol.one": "{n} patrol",
  "type.patrol.other": "{n} patrols",
  "type.agreement": "Agreement",
  "type.agreement.plural": "agreements",
  "type.agreement.one": "{n} agreement",
  "type.agreement.other": "{n} agreements",
  "type.arms": "Arms",
  "type.arms.plural": "arms deals",
  "type.arms.one": "{n} arms",
  "type.arms.other": "{n} arms deals",
  "type.training": "Training",
  "type.training.plural": "training",
  "type.training.one": "{n} training",
  "type.training.other": "{n} training",
  "type.pledge": "Pledge",
  "type.pledge.plural": "pledges",
  "type.pledge.one": "{n} pledge",
  "type.pledge.other": "{n} pledges",
  // statuses: held is the default and not shown
  "status.held": "held",
  "status.announced": "announced",
  "status.planned": "planned",
  "label.withStatus": "{label} ({status})",

  // counts
  "count.developments.one": "{n} development",
  "count.developments.other": "{n} developments",
  "count.sources.one": "{n} source",
  "count.sources.other": "{n} sources",
  "count.partners.one": "{n} partner",
  "count.partners.other": "{n} partners",

  // timeline
  "filter.since": "since {date}",
  "timeline.emptyFiltered": "Nothing yet between {a} and {b} for {filter}. Try without the filter.",
  "timeline.empty": "Nothing yet between {a} and {b}: no development found in the sources read so far. New articles are read every half hour.",
  "timeline.emptyFooter": "Try /relations {a} to see its partners.",
  "timeline.from": "{developments} from {sources}",
  "timeline.lastUpdated": "last updated {date}",
  "timeline.showing": "showing {from}–{to}",
  "action.older": "Show older",
  "action.share": "Share in channel",

  // partners
  "partners.header": "{country}: defense cooperation partners",
  "partners.empty": "Nothing yet about {country}: no development found in the sources read so far.",
  "partners.topShown": "top {n} shown",
  "partners.latest": "latest {date}",
  "partners.footer": "For a timeline: /relations {country} <partner>",
  "partners.footerFiltered": " (since and type apply to a pair's timeline; these counts cover everything)",

  // errors of a command
  "error.sameCountry": "That's {country} twice. Give two different countries, e.g. /relations {lower} russia — or just /relations {lower} to see all its partners.",
  "error.unknownCountry": "I don't know the country \"{name}\".",
  "error.didYouMean": " Did you mean {list}?",
  "error.countryHint": " Try the English or Vietnamese name, or the ISO code (CN, BY).",
  "error.badDate": "I can't read the date \"{value}\": write `since 2023`, `since 2024-06` or `since 2024-06-15`.",
  "error.watchNeedsPair": "Give two countries to {verb}, e.g. `/relations {verb} china belarus`.",
  "list.or": "or",
  "apology": "Sorry, something went wrong while answering. It has been logged; please try again in a moment.",

  // watching
  "watch.needsChannel": "Watching works in a channel.",
  "watching.none": "This channel watches no pair yet, so it gets no weekly digest of its own. Add one with /relations watch china belarus.",
  "watching.header": "Pairs this channel watches",
  "watching.footer": "This channel gets a weekly digest of these pairs.{next} /relations unwatch <pair> removes one.",
  "watch.added": "This channel now watches {pair} and gets a weekly digest of the pairs it watches.{next}",
  "watch.already": "This channel already watches {pair}.",
  "unwatch.removed": "This channel no longer watches {pair}.",
  "unwatch.notWatching": "This channel was not watching {pair}.",
  "digest.notHere": " (Weekly digests are posted when the app runs in Slack.)",
  "digest.next": " The next one comes {when} ({tz}).",

  // the channel's language
  "lang.name.en": "English",
  "lang.name.vi": "Vietnamese",
  "lang.set": "This channel's answers are in {language} from now on (/relations lang auto: each command's own language).",
  "lang.cleared": "This channel has no language setting now: each answer follows the language of its command (English by default).",
  "lang.current": "This channel's answers are in {language} (/relations lang vi|en to change, /relations lang auto to follow each command).",
  "lang.none": "This channel has no language setting: each answer follows the language of its command (English by default). Set one with /relations lang vi or /relations lang en.",
  "lang.bad": "I can answer in Vietnamese or English: /relations lang vi, /relations lang en, or /relations lang auto.",
  "lang.needsChannel": "A language setting works in a channel.",

  // help
  "help.header": "How to use /relations",
  "help.timeline.lead": "/relations china belarus",
  "help.timeline": "the timeline of defense cooperation between two countries, newest first, with sources",
  "help.filters.lead": "/relations north korea russia since 2023 exercises",
  "help.filters": "add a start (since 2023, since 2024-06) and a type: visits, talks, exercises, patrols, agreements, arms, training, pledges — or in Vietnamese: thăm, hội đàm, tập trận, tuần tra, thỏa thuận, vũ khí, huấn luyện, cam kết",
  "help.partners.lead": "/relations belarus",
  "help.partners": "a country's partners with counts by type and the latest date",
  "help.watch.lead": "/relations watch china belarus",
  "help.watch": "the weekly digest of this channel covers this pair (unwatch to stop, watching to list)",
  "help.lang.lead": "/relations lang vi",
  "help.lang": "this channel's answers in Vietnamese (lang en: English; lang auto: the language of each command)",
  "help.footer": "Names work in English or Vietnamese, with or without diacritics, or as ISO codes (CN, BY). Share a timeline in the channel and ask follow-up questions in its thread.",
  "mention.help": "Hi! Ask me with /relations and two countries, e.g. /relations china belarus, for a dated timeline with sources (/relations help for more). Share a timeline in the channel, or open the weekly digest, and ask follow-up questions in its thread.",

  // follow-up answers in a thread
  "followUp.unavailable": "Follow-up questions are not available yet.",
  "answer.whichDigestPair": "Which pair of this digest do you mean? Pick one below, or name the two countries in your question (“and China–Russia?”).",
  "answer.morePairs": "{n} more pairs of this digest are not shown as buttons; name the pair in your question.",
  "answer.whichPair": "Which two countries do you mean? Name them in your question, e.g. “and China–Russia?” or “còn Nga – Triều Tiên thì sao?”.",
  "answer.nothingOlder": "Nothing older between {pair} in the stored articles.",
  "answer.nothingAbout": "I found nothing about {what} for {pair} in the stored articles.",
  "answer.anything": "that",
  "answer.nothingFooter": "I only answer from the articles I have read; try other words, another period, or “more”.",
  "answer.switched": "Switched to {pair}",
  "answer.footer": "Reply “more” for older developments, or ask about another pair (“and China–Russia?”).",
  "answer.composed": "{where} · written by a language model from the numbered passages only",
  "answer.fromOne": "{where} · from one development in the stored articles",
  "answer.fromMany": "{where} · from {n} developments in the stored articles",
  "answer.moreSources": " (+{n} more sources)",

  // Slack buttons and sharing
  "slack.stale": "This button is out of date; run the command again.",
  "slack.inviteForFollowUps": "To ask follow-up questions in this thread, invite me first: /invite @Relations",
  "slack.cannotPostDm": "I can't post in a direct message between other people. Share it in a channel instead.",
  "slack.cannotPost": "I can't post in this conversation. Invite me first (/invite @Relations), then share again.",

  // the terminal shell's own lines
  "shell.welcome": "Relations shell. Type /relations help, or help for shell commands.",
  "shell.help": "Commands:\n  /relations china belarus      timeline of a pair (try /relations help)\n  more                          older entries of the last timeline\n  > <question>                  follow-up question on the last numbered answer\n  reply <n> <question>          follow-up question on answer #n\n  help | quit",
  "shell.hint": "(> question: follow-up on #{n})",
  "shell.hintMore": "(more: older entries · > question: follow-up on #{n})",
  "shell.nothingOlder": "Nothing older: ask for a timeline first, or this one is complete.",
  "shell.noAnswer": "There is no answer #{n}.",
  "shell.askFirst": "Ask for a timeline first; then > your question replies to it.",
  "shell.writeQuestion": "Write the question after >.",
  "shell.unknown": "I don't know \"{line}\".",

  // what a renderer adds when Slack's limits cut a message
  "render.moreLinks": "+{n} more",
  "render.notShown": "{n} more not shown",
} as const;
