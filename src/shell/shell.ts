/**
 * The chat core in a terminal: the same commands as Slack, rendered as text.
 *
 *   /relations china belarus     a timeline (also without the slash: "relations china belarus")
 *   more                         the next older page of the last timeline
 *   > when did they last drill?  a thread reply to the last numbered answer
 *   reply 2 any arms deals?      a thread reply to answer #2
 *   ingest [PATH|URL …]          an ingest run now (then alerts of watched pairs print here)
 *   help, quit
 * Each timeline answer gets a number, as a Slack message gets a thread.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { ChatCore } from "../chat/core.ts";
import type { Reply, Topic } from "../chat/reply.ts";
import { renderReplyText } from "../chat/text.ts";
import { chartStrings } from "../chat/chart-strings.ts";
import { t, type Lang } from "../chat/i18n/index.ts";
import type { Logger } from "../lib/log.ts";
import { silentLogger } from "../lib/log.ts";
import type { ShellNotices } from "./alert-port.ts";

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
  /** where charts are written (default: relations-charts in the temp folder) */
  chartDir?: string;
  /** alerts of watched pairs (`watch a b alerts`) print here as they come */
  notices?: ShellNotices;
  /** `ingest [targets]`: runs an ingest now and returns its summary line */
  ingest?: (targets: string[]) => Promise<string>;
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

  const show = async (reply: Reply) => {
    lastLang = reply.lang ?? "en";
    if (reply.image) {
      // a chart: the PNG goes to a file (the same name for the same pair, so a new chart replaces the old one)
      const dir = opts.chartDir ?? join(tmpdir(), "relations-charts");
      await mkdir(dir, { recursive: true });
      const path = join(dir, reply.image.filename);
      await writeFile(path, reply.image.png);
      write(`${reply.items[0]?.text ?? ""}\n${chartStrings(lastLang).shellWritten(path)}`);
      return;
    }
    const older = reply.actions.find((a) => a.id === "older");
    if (reply.topic) {
      lastOlder = older?.value ?? null;
      answers.push(reply.topic);
      write(`[#${answers.length}] ` + renderReplyText(reply));
      write(t(lastLang, older ? "shell.hintMore" : "shell.hint", { n: answers.length }));
    } else {
      write(renderReplyText(reply));
    }
  };

  // an alert comes between two commands: shown like an answer (numbered when it is about one pair)
  opts.notices?.attach((reply, channel) => {
    const l = reply.lang ?? "en";
    write(t(l, "shell.alertBanner", { channel }));
    if (!reply.topic) return write(renderReplyText(reply));
    // numbered for `reply <n> …`; "more" keeps paging the last timeline
    answers.push(reply.topic);
    write(`[#${answers.length}] ` + renderReplyText(reply));
    write(t(l, "shell.alertHint", { n: answers.length }));
  });

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
        await show(await chat.command(line.replace(/^\/?relations\s*/i, ""), { channel, user: "shell" }));
      } else if (/^ingest(\s|$)/i.test(line)) {
        if (!opts.ingest) write(t(lang(), "shell.noIngest"));
        else write(await opts.ingest(line.split(/\s+/).slice(1)));
      } else if (line === "more" || line === "older") {
        const reply = lastOlder ? chat.older(lastOlder) : null;
        if (reply) await show(reply);
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
