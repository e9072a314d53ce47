/** A worker thread for bench:ingest --workers: runs extractPage on pages posted to it. */
import { parentPort } from "node:worker_threads";
import { extractPage } from "../src/ingest/extract-page.ts";

parentPort!.on("message", (m: { id: number; html: string; url: string; timeZone: string }) => {
  const t0 = performance.now();
  try {
    const page = extractPage(m.html, m.url, { timeZone: m.timeZone });
    parentPort!.postMessage({ id: m.id, page, ms: performance.now() - t0 });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: String(err), ms: performance.now() - t0 });
  }
});
