/**
 * Page extraction off the main thread, bounded in time: a small pool of worker threads runs
 * extractPage; a page that takes longer than `timeoutMs` (or exhausts the worker's heap) gets its
 * worker terminated and is rejected with an ExtractLimitError, and a fresh worker takes the next
 * page. The main thread meanwhile keeps answering Slack and the shell and renewing its lease.
 *
 * Workers start on first use and are unref'd while idle, so an idle pool never keeps a process up.
 */
import { Worker } from "node:worker_threads";
import { ExtractLimitError, MAX_DEPTH, type ExtractLimit } from "./extract-page.ts";
import type { ExtractedPage } from "./types.ts";

/** A page sent to a worker. */
export interface ExtractJob {
  id: number;
  html: string;
  url: string;
  timeZone: string;
  maxDepth: number;
}

/** A worker's answer. */
export type ExtractReply = { id: number; page: ExtractedPage | null } | { id: number; error: string; limit?: ExtractLimit };

/** Limits of a pool. */
export interface ExtractPoolOptions {
  /** worker threads; default 1 (the machine this runs on has few cores, and Slack needs one) */
  size?: number;
  /** wall time one page may take in a worker; default 10 s */
  timeoutMs?: number;
  /** deepest element nesting extracted; default MAX_DEPTH */
  maxDepth?: number;
  /** heap of one worker in MB; default 512 */
  maxHeapMb?: number;
}

/** A running pool; `extract` has the signature IngestDeps.extract expects. */
export interface ExtractPool {
  extract(html: string, url: string, opts: { timeZone: string }): Promise<ExtractedPage | null>;
  /** terminates every worker; pages in flight are rejected */
  close(): Promise<void>;
}

/** Default wall-time limit for one page. */
export const EXTRACT_TIMEOUT_MS = 10_000;

// Compiled (dist/ingest/extract-pool.js) the worker is its compiled neighbour; from the sources
// (tsx, vitest) it is the .mjs shim that registers tsx in the worker first.
const WORKER_ENTRY = new URL(import.meta.url.endsWith(".ts") ? "./extract-worker.mjs" : "./extract-worker.js", import.meta.url);

interface Pending {
  job: ExtractJob;
  resolve: (p: ExtractedPage | null) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
}

/** Starts a pool (its workers start with the first page). */
export function createExtractPool(opts: ExtractPoolOptions = {}): ExtractPool {
  const size = Math.max(1, opts.size ?? 1);
  const timeoutMs = opts.timeoutMs ?? EXTRACT_TIMEOUT_MS;
  const maxDepth = opts.maxDepth ?? MAX_DEPTH;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 0;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(WORKER_ENTRY, { resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb ?? 512 } });
    worker.unref();
    const slot: Slot = { worker, ready: false, current: null, timer: null };
    worker.on("message", (m: ExtractReply | { ready: true }) => {
      if ("ready" in m) {
        slot.ready = true;
        pump();
        return;
      }
      const p = slot.current;
      if (!p || p.job.id !== m.id) return;
      settle(slot);
      if ("page" in m) p.resolve(m.page);
      else p.reject(m.limit ? new ExtractLimitError(m.limit, m.error) : new Error(m.error));
      pump();
    });
    // A worker that dies (out of memory, a crash in native code) fails its page only.
    worker.on("error", (err: Error & { code?: string }) => {
      const p = slot.current;
      retire(slot);
      if (!slot.ready) return failStart(err);
      if (p) {
        const limit: ExtractLimit = err.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "crash";
        p.reject(new ExtractLimitError(limit, `ingest: page extraction ${limit === "memory" ? "ran out of memory" : `crashed (${err.message})`}; refused as hostile or broken: ${p.job.url}`));
      }
      pump();
    });
    worker.on("exit", () => {
      const p = slot.current;
      const wasListed = slots.includes(slot);
      retire(slot);
      if (!slot.ready && wasListed) return failStart(new Error("exited before it was ready"));
      if (p) p.reject(new ExtractLimitError("crash", `ingest: extraction worker exited; page refused: ${p.job.url}`));
      pump();
    });
    slots.push(slot);
    return slot;
  }

  function settle(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
    slot.worker.unref();
  }

  function retire(slot: Slot): void {
    settle(slot);
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
  }

  /** A worker that cannot even start (a broken install) fails the waiting pages, not the process. */
  function failStart(err: Error): void {
    for (const p of queue.splice(0)) p.reject(new Error(`ingest: the extraction worker could not start: ${err.message}`));
  }

  function pump(): void {
    while (!closed && queue.length) {
      if (slots.length < Math.min(size, queue.length + slots.filter((s) => s.current).length)) spawn();
      const slot = slots.find((s) => s.ready && !s.current);
      if (!slot) return;
      const p = queue.shift()!;
      slot.current = p;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        if (slot.current !== p) return;
        retire(slot);
        p.reject(new ExtractLimitError("timeout", `ingest: page extraction took longer than ${timeoutMs} ms; refused as hostile or broken: ${p.job.url}`));
        void slot.worker.terminate();
        pump();
      }, timeoutMs);
      slot.worker.postMessage(p.job);
    }
  }

  return {
    extract(html, url, o) {
      if (closed) return Promise.reject(new Error("ingest: the extraction pool is closed"));
      return new Promise((resolve, reject) => {
        queue.push({ job: { id: nextId++, html, url, timeZone: o.timeZone, maxDepth }, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new Error("ingest: the extraction pool is closed"));
      const all = slots.splice(0);
      for (const s of all) {
        const p = s.current;
        settle(s);
        p?.reject(new Error("ingest: the extraction pool is closed"));
      }
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
