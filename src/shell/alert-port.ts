/**
 * Alerts in the terminal shell, which stands in for Slack: an AlertPort whose "channel" is the
 * terminal. A posted alert is handed to the shell (as the neutral Reply, so it is numbered and
 * `reply <n> …` asks a follow-up under it) and kept, so the exactly-once search of the alert
 * service finds it as it would in Slack. Alerts that come before the shell is up wait for it.
 */
import { alertReply } from "../chat/alerts.ts";
import type { Reply } from "../chat/reply.ts";
import type { AlertPort } from "../services/alerts.ts";
import type { SlackHistoryMessage } from "../services/digest-post.ts";

/** Where the shell shows alerts; `attach` is called by runShell. */
export interface ShellNotices {
  attach(show: (reply: Reply, channel: string) => void): void;
}

/** The shell's port and the notices runShell attaches to. */
export function createShellAlertPort(): { port: AlertPort; notices: ShellNotices } {
  const posted: (SlackHistoryMessage & { channel: string })[] = [];
  const waiting: [Reply, string][] = [];
  let show: ((reply: Reply, channel: string) => void) | null = null;
  let seq = 0;
  const port: AlertPort = {
    chat: {
      async postMessage(args) {
        seq++;
        const ts = `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, "0")}`;
        posted.push({ channel: args.channel, ts, text: args.text, metadata: args.metadata });
        const reply = args.blocks?.[0] as Reply;
        if (show) show(reply, args.channel);
        else waiting.push([reply, args.channel]);
        return { ok: true, ts };
      },
    },
    conversations: {
      async history(args) {
        return { messages: posted.filter((m) => m.channel === args.channel && Number(m.ts) >= Number(args.oldest ?? 0)) };
      },
      async replies() {
        return { messages: [] };
      },
    },
    // the shell's "blocks" are the neutral reply itself: runShell numbers and prints it
    renderAlert: (alert) => ({ text: alert.key, blocks: [alertReply(alert)] }),
    classifyError: (err) => ({ kind: "fatal", reason: (err as Error).message }),
  };
  return {
    port,
    notices: {
      attach(fn) {
        show = fn;
        for (const [r, ch] of waiting.splice(0)) fn(r, ch);
      },
    },
  };
}
