/**
 * What the Slack listeners get injected: the chat core, a logger, and the two Web API uses that
 * need more than Bolt's client (never db/ or analyze/).
 */
import type { ChatCore } from "../chat/core.ts";
import type { Logger } from "../lib/log.ts";
import type { OutgoingMessage, PostedMessage } from "./post-once.ts";

/** What joining a conversation came to. */
export type JoinResult =
  | "member" // joined now or was already in it: its messages reach the app
  | "not_joinable" // a private channel or a DM: the app is in it only if someone invited it
  | "failed"; // a public channel it could not join (e.g. an install without channels:join)

/** A file to upload with files.uploadV2. */
export interface FileUpload {
  channel: string;
  thread_ts?: string;
  bytes: Buffer;
  filename: string;
  title: string;
  alt: string;
  comment?: string;
}

export interface SlackDeps {
  chat: ChatCore;
  logger: Logger;
  /** chat.postMessage exactly once (see post-once.ts) */
  postOnce(msg: OutgoingMessage): Promise<PostedMessage>;
  /** conversations.join, so that follow-ups in a shared message's thread reach the app */
  join(channel: string): Promise<JoinResult>;
  /** files.uploadV2 into a channel or a thread, without retries of its own (a 429 is thrown to us) */
  uploadFile(file: FileUpload): Promise<void>;
}
