/**
 * bench:ingest — 5,000 generated article pages (~5 KB of text each, Vietnamese and English, with
 * menus, captions and related blocks) served from loopback through RSS feeds, ingested end to
 * end (fetch → feed → page fetch → extraction → SQLite file) by ingestOnce.
 *
 *   npm run bench:ingest [-- --pages 5000 --feeds 5 --concurrency 16]
 *
 * The site runs in a child process so serving does not distort the figure. Each mode runs in
 * its own process (peak RSS is per process): extraction on the main thread (one core), then
 * extraction in a pool of 2 worker threads (both cores). Prints one table.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { closeDb, openDb } from "../src/db/client.ts";
import { insertSource } from "../src/db/sources.repo.ts";
import { createFetcher } from "../src/ingest/fetch.ts";
import type { ExtractedPage } from "../src/ingest/types.ts";
import { silentLogger } from "../src/lib/log.ts";
import { ingestOnce, type IngestMetrics } from "../src/services/ingest.ts";

const { values } = parseArgs({
  options: {
    pages: { type: "string", default: "5000" },
    feeds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "16" },
    workers: { type: "string" },
  },
});
const pages = Number(values.pages);
const feeds = Number(values.feeds);
const concurrency = Number(values.concurrency);

interface Result {
  mode: string;
  pages: number;
  seconds: number;
  pagesPerSec: number;
  peakRssMb: number;
  extractMsPerPage: number;
  cpuSeconds: number;
  failed: number;
}

if (values.workers === undefined) {
  // Parent: one child per mode, then the table.
  const results: Result[] = [];
  for (const workers of [0, 2]) {
    const out = await runSelf(["--pages", String(pages), "--feeds", String(feeds), "--concurrency", String(concurrency), "--workers", String(workers)]);
    results.push(JSON.parse(out.trim().split("\n").at(-1)!) as Result);
  }
  printTable(results);
} else {
  const res = await runMode(Number(values.workers));
  process.stdout.write(JSON.stringify(res) + "\n");
  process.exit(0);
}

async function runMode(workers: number): Promise<Result> {
  const site = await startSiteChild(pages, feeds);
  const dir = mkdtempSync(join(tmpdir(), "bench-ingest-"));
  const db = openDb(join(dir, "bench.db"));
  const now = new Date();
  for (let f = 0; f < feeds; f++) insertSource(db, { kind: "feed", url: `${site.origin}/feed-${f}.xml`, now });
  const fetcher = createFetcher({
    userAgent: "bench",
    timeoutMs: 30_000,
    maxBytes: 5 * 1024 * 1024,
    maxRedirects: 5,
    retries: 0,
    perHostConcurrency: concurrency,
    perHostDelayMs: 0,
    allowPrivateHosts: true,
  });
  const pool = workers > 0 ? createExtractPool(workers) : null;
  const metrics: IngestMetrics = { extractMs: 0, extracted: 0 };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const sum = await ingestOnce(
    { db, fetcher, clock: () => new Date(), logger: silentLogger, timeZone: "Asia/Ho_Chi_Minh", concurrency, metrics, extract: pool?.extract },
    { trigger: "bench" },
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (sum.newArticles !== pages) throw new Error(`bench: expected ${pages} new articles, got ${sum.newArticles} (failed ${sum.failed}: ${sum.errors[0]?.reason ?? ""})`);
  const extractMs = pool ? pool.workerMs() : metrics.extractMs;
  await pool?.close();
  fetcher.close();
  closeDb(db);
  site.stop();
  rmSync(dir, { recursive: true, force: true });
  return {
    mode: workers ? `main + ${workers} extract workers` : "one thread",
    pages: sum.newArticles,
    seconds,
    pagesPerSec: sum.newArticles / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    extractMsPerPage: extractMs / Math.max(1, metrics.extracted),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    failed: sum.failed,
  };
}

/** A pool of worker threads running extractPage; `extract` has the ingestOnce signature. */
function createExtractPool(size: number) {
  type Job = { resolve: (p: ExtractedPage | null) => void; reject: (e: Error) => void };
  const workers = Array.from({ length: size }, () => {
    // A .ts worker entry needs tsx's loader registered inside the worker first.
    const entry = new URL("./extract-worker.ts", import.meta.url).href;
    const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    const w = new Worker(boot, { eval: true });
    return { w, pending: new Map<number, Job>() };
  });
  let nextId = 0;
  let workerMs = 0;
  for (const slot of workers) {
    slot.w.on("message", (m: { id: number; page?: ExtractedPage | null; error?: string; ms: number }) => {
      workerMs += m.ms;
      const job = slot.pending.get(m.id);
      slot.pending.delete(m.id);
      if (m.error) job?.reject(new Error(m.error));
      else job?.resolve(m.page ?? null);
    });
  }
  return {
    extract(html: string, url: string, opts: { timeZone: string }): Promise<ExtractedPage | null> {
      // least busy worker
      const slot = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.w.postMessage({ id, html, url, timeZone: opts.timeZone });
      });
    },
    workerMs: () => workerMs,
    close: () => Promise.all(workers.map((s) => s.w.terminate())),
  };
}

async function startSiteChild(n: number, f: number): Promise<{ origin: string; stop(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("./ingest-site.ts", import.meta.url).pathname, String(n), String(f)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const line = buf.split("\n")[0];
      if (buf.includes("\n") && line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on("exit", (code) => reject(new Error(`bench: site exited with ${code}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, stop: () => void child.kill() };
}

function runSelf(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", new URL(import.meta.url).pathname, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`bench: mode ${args.join(" ")} exited with ${code}`))));
  });
}

function printTable(rows: Result[]): void {
  // pages per CPU-second is what one free core would reach when the machine is shared.
  const header = ["mode", "pages", "seconds", "pages/s", "peak RSS MB", "extraction ms/page", "CPU s (ingest process)", "pages per CPU s"];
  const cells = rows.map((r) => [
    r.mode,
    String(r.pages),
    r.seconds.toFixed(1),
    r.pagesPerSec.toFixed(1),
    r.peakRssMb.toFixed(0),
    r.extractMsPerPage.toFixed(1),
    r.cpuSeconds.toFixed(1),
    (r.pages / r.cpuSeconds).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => "| " + c.map((x, i) => x.padEnd(widths[i]!)).join(" | ") + " |";
  console.log(line(header));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const c of cells) console.log(line(c));
  console.log(`(${feeds} RSS feeds, ${concurrency} items in flight, perHostDelayMs 0, site in a child process; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${availableParallelism()} cores)`);
}
