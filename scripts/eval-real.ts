/**
 * `npm run eval:real [-- --part dev|test|all] [--batch NAME] [--verbose]`: the real-news quality
 * figures; `--batch` scores only the articles one `corpus:add` batch added (both parts when
 * scored before any rule was changed while reading it, the dev part after); `--batch first` the
 * articles of the first split.
 *
 * Materializes the corpus of eval/real/manifest.json (references only; see scripts/real-corpus.ts)
 * into eval/real/articles/, then for each part runs the real command line on a temporary database
 * (`relations ingest <folder>`, `relations export --format json`) and scores the export with
 * ../shared/eval/score.mjs against eval/real/gold.json, for the part and for each language.
 *
 * Beside the scorer's line it prints a stricter one: a matched development whose summary names the
 * wrong person (the scorer's ACTOR-WRONG) counts as wrong there — neither found nor right.
 *
 * The test part is frozen: it is scored to report figures, never to choose rules.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import countriesData from "../src/analyze/data/countries.json" with { type: "json" };
import { articlesDir, corpusDir, loadManifest, materialize } from "./real-corpus.ts";
import { requirePaths, sharedPath } from "./lib/shared.ts";

/**
 * Whether a summary names a person at all: a capitalized word that is not a country's name or
 * demonym, a title or a word of the summary templates ("Japan and Italy signed an agreement" and
 * "Japanese officials held talks" name no one).
 */
const NOT_NAMES = new Set(
  [
    ...(countriesData as { countries: { en: string[]; demonymEn: string; capitals?: string[] }[] }).countries.flatMap((c) => [...c.en, ...c.demonymEn.split(/,| or /), ...(c.capitals ?? [])]),
    "A An The And President Prime Minister Defense Defence Secretary Foreign Chief General Staff Commander Deputy Vice King Chairman Premier Supreme Leader Army Navy Air Force Joint Statement Agreement Treaty Memorandum Understanding United States Kingdom Korea South North New Zealander",
  ]
    .flatMap((n) => n.split(/\s+/))
    .map((w) => w.replace(/[^\p{L}]/gu, "").toLowerCase()),
);
function namesAPerson(summary: string): boolean {
  return summary
    .replace(/\("[^"]*"\)/g, "")
    // a document's name or acronym ("the Reciprocal Access Agreement", "(VFA)") and a system
    // ("involving the J-10C") are no person
    .replace(/involving the .*$/u, "")
    .replace(/\((?:[\p{Lu}\d-]{2,}|"[^"]*")\)/gu, "")
    .replace(/(?:\p{Lu}[\p{L}-]*\s+){0,6}(?:Agreement|Treaty|Pact|Accord|Memorandum|Statement|Declaration|Framework|Protocol|Partnership)\b/gu, "")
    .split(/\s+/)
    .slice(1)
    .some((w) => /^\p{Lu}/u.test(w) && !NOT_NAMES.has(w.replace(/[^\p{L}]/gu, "").toLowerCase()));
}

const root = resolve(import.meta.dirname, "..");
const scorer = sharedPath("eval", "score.mjs");
const args = process.argv.slice(2);
const partArg = args.includes("--part") ? args[args.indexOf("--part") + 1] : "all";
const verbose = args.includes("--verbose") || args.includes("-v");
const batch = args.includes("--batch") ? args[args.indexOf("--batch") + 1] : undefined;
requirePaths("eval:real", [scorer]);

const manifest = loadManifest();
const gold = JSON.parse(readFileSync(join(corpusDir, "gold.json"), "utf8")) as { articles: { article: string; events: { id: string; required: boolean }[] }[] };
const m = await materialize();
for (const f of m.failed) console.error(`skipped ${f.file}: ${f.reason}`);
if (!m.written.length) {
  console.error("eval:real: no article could be materialized (are the source repositories reachable?)");
  process.exit(1);
}
console.log(`corpus: ${m.written.length} of ${m.total} articles materialized`);

const cli = (db: string, ...a: string[]) =>
  execFileSync(process.execPath, [join(root, "bin/relations.mjs"), ...a, "--db", db], { encoding: "utf8", cwd: root, maxBuffer: 64 << 20, env: { ...process.env, LOG_LEVEL: "error" } });

const parts = partArg === "all" ? (["dev", "test"] as const) : ([partArg] as ("dev" | "test")[]);
for (const part of parts) {
  const entries = manifest.articles.filter((e) => e.part === part && m.written.includes(e.file) && (!batch || e.added === batch || (batch === "first" && !e.added)));
  if (!entries.length) continue;
  const tmp = mkdtempSync(join(tmpdir(), `rel-real-${part}-`));
  const folder = join(tmp, "articles");
  mkdirSync(folder);
  for (const e of entries) copyFileSync(join(articlesDir, e.file), join(folder, e.file));
  const db = join(tmp, "eval.db");
  cli(db, "ingest", folder);
  const events = join(tmp, "events.json");
  writeFileSync(events, cli(db, "export", "--format", "json"));
  for (const lang of ["all", "vi", "en"] as const) {
    const files = new Set(entries.filter((e) => lang === "all" || e.lang === lang).map((e) => e.file));
    if (!files.size) continue;
    const g = { ...gold, articles: gold.articles.filter((a) => files.has(a.article)) };
    const goldFile = join(tmp, `${part}-${lang}.gold.json`);
    writeFileSync(goldFile, JSON.stringify(g));
    const out = execFileSync(process.execPath, [scorer, "--gold", goldFile, "--events", events, "-v", "--name", `${part}${batch ? ` ${batch}` : ""} ${lang} (${files.size} articles)`], { encoding: "utf8" });
    const lines = out.trimEnd().split("\n");
    if (verbose && lang === "all") console.log(lines.slice(0, -1).join("\n"));
    console.log(lines.at(-1));
    console.log(`  ${strictLine(lines, g)}`);
  }
  rmSync(tmp, { recursive: true, force: true });
}

/** The scorer's figures again with every ACTOR-WRONG match counted as wrong. */
function strictLine(lines: string[], g: typeof gold): string {
  const required = new Map(g.articles.flatMap((a) => a.events.map((e) => [`${a.article} ${e.id}`, e.required] as const)));
  const last = lines.at(-1)!;
  const num = (re: RegExp) => Number(re.exec(last)?.[1] ?? 0);
  const [tpReq, req] = (/required (\d+)\/(\d+)/.exec(last) ?? []).slice(1).map(Number) as [number, number];
  const acc = num(/acceptable (\d+)/);
  const fp = num(/fp (\d+)/);
  let wrong = 0;
  let wrongReq = 0;
  let namesSomeoneElse = 0;
  for (const l of lines) {
    const mm = /^\s+ok\s+(\S+) (\S+) <- .* ACTOR-WRONG: (".*")$/.exec(l);
    if (!mm) continue;
    wrong++;
    if (required.get(`${mm[1]} ${mm[2]}`)) wrongReq++;
    if (namesAPerson(JSON.parse(mm[3]!) as string)) namesSomeoneElse++;
  }
  const matched = tpReq + acc;
  const precision = matched + fp ? (matched - wrong) / (matched + fp) : 1;
  const recall = req ? (tpReq - wrongReq) / req : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const actors = lines.find((l) => l.startsWith("actors:")) ?? "actors: none annotated";
  return `with wrong people counted wrong: f1=${f1.toFixed(3)} recall=${recall.toFixed(3)} precision=${precision.toFixed(3)} (${actors}; of the ${wrong} others, ${namesSomeoneElse} name someone else and ${wrong - namesSomeoneElse} name no one)`;
}
