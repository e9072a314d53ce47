/**
 * bench:startup — the app started on a database whose articles were all analyzed by an older
 * analyzer version (as after an upgrade), so every one is analyzed again on start. The app runs
 * as `npm start` runs it (bin/start.mjs) in HTTP mode in a child process; this process probes it every 200 ms while
 * the re-analysis runs: GET /healthz and a signed /relations command, timed to their answer
 * (the command's ack, i.e. HTTP 200, is what Slack waits 3 s for).
 *
 *   npm run bench:startup [-- --articles 3000]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { closeDb, openDb } from "../src/db/client.ts";
import { startFakeSlackApi, startResponseUrlServer } from "../test/helpers/slack-fakes.ts";
import { postSlashCommand } from "../test/helpers/slack-signing.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg("articles", 3000);
const SECRET = "bench-secret";

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "rel-bench-startup-"));
  const path = join(dir, "r.db");
  const db = openDb(path);
  const insert = db.$client.prepare(
    "INSERT INTO articles (canonical_url, outlet, title, language, text, published_at, published_precision, fetched_at, content_hash, analyzed_version) VALUES (?, 'Example', ?, 'en', ?, ?, 'day', '2024-07-30T00:00:00.000Z', ?, 'an-old-version')",
  );
  db.$client.transaction(() => {
    for (let i = 0; i < N; i++) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      const text = `China and Belarus held joint exercise number ${i} near Brest on ${day} July 2024.\n\n${"Officials described the training as routine and defensive. ".repeat(20)}`;
      insert.run(`https://news.example/${i}`, `Exercise ${i}`, text, `2024-07-${day}`, `h${i}`);
    }
  })();
  closeDb(db);
  const api = await startFakeSlackApi();
  const ru = await startResponseUrlServer();
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, "bin/start.mjs")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_PATH: path, SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api.url, PORT: "0", INGEST_ON_START: "false", LOG_LEVEL: "info" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const until = async (re: RegExp) => {
    for (;;) {
      const m = re.exec(err);
      if (m) return m;
      if (child.exitCode !== null) throw new Error(`bench: app exited:\n${err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const port = Number((await until(/"msg":"main: ready".*?"port":(\d+)/))[1]);
  const health: number[] = [];
  const acks: number[] = [];
  let k = 0;
  while (!/"msg":"main: analyzed pending articles"/.test(err)) {
    const t0 = performance.now();
    await fetch(`http://127.0.0.1:${port}/healthz`);
    health.push(performance.now() - t0);
    const t1 = performance.now();
    await postSlashCommand(`http://127.0.0.1:${port}/slack/events`, SECRET, { text: "china belarus", response_url: ru.url(`b${k++}`) });
    acks.push(performance.now() - t1);
    await new Promise((r) => setTimeout(r, 200));
  }
  const doneMs = performance.now() - started;
  child.kill("SIGTERM");
  await new Promise((r) => child.on("exit", r));
  await api.close();
  await ru.close();
  rmSync(dir, { recursive: true, force: true });
  if (process.argv.includes("--each")) console.log(health.map((h, i) => `${h.toFixed(0)}/${acks[i]!.toFixed(0)}`).join(" "));
  const row = (name: string, xs: number[]) => console.log(`${name.padEnd(34)} n=${String(xs.length).padStart(4)}  p50 ${pct(xs, 50).toFixed(1).padStart(7)} ms  max ${Math.max(...xs).toFixed(1).padStart(7)} ms`);
  console.log(`bench:startup: ${N} stale articles analyzed again in the background; spawn → done ${(doneMs / 1000).toFixed(1)} s`);
  row("GET /healthz during re-analysis", health);
  row("signed /relations ack (HTTP 200)", acks);
}

void main();
