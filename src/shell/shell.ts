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
import { CHART_STRINGS_EN } from "../chat/chart-strings.ts";
import type { Logger } from "../lib/log.ts";
import { silentLogger } from "../lib/log.ts";
import { ALERT_STRINGS } from "../chat/alert-strings.ts";
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
export const SHELL_HELP = [
  "Commands:",
  "  /relations china belarus      timeline of a pair (try /relations help)",
  CHART_STRINGS_EN.shellHelp,
  "  more                          older entries of the last timeline",
  "  > <question>                  follow-up question on the last numbered answer",
  "  reply <n> <question>          follow-up question on answer #n",
  "  ingest [path|url …]           read the sources (or these) now; alerts of watched pairs print here",
  "  help | quit",
].join("\n");

/** Runs the shell until the input ends or "quit"; resolves when done. */
export async function runShell(opts: ShellOptions): Promise<void> {
  const { chat, output } = opts;
  const log = opts.logger ?? silentLogger;
  const prompt = opts.prompt ?? "relations> ";
  const write = (s: string) => void output.write(s.endsWith("\n") ? s : s + "\n");
  const answers: Topic[] = [];
  let lastOlder: string | null = null;

  const show = async (reply: Reply) => {
    if (reply.image) {
      // a chart: the PNG goes to a file (the same name for the same pair, so a new chart replaces the old one)
      const dir = opts.chartDir ?? join(tmpdir(), "relations-charts");
      await mkdir(dir, { recursive: true });
      const path = join(dir, reply.image.filename);
      await writeFile(path, reply.image.png);
      write(`${reply.items[0]?.text ?? ""}\n${CHART_STRINGS_EN.shellWritten(path)}`);
      return;
    }
    const older = reply.actions.find((a) => a.id === "older");
    if (reply.topic) {
      lastOlder = older?.value ?? null;
      answers.push(reply.topic);
      write(`[#${answers.length}] ` + renderReplyText(reply));
      write(`(${older ? "more: older entries · " : ""}> question: follow-up on #${answers.length})`);
    } else {
      write(renderReplyText(reply));
    }
  };

  // an alert comes between two commands: shown like an answer (numbered when it is about one pair)
  opts.notices?.attach((reply, channel) => {
    write(ALERT_STRINGS.shellBanner(channel));
    if (!reply.topic) return write(renderReplyText(reply));
    // numbered for `reply <n> …`; "more" keeps paging the last timeline
    answers.push(reply.topic);
    write(`[#${answers.length}] ` + renderReplyText(reply));
    write(`(reply ${answers.length} <question>: follow-up on this alert)`);
  });

  const rl = createInterface({ input: opts.input, terminal: false, crlfDelay: Infinity });
  write("Relations shell. Type /relations help, or help for shell commands.");
  if (prompt) output.write(prompt);
  for await (const raw of rl) {
    const line = raw.trim();
    try {
      if (line === "quit" || line === "exit") break;
      if (line === "") {
        // nothing
      } else if (line === "help") {
        write(SHELL_HELP);
      } else if (/^\/?relations(\s|$)/i.test(line)) {
        await show(await chat.command(line.replace(/^\/?relations\s*/i, ""), { channel: opts.channel ?? "shell", user: "shell" }));
      } else if (/^ingest(\s|$)/i.test(line)) {
        if (!opts.ingest) write("Ingest is not available here.");
        else write(await opts.ingest(line.split(/\s+/).slice(1)));
      } else if (line === "more" || line === "older") {
        const reply = lastOlder ? chat.older(lastOlder) : null;
        if (reply) await show(reply);
        else write("Nothing older: ask for a timeline first, or this one is complete.");
      } else if (line.startsWith(">") || /^reply\s+\d+\s/i.test(line)) {
        const m = /^reply\s+(\d+)\s+([\s\S]+)$/i.exec(line);
        const n = m ? Number(m[1]) : answers.length;
        const text = m ? m[2]!.trim() : line.slice(1).trim();
        const topic = answers[n - 1];
        if (!topic) write(n ? `There is no answer #${n}.` : "Ask for a timeline first; then > your question replies to it.");
        else if (!text) write("Write the question after >.");
        else write(renderReplyText(await chat.followUp(chat.contextOf(topic), text)));
      } else {
        write(`I don't know "${line}". ${SHELL_HELP}`);
      }
    } catch (err) {
      log.error("shell: command failed", { err, line });
      write(renderReplyText(chat.apology()));
    }
    if (prompt) output.write(prompt);
  }
  rl.close();
}
