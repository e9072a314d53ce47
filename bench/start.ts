/**
 * `npm run bench:start [-- --runs 7] [-- --root ../other-checkout]`: start-up as a person meets
 * it, timed as whole processes (spawn to exit, or to the shell's ready line): a bare `node -e 0`
 * for reference, `relations --version`, `relations sources list` on an empty database, and a
 * cold start of the terminal shell (`tsx src/main.ts` without Slack tokens, to its "main: ready"
 * log). --root times another checkout with the same commands, for a before/after table.
 * Wall time only (median and best of the runs): the machine is shared, so read the best as the
 * floor and the median as the usual.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../scripts/lib/shared.ts";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg("runs") ?? 5);
const root = resolve(arg("root") ?? PROJECT_ROOT);

/** Spawns `node args` in `root`; resolves with the milliseconds until exit (or until `readyOn` shows). */
function timeProcess(args: string[], env: Record<string, string>, readyOn?: RegExp): Promise<number> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: ["pipe", "pipe", "pipe"] });
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
    child.on("close", (code) => {
      if (readyOn && ms === null) return fail(new Error(`bench:start: ${args.join(" ")} exited ${code} before it was ready: ${seen.slice(-300)}`));
      done(ms ?? performance.now() - t0);
    });
  });
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, best: s[0]! };
};

const dir = mkdtempSync(join(tmpdir(), "rel-bench-start-"));
try {
  const tsx = join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const cases: { name: string; args: string[]; env?: Record<string, string>; readyOn?: RegExp }[] = [
    { name: "node -e 0 (reference)", args: ["-e", "0"] },
    { name: "relations --version", args: ["bin/relations.mjs", "--version"] },
    { name: "relations sources list (empty db)", args: ["bin/relations.mjs", "--db", join(dir, "list.db"), "sources", "list"] },
    { name: "shell cold start to ready (tsx src/main.ts)", args: [tsx, "src/main.ts"], env: { DATABASE_PATH: join(dir, "shell.db"), INGEST_ON_START: "false" }, readyOn: /"main: ready"|relations> / },
  ];
  const rows: string[] = [];
  for (const c of cases) {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) ms.push(await timeProcess(c.args, c.env ?? {}, c.readyOn));
    const s = stats(ms);
    rows.push(`| ${c.name} | ${(s.median / 1000).toFixed(2)} s | ${(s.best / 1000).toFixed(2)} s |`);
  }
  console.log(`root: ${root} · ${runs} runs each · node ${process.version}`);
  console.log("| process | median wall | best wall |");
  console.log("| --- | --- | --- |");
  for (const r of rows) console.log(r);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
