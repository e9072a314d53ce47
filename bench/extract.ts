/**
 * Body-extraction benchmark: runs extractPage over ../shared/extraction-benchmark/html/*.html.gz,
 * writes predictions to bench/out/extract-predictions.json, scores them with the benchmark's own
 * score.mjs and prints a table (f1, precision, recall, ms/page).
 *
 *   npm run bench:extract [-- --limit N] [-- --with-captions]
 *
 * The predicted body is ExtractedPage.text, captions excluded, as the product stores it. The
 * ground truth keeps some captions and not others; `--with-captions` appends the captions found
 * inside the article to compare (measured: it lowers precision more than it raises recall).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { extractPage } from "../src/ingest/extract-page.ts";
import { requirePaths, sharedPath } from "../scripts/lib/shared.ts";

const here = dirname(fileURLToPath(import.meta.url));
const benchDir = sharedPath("extraction-benchmark");
requirePaths("bench:extract", [join(benchDir, "ground-truth.json"), join(benchDir, "html")]);
const args = process.argv.slice(2);
const limitArg = args.indexOf("--limit");
const limit = limitArg >= 0 ? Number(args[limitArg + 1]) : Infinity;
const withCaptions = args.includes("--with-captions");

const truth = JSON.parse(readFileSync(join(benchDir, "ground-truth.json"), "utf8")) as Record<string, { url: string }>;
const files = readdirSync(join(benchDir, "html"))
  .filter((f) => f.endsWith(".html.gz"))
  .sort()
  .slice(0, limit);

const predictions: Record<string, { articleBody: string }> = {};
let nulls = 0;
let failures = 0;
let totalMs = 0;
const cpu0 = process.cpuUsage();
for (const f of files) {
  const id = f.replace(/\.html\.gz$/, "");
  const html = gunzipSync(readFileSync(join(benchDir, "html", f))).toString("utf8");
  const url = truth[id]?.url ?? `https://example.invalid/${id}`;
  const t0 = performance.now();
  try {
    const page = extractPage(html, url, { timeZone: "UTC" });
    totalMs += performance.now() - t0;
    if (!page) nulls++;
    const body = page ? (withCaptions && page.captions.length ? `${page.text}\n\n${page.captions.join("\n\n")}` : page.text) : "";
    predictions[id] = { articleBody: body };
  } catch (e) {
    totalMs += performance.now() - t0;
    failures++;
    predictions[id] = { articleBody: "" };
    console.error(`bench: ${id}: ${(e as Error).message}`);
  }
}

// CPU time (user + system) as well as wall time: on a machine shared with other jobs the wall time
// says more about the neighbours than about the extractor.
const cpu = process.cpuUsage(cpu0);
const cpuMsPerPage = (cpu.user + cpu.system) / 1000 / files.length;

const outDir = join(here, "out");
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, "extract-predictions.json");
writeFileSync(outFile, JSON.stringify(predictions));
const scored = execFileSync("node", [join(benchDir, "score.mjs"), outFile], { encoding: "utf8" });
const last = scored.trim().split("\n").at(-1) ?? "";
const num = (k: string) => /([\d.]+)/.exec(last.split(`${k}=`)[1] ?? "")?.[1] ?? "?";

console.log(scored.trim());
console.log("");
console.log("| pages | f1 | precision | recall | ms/page (wall) | ms/page (cpu, incl. gunzip) | null | errors | captions in body |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |");
console.log(
  `| ${files.length} | ${num("f1")} | ${num("precision")} | ${num("recall")} | ${(totalMs / files.length).toFixed(1)} | ${cpuMsPerPage.toFixed(1)} | ${nulls} | ${failures} | ${withCaptions ? "yes" : "no"} |`,
);
