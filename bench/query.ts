/**
 * bench:query — server-side time from command received to answer built (chat core + Block Kit
 * rendering), on the shared benchmark database (100,000 articles, 300,000 developments; see
 * make-db.ts), then the cold start of the HTTP app on that database.
 *
 *   npm run bench:query [-- --articles 100000 --developments 300000 --n 2000 --no-cold-start]
 *
 * Targets (issue 4): p50 ≤ 5 ms and p99 ≤ 20 ms for timelines; cold start to ready under 2 s.
 */
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { loadGazetteer } from "../src/analyze/gazetteer.ts";
import { createChatCore } from "../src/chat/core.ts";
import { openDb, closeDb } from "../src/db/client.ts";
import { createBotMessagesRepo } from "../src/db/bot-messages.repo.ts";
import { createTimelineRepo } from "../src/db/timeline.repo.ts";
import { createWatchesRepo } from "../src/db/watches.repo.ts";
import { createTimelineService } from "../src/services/timeline.ts";
import { renderBlocks } from "../src/slack/render.ts";
import { benchCountries, makeBenchDb, prng } from "./make-db.ts";
import { startFakeSlackApi } from "../test/helpers/slack-fakes.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};

const ARTICLES = arg("articles", 100_000);
const DEVS = arg("developments", 300_000);
const N = arg("n", 2000);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const fmt = (x: number) => x.toFixed(2).padStart(8);

async function benchQueries(path: string) {
  const db = openDb(path);
  const g = loadGazetteer();
  const timeline = createTimelineService(createTimelineRepo(db));
  // As in main.ts: the pair totals are built in the background after ready; measure once built.
  const warmStart = performance.now();
  await timeline.warm();
  const warmMs = performance.now() - warmStart;
  const chat = createChatCore({
    timeline,
    countries: g,
    watches: createWatchesRepo(db),
    botMessages: createBotMessagesRepo(db),
  });
  const codes = benchCountries();
  const names = codes.map((c) => g.country(c)!.en.toLowerCase());
  const r = prng(7);
  const pick = () => Math.floor(r() * names.length);
  const pairText = () => {
    const i = pick();
    let j = pick();
    while (j === i) j = pick();
    return `${names[i]} ${names[j]}`;
  };
  const types = ["exercises", "visits", "tập trận", "hội đàm", "arms"];
  const heavy = db.$client
    .prepare("SELECT country_a a, country_b b, count(*) n FROM developments GROUP BY 1, 2 ORDER BY n DESC LIMIT 5")
    .all() as { a: string; b: string; n: number }[];
  const heavyText = heavy.map((h) => `${g.country(h.a)!.en} ${g.country(h.b)!.en}`);

  // Wall time, and this process's CPU time (robust when other work shares the machine).
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const time = async (text: string) => {
    const c = cpuNow();
    const t = performance.now();
    const reply = await chat.command(text, { channel: "C1", user: "U1" });
    renderBlocks(reply);
    return { ms: performance.now() - t, cpu: cpuNow() - c, reply };
  };
  const olderTime = (value: string) => {
    const c = cpuNow();
    const t = performance.now();
    const reply = chat.older(value);
    if (reply) renderBlocks(reply);
    return { ms: performance.now() - t, cpu: cpuNow() - c };
  };

  // Warm the gazetteer and statement caches once (a running server has them warm).
  for (let i = 0; i < 20; i++) await time(pairText());

  const rows: [string, number[], number[]][] = [];
  const run = async (label: string, n: number, gen: () => string) => {
    const xs: number[] = [];
    const cs: number[] = [];
    for (let i = 0; i < n; i++) {
      const m = await time(gen());
      xs.push(m.ms);
      cs.push(m.cpu);
    }
    rows.push([label, xs, cs]);
  };
  await run("pair timeline, random pair", N, pairText);
  await run("pair timeline + since + type", N, () => `${pairText()} since ${2012 + Math.floor(r() * 12)} ${types[Math.floor(r() * types.length)]}`);
  await run("pair timeline, 5 heaviest pairs (warm)", Math.min(N, 500), () => heavyText[Math.floor(r() * heavyText.length)]!);
  await run("country partners", Math.min(N, 500), () => names[pick()]!);
  await run("unknown name (suggestions)", Math.min(N, 300), () => `${names[pick()]} belarusss`);
  const pages: number[] = [];
  const pageCpu: number[] = [];
  for (let i = 0; i < Math.min(N, 500); i++) {
    const { reply } = await time(pairText());
    const older = reply.actions.find((a) => a.id === "older");
    if (older) {
      const m = olderTime(older.value);
      pages.push(m.ms);
      pageCpu.push(m.cpu);
    }
  }
  rows.push(["show older (page 2)", pages, pageCpu]);

  // The worst case: the heaviest pairs answered before the pair totals are built (or right after a write).
  const coldService = createChatCore({
    timeline: createTimelineService(createTimelineRepo(db)),
    countries: g,
    watches: createWatchesRepo(db),
    botMessages: createBotMessagesRepo(db),
  });
  const coldHeavy: number[] = [];
  const coldCpu: number[] = [];
  for (const h of heavyText) {
    const c = cpuNow();
    const t = performance.now();
    renderBlocks(await coldService.command(h, {}));
    coldHeavy.push(performance.now() - t);
    coldCpu.push(cpuNow() - c);
  }
  rows.push(["heaviest pairs, totals not built yet (SQL)", coldHeavy, coldCpu]);

  const counts = db.$client.prepare("SELECT (SELECT count(*) FROM articles) a, (SELECT count(*) FROM developments) d, (SELECT count(*) FROM development_sources) s").get() as Record<string, number>;
  closeDb(db);
  console.log(`\nbench:query on ${path}\n${counts.a} articles, ${counts.d} developments, ${counts.s} development sources; heaviest pair ${heavy[0]!.n} developments; pair totals built in ${Math.round(warmMs)} ms (background, after ready)\n`);
  console.log(`load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs (wall times stretch under load; CPU times much less)\n`);
  console.log(`${"scenario".padEnd(52)} ${"n".padStart(6)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)} ${"cpu p50".padStart(8)} ${"cpu p99".padStart(8)}`);
  for (const [label, xs, cs] of rows) {
    console.log(`${label.padEnd(52)} ${String(xs.length).padStart(6)} ${fmt(pct(xs, 50))} ${fmt(pct(xs, 95))} ${fmt(pct(xs, 99))} ${fmt(Math.max(...xs))} ${fmt(pct(cs, 50))} ${fmt(pct(cs, 99))}`);
  }
}

/** Spawns what `npm start` runs (bin/start.mjs, the compiled dist/) in HTTP mode on the benchmark DB and times it to a 200 from /healthz. */
async function benchColdStart(path: string, runs = 3) {
  const api = await startFakeSlackApi();
  const results: { wall: number; ready: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, "bin/start.mjs")], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_PATH: path,
        SLACK_BOT_TOKEN: "xoxb-bench",
        SLACK_SIGNING_SECRET: "bench-secret",
        SLACK_API_URL: api.url,
        PORT: "0",
        INGEST_ON_START: "false",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    const ready = await new Promise<{ port: number; ms: number; cpu: number }>((resolve, reject) => {
      child.stderr!.on("data", (d: Buffer) => {
        err += d.toString();
        const m = /"msg":"main: ready".*?"port":(\d+),"ms":(\d+),"cpuMs":(\d+)/.exec(err);
        if (m) resolve({ port: Number(m[1]), ms: Number(m[2]), cpu: Number(m[3]) });
      });
      child.on("exit", (code) => reject(new Error(`bench: app exited with ${code}:\n${err}`)));
    });
    const res = await fetch(`http://127.0.0.1:${ready.port}/healthz`);
    if (res.status !== 200) throw new Error(`bench: /healthz answered ${res.status}`);
    results.push({ wall: performance.now() - started, ready: ready.ms, cpu: ready.cpu });
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
  await api.close();
  console.log(`\ncold start, HTTP mode, ${ARTICLES.toLocaleString("en")}-article DB (${runs} runs; load average ${loadavg()[0]!.toFixed(1)})`);
  console.log(`${"measure".padEnd(52)} ${"runs ms".padStart(26)}`);
  console.log(`${"process start → ready (in-process clock)".padEnd(52)} ${results.map((r) => String(r.ready)).join(", ").padStart(26)}`);
  console.log(`${"CPU time used until ready (user + system)".padEnd(52)} ${results.map((r) => String(r.cpu)).join(", ").padStart(26)}`);
  console.log(`${"spawn → first 200 from /healthz (wall)".padEnd(52)} ${results.map((r) => String(Math.round(r.wall))).join(", ").padStart(26)}`);
}

const path = makeBenchDb({ articles: ARTICLES, developments: DEVS });
await benchQueries(path);
if (!process.argv.includes("--no-cold-start")) await benchColdStart(path);
