/**
 * The neutral answer the chat core returns. Front ends (Slack Block Kit, terminal text) render it;
 * every string here is plain, unescaped text — the renderer escapes for its medium.
 */
import type { CountryPair, EventType } from "../domain/types.ts";
import type { Lang } from "./i18n/index.ts";

/** A link to a source; only http(s) URLs become links when rendered. */
export interface ReplyLink {
  url: string;
  label: string;
}

/** One entry: a bold lead ("14 Oct 2024 · Exercise"), a body and source links. */
export interface ReplyItem {
  lead?: string;
  text: string;
  links?: ReplyLink[];
}

/** A button; `value` is opaque to the front end and handed back to the core when pressed. */
export interface ReplyAction {
  id: "older" | "share" | "pick" | "chart";
  label: string;
  value: string;
}

/** What a reply is about, recorded with a message posted in a channel so its thread knows the context. */
export interface Topic {
  kind: "timeline";
  pair: CountryPair;
  since?: string;
  type?: EventType;
  /** "YYYY-MM-DD:id" of the position the page started after (null/absent = newest) */
  start?: string;
  /** "YYYY-MM-DD:id" of the oldest development shown */
  oldest?: string;
  /** how many entries came before this page (for "showing 11–20") */
  offset?: number;
  /** the language of the answer when not English (kept in buttons, so "Show older" answers alike) */
  lang?: Lang;
}

/** The answer to a command, an action or a follow-up. */
export interface Reply {
  /** only the asking user sees it (Slack ephemeral); the shell ignores it */
  ephemeral: boolean;
  header?: string;
  /** a short grey line under the header */
  context?: string;
  items: ReplyItem[];
  /** items are one-liners a renderer may pack several to a block */
  dense?: boolean;
  /** a closing line (hints, "showing 1–10 of 42") */
  footer?: string;
  actions: ReplyAction[];
  topic?: Topic;
  /** a picture to post with the reply (the activity chart): Slack uploads it, the shell writes a file */
  image?: ReplyImage;
  /** the language it is written in (default English): renderers add their own words in it */
  lang?: Lang;
}

/** A PNG to post: its bytes, a file name, a title and the alt text Slack shows and reads out. */
export interface ReplyImage {
  png: Buffer;
  filename: string;
  title: string;
  alt: string;
}

/** The context of a thread reply: what the message it replies to was about. */
export interface ThreadContext {
  kind: "timeline" | "digest" | "digest_pair" | "answer" | "alert";
  pair: CountryPair | null;
  since: string | null;
  until: string | null;
  type: string | null;
  /** the oldest development already shown, "YYYY-MM-DD:id" (for "more") */
  cursor: string | null;
  /** where the thread lives, when in Slack */
  channel?: string;
  threadTs?: string;
  /** a digest's thread with several pairs and none chosen yet: the pairs to pick from */
  choices?: CountryPair[];
  /** the language to answer in (the channel's setting, or the thread's parent); absent: English */
  lang?: Lang;
}

/** Answers a follow-up question in a thread; issue 6 plugs its answerer in here. */
export type FollowUpAnswerer = (context: ThreadContext, text: string) => Promise<Reply>;
