/**
 * `npm run bench:start [-- --runs 7] [-- --root ../other-checkout]`: start-up as a person meets
 * it, timed as whole processes (spawn to exit, or to the "main: ready" log): a bare `node -e 0`
 * for reference, `relations --version`, `relations sources list` on an empty database, a cold
 * start of the terminal shell (what `npm start` runs, without Slack tokens), and `npm start` in
 * HTTP mode on the 100k-article benchmark database (bench/make-db.ts, built on first use; dummy
 * SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, Slack's Web API — the auth.test at start — answered
 * by the loopback fake through SLACK_API_URL). --root times another checkout with the same
 * commands, each started as that checkout's own `npm start` script says, for a before/after table.
 * Wall time (median and best of the runs: the machine is shared, so read the best as the floor and
 * the median as the usual) and CPU time (user + system, all threads; median), which load stretches
 * far less: at exit for the commands, and as the "main: ready" log reports it for the starts.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../scripts/lib/shared.ts";
import { makeBenchDb } from "./make-db.ts";
import { startFakeSlackApi } from "../test/helpers/slack-fakes.ts";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg("runs") ?? 5);
const root = resolve(arg("root") ?? PROJECT_ROOT);

/** Preloaded into the commands timed to exit: prints their CPU time as they exit. */
const CPU_AT_EXIT = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("cpu-ms "+Math.round((u.user+u.system)/1000)+"\\n")})`;

/**
 * Spawns `node args` in `root`; resolves with the milliseconds until exit (or until `readyOn`
 * shows) and the CPU milliseconds the process reported (cpu-ms at exit, or the ready log's cpuMs).
 */
function timeProcess(args: string[], env: Record<string, string>, readyOn?: RegExp): Promise<{ wall: number; cpu: number }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, readyOn ? args : ["--import", CPU_AT_EXIT, ...args], { cwd: root, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let ms: number | null = null;
    let seen = "";
    const watch = (d: Buffer) => {
      if (ms !== null || !readyOn) return;
      seen += d.toString();
      if (readyOn.test(seen)) {
        ms = performance.now() - t0;
        child.kill("SIGTERM");
      }
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("error", fail);
    let all = "";
    child.stderr.on("data", (d: Buffer) => (all += d.toString()));
    child.on("close", (code) => {
      if (readyOn && ms === null) return fail(new Error(`bench:start: ${args.join(" ")} exited ${code} before it was ready: ${seen.slice(-300)}`));
      const cpu = Number((readyOn ? /"msg":"main: ready".*?"cpuMs":(\d+)/ : /^cpu-ms (\d+)$/m).exec(all)?.[1] ?? NaN);
      done({ wall: ms ?? performance.now() - t0, cpu });
    });
  });
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, best: s[0]! };
};

/** The node arguments of the checkout's `npm start` (`tsx src/main.ts` before the build, `node bin/start.mjs` after). */
function startArgs(): { args: string[]; shown: string } {
  const script = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start!;
  const [cmd, ...rest] = script.split(/\s+/);
  if (cmd === "node") return { args: rest, shown: script };
  if (cmd === "tsx") return { args: [join(root, "node_modules", "tsx", "dist", "cli.mjs"), ...rest], shown: script };
  throw new Error(`bench:start: cannot time npm start's "${script}"`);
}

const dir = mkdtempSync(join(tmpdir(), "rel-bench-start-"));
const api = await startFakeSlackApi();
try {
  const start = startArgs();
  const bigDb = makeBenchDb({ articles: 100_000, developments: 300_000 });
  const http = { SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: "bench-secret", SLACK_API_URL: api.url, PORT: "0", INGEST_ON_START: "false", LOG_LEVEL: "info" };
  const cases: { name: string; args: string[]; env?: Record<string, string>; readyOn?: RegExp }[] = [
    { name: "node -e 0 (reference)", args: ["-e", "0"] },
    { name: "relations --version", args: ["bin/relations.mjs", "--version"] },
    { name: "relations sources list (empty db)", args: ["bin/relations.mjs", "--db", join(dir, "list.db"), "sources", "list"] },
    { name: `shell cold start to ready (${start.shown})`, args: start.args, env: { DATABASE_PATH: join(dir, "shell.db"), INGEST_ON_START: "false", LOG_LEVEL: "info" }, readyOn: /"msg":"main: ready"/ },
    { name: `HTTP mode to ready, 100k-article db (${start.shown})`, args: start.args, env: { ...http, DATABASE_PATH: bigDb }, readyOn: /"msg":"main: ready"/ },
  ];
  const rows: string[] = [];
  for (const c of cases) {
    const t: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < runs; i++) t.push(await timeProcess(c.args, c.env ?? {}, c.readyOn));
    const wall = stats(t.map((x) => x.wall));
    const cpu = stats(t.map((x) => x.cpu));
    rows.push(`| ${c.name} | ${(wall.median / 1000).toFixed(2)} s | ${(wall.best / 1000).toFixed(2)} s | ${(cpu.median / 1000).toFixed(2)} s |`);
  }
  console.log(`root: ${root} · ${runs} runs each · node ${process.version} · load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`);
  console.log("| process | median wall | best wall | median CPU |");
  console.log("| --- | --- | --- | --- |");
  for (const r of rows) console.log(r);
} finally {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}
