/**
 * The body of an extraction worker thread: runs extractPage on each page posted to it and posts
 * the result back. The pool terminates this thread when a page takes too long.
 */
import { parentPort } from "node:worker_threads";
import { ExtractLimitError, extractPage } from "./extract-page.ts";
import type { ExtractJob, ExtractReply } from "./extract-pool.ts";

parentPort!.on("message", (m: ExtractJob) => {
  let reply: ExtractReply;
  try {
    reply = { id: m.id, page: extractPage(m.html, m.url, { timeZone: m.timeZone, maxDepth: m.maxDepth }) };
  } catch (err) {
    reply = err instanceof ExtractLimitError ? { id: m.id, error: err.message, limit: err.limit } : { id: m.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
// Loading tsx, linkedom and Readability takes about a second: the pool starts a page's clock
// only once the worker says it is ready.
parentPort!.postMessage({ ready: true });
