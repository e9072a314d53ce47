/**
 * Junk filter on the five plain-text seeds (../shared/seeds): per file, lines kept and removed by
 * rule, and FAIL when a line of a related-news / recommendation block survives.
 *
 *   npm run bench:seeds-junk
 *
 * "Survives" is judged without the filter's own rules: every line after a block marker heading
 * ("Tin liên quan", "Có thể bạn quan tâm", …) that is a teaser — it is repeated inside the block,
 * or doubled "X X", or a short title — must be gone from the cleaned text. Body lines before the
 * first marker are counted too, to show that the article survives.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cleanPlainText } from "../src/ingest/extract-page.ts";
import { isBlockMarker } from "../src/ingest/junk-filter.ts";
import { requirePaths, sharedPath } from "../scripts/lib/shared.ts";

const here = dirname(fileURLToPath(import.meta.url));
const seedsDir = sharedPath("seeds");
requirePaths("bench:seeds-junk", [seedsDir]);
const files = readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).sort();

let failed = 0;
const rows: string[] = [];
const details: string[] = [];
for (const f of files) {
  const raw = readFileSync(join(seedsDir, f), "utf8").normalize("NFC");
  const lines = raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const t0 = performance.now();
  const out = cleanPlainText(raw, { timeZone: "Asia/Ho_Chi_Minh" });
  const ms = performance.now() - t0;
  const kept = new Set(out.text.split("\n\n"));

  // Lines inside blocks: from the first marker heading to the end of the file, every short line
  // (teaser titles, markers, labels) and every line that appears twice there (title + snippet pairs).
  const first = lines.findIndex((l) => isBlockMarker(l));
  const block = first >= 0 ? lines.slice(first) : [];
  const counts = new Map<string, number>();
  for (const l of block) counts.set(l, (counts.get(l) ?? 0) + 1);
  const teaserLines = block.filter((l) => isBlockMarker(l) || (counts.get(l) ?? 0) > 1 || l.split(/\s+/).length <= 20);
  const survivors = [...new Set(teaserLines.filter((l) => kept.has(l)))];

  // Body lines before the first marker that are running text must survive.
  const body = (first >= 0 ? lines.slice(0, first) : lines).filter((l) => l.split(/\s+/).length >= 25 && /[.!?…]["”’)]*$/u.test(l));
  const lostBody = body.filter((l) => !kept.has(l) && !out.captions.includes(l));

  const byRule = new Map<string, number>();
  for (const r of out.removed) byRule.set(r.rule, (byRule.get(r.rule) ?? 0) + 1);
  const ok = survivors.length === 0 && lostBody.length === 0;
  if (!ok) failed++;
  rows.push(
    `| ${f} | ${lines.length} | ${kept.size} | ${out.removed.length} | ${out.captions.length} | ${[...byRule].map(([k, v]) => `${k}:${v}`).join(" ") || "-"} | ${survivors.length} | ${lostBody.length} | ${out.published ? `${out.published.iso} (${out.published.source})` : "-"} | ${ms.toFixed(1)} | ${ok ? "ok" : "FAIL"} |`,
  );
  for (const s of survivors) details.push(`FAIL ${f}: block line survived: ${s.slice(0, 100)}`);
  for (const s of lostBody) details.push(`FAIL ${f}: body line lost: ${s.slice(0, 100)}`);
}

console.log("| file | lines | kept | removed | captions | removed by rule | block survivors | body lost | published | ms | result |");
console.log("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | --- |");
for (const r of rows) console.log(r);
for (const d of details) console.log(d);
console.log(failed ? `${failed} of ${files.length} seeds FAIL` : `all ${files.length} seeds ok`);
process.exitCode = failed ? 1 : 0;
