/**
 * The chat core in a terminal: the same commands as Slack, rendered as text.
 *
 *   /relations china belarus     a timeline (also without the slash: "relations china belarus")
 *   more                         the next older page of the last timeline
 *   > when did they last drill?  a thread reply to the last numbered answer
 *   reply 2 any arms deals?      a thread reply to answer #2
 *   help, quit
 * Each timeline answer gets a number, as a Slack message gets a thread.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { ChatCore } from "../chat/core.ts";
import type { Reply, Topic } from "../chat/reply.ts";
import { renderReplyText } from "../chat/text.ts";
import { t, type Lang } from "../chat/i18n/index.ts";
import type { Logger } from "../lib/log.ts";
import { silentLogger } from "../lib/log.ts";

/** Where the shell reads and writes. */
export interface ShellOptions {
  chat: ChatCore;
  input: Readable;
  output: Writable;
  logger?: Logger;
  /** printed before each line read (default "relations> "); "" for none */
  prompt?: string;
  /** channel name used for watch/unwatch (default "shell") */
  channel?: string;
}

/** The shell's own help. */
export const SHELL_HELP = t("en", "shell.help");

/** Runs the shell until the input ends or "quit"; resolves when done. */
export async function runShell(opts: ShellOptions): Promise<void> {
  const { chat, output } = opts;
  const log = opts.logger ?? silentLogger;
  const prompt = opts.prompt ?? "relations> ";
  const write = (s: string) => void output.write(s.endsWith("\n") ? s : s + "\n");
  const answers: Topic[] = [];
  let lastOlder: string | null = null;
  const channel = opts.channel ?? "shell";
  // the shell's own lines follow the channel's setting, else the language of the last answer
  let lastLang: Lang = "en";
  const lang = (): Lang => chat.channelLang(channel) ?? lastLang;

  const show = (reply: Reply) => {
    const older = reply.actions.find((a) => a.id === "older");
    lastLang = reply.lang ?? "en";
    if (reply.topic) {
      lastOlder = older?.value ?? null;
      answers.push(reply.topic);
      write(`[#${answers.length}] ` + renderReplyText(reply));
      write(t(lastLang, older ? "shell.hintMore" : "shell.hint", { n: answers.length }));
    } else {
      write(renderReplyText(reply));
    }
  };

  const rl = createInterface({ input: opts.input, terminal: false, crlfDelay: Infinity });
  write(t(lang(), "shell.welcome"));
  if (prompt) output.write(prompt);
  for await (const raw of rl) {
    const line = raw.trim();
    try {
      if (line === "quit" || line === "exit") break;
      if (line === "") {
        // nothing
      } else if (line === "help") {
        write(t(lang(), "shell.help"));
      } else if (/^\/?relations(\s|$)/i.test(line)) {
        show(await chat.command(line.replace(/^\/?relations\s*/i, ""), { channel, user: "shell" }));
      } else if (line === "more" || line === "older") {
        const reply = lastOlder ? chat.older(lastOlder) : null;
        if (reply) show(reply);
        else write(t(lang(), "shell.nothingOlder"));
      } else if (line.startsWith(">") || /^reply\s+\d+\s/i.test(line)) {
        const m = /^reply\s+(\d+)\s+([\s\S]+)$/i.exec(line);
        const n = m ? Number(m[1]) : answers.length;
        const text = m ? m[2]!.trim() : line.slice(1).trim();
        const topic = answers[n - 1];
        if (!topic) write(n ? t(lang(), "shell.noAnswer", { n }) : t(lang(), "shell.askFirst"));
        else if (!text) write(t(lang(), "shell.writeQuestion"));
        else write(renderReplyText(await chat.followUp({ ...chat.contextOf(topic), channel }, text)));
      } else {
        write(`${t(lang(), "shell.unknown", { line })} ${t(lang(), "shell.help")}`);
      }
    } catch (err) {
      log.error("shell: command failed", { err, line });
      write(renderReplyText(chat.apology(channel)));
    }
    if (prompt) output.write(prompt);
  }
  rl.close();
}
