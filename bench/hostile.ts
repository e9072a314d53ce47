/**
 * bench:hostile — the real program (`bin/start.mjs`, shell mode, as `npm start` runs it) ingests a
 * hostile page from a loopback "evil" server while the shell is asked `/relations china belarus`
 * every 250 ms. For each page: the time from the page being served to its failure being recorded
 * (the ingest's warn line, written with the ingest_errors row), and the shell's answer times
 * meanwhile. Before issue 11 the nested-div page at N = 5,000 froze the process for ~15 min and
 * the 5 MB page never finished; the shell got no answer all that time.
 *
 *   npm run bench:hostile [-- --timeout-ms 10000]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { closeDb, openDb } from "../src/db/client.ts";
import { insertSource } from "../src/db/sources.repo.ts";
import { startFixtureServer, type FixtureServer } from "../test/helpers/fixture-server.ts";
import { nestedDivPage, widePage } from "../test/helpers/hostile-pages.ts";

const { values } = parseArgs({ options: { "timeout-ms": { type: "string", default: "10000" } } });
const ROOT = join(import.meta.dirname, "..");
const SERVE_DELAY_MS = 3000;

const CASES: { name: string; html: string }[] = [
  { name: "nested divs, N = 5,000", html: nestedDivPage(5000) },
  { name: "5 MB of boxes (wide)", html: widePage(5_000_000) },
  { name: "5 MB of one paragraph", html: `<!doctype html><html><body><p>${"word ".repeat(1_000_000)}</p></body></html>` },
];

interface Row {
  page: string;
  bytes: number;
  "to recorded failure (s)": string;
  reason: string;
  "shell answers meanwhile": number;
  "answer p50 (ms)": string;
  "answer max (ms)": string;
}

async function runCase(srv: FixtureServer, c: { name: string; html: string }, i: number): Promise<Row> {
  const path = `/hostile-${i}`;
  // served 3 s late, so the shell is asked once first (its first answer builds the gazetteer)
  srv.route(path, { body: c.html, headers: { "content-type": "text/html; charset=utf-8" }, delayMs: SERVE_DELAY_MS });
  const dir = mkdtempSync(join(tmpdir(), "bench-hostile-"));
  const dbPath = join(dir, "r.db");
  const db = openDb(dbPath);
  insertSource(db, { kind: "page", url: srv.url(path), now: new Date() });
  closeDb(db);
  const child = spawn(process.execPath, [join(ROOT, "bin/start.mjs")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_PATH: dbPath, ALLOW_PRIVATE_HOSTS: "true", FETCH_PER_HOST_DELAY_MS: "0", EXTRACT_TIMEOUT_MS: values["timeout-ms"], LOG_LEVEL: "info" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let prompts = 0;
  child.stdout.on("data", (d: Buffer) => {
    const s = d.toString();
    out += s;
    prompts += s.split("relations> ").length - 1;
  });
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const until = async (pred: () => boolean, what: string, ms = 30 * 60_000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`bench:hostile: no ${what}\n${err.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  await until(() => prompts > 0, "prompt");
  const warm = prompts;
  child.stdin.write("/relations china belarus\n");
  await until(() => prompts > warm, "first answer");
  const failed = () => err.split("\n").find((l) => l.includes('"level":"warn"') && l.includes(srv.url(path)));
  const latencies: number[] = [];
  let failedAt = 0;
  // ask the shell until the failure is recorded (and once more after it)
  while (!failedAt) {
    const before = prompts;
    const t0 = performance.now();
    child.stdin.write("/relations china belarus\n");
    await until(() => prompts > before, "answer");
    latencies.push(performance.now() - t0);
    if (failed()) failedAt = Date.now();
    else await new Promise((r) => setTimeout(r, 250));
  }
  const served = srv.requests.find((r) => r.path === path)!.at + SERVE_DELAY_MS;
  child.stdin.write("quit\n");
  await new Promise((r) => child.on("exit", r));
  rmSync(dir, { recursive: true, force: true });
  const line = JSON.parse(failed()!) as { msg: string };
  latencies.sort((a, b) => a - b);
  return {
    page: c.name,
    bytes: Buffer.byteLength(c.html),
    "to recorded failure (s)": ((failedAt - served) / 1000).toFixed(2),
    reason: line.msg.replace(/^ingest: /, "").replace(/: http.*$/, "").slice(0, 60),
    "shell answers meanwhile": latencies.length,
    "answer p50 (ms)": latencies[Math.floor(latencies.length / 2)]!.toFixed(0),
    "answer max (ms)": latencies[latencies.length - 1]!.toFixed(0),
  };
}

const srv = await startFixtureServer();
const rows: Row[] = [];
try {
  for (const [i, c] of CASES.entries()) rows.push(await runCase(srv, c, i));
} finally {
  await srv.close();
}
console.log(`bench:hostile — EXTRACT_TIMEOUT_MS ${values["timeout-ms"]}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.table(rows);
