/**
 * `npm run pin:expected`: writes test/fixtures/pinned/{samples,seeds}.json, what the pinned
 * developments test holds the analyzer to. For each article: the gold developments found today
 * (pair, type, date as the gold gives it) must stay found, and the developments that match no gold
 * event ("extra", false positives) may not grow. Gold comes from samples/gold.json and, for the
 * seeds, from ../shared/eval/seeds.gold.json; only derived facts are written, no article text.
 * Run it after a change that makes the analyzer better, and commit the new pins with it.
 */
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { readFileSync } from "node:fs";
import { articleOf, exportFolder, sameDevelopment, type ExportedEvent } from "../test/helpers/export-folder.ts";

interface GoldEvent { pair: string[]; type: string; alt_types?: string[]; date: string | { from: string; to: string }; alt_dates?: (string | { from: string; to: string })[]; required: boolean }
interface Gold { articles: { article: string; events: GoldEvent[] }[] }

const root = resolve(import.meta.dirname, "..");
const sets = [
  { name: "samples", dir: resolve(root, "samples/articles"), gold: resolve(root, "samples/gold.json") },
  { name: "seeds", dir: resolve(root, "../shared/seeds"), gold: resolve(root, "../shared/eval/seeds.gold.json") },
];

/** Every way a gold event may be matched: its type or an alt type, its date or an alt date. */
export function variants(g: GoldEvent) {
  const types = [g.type, ...(g.alt_types ?? [])];
  const dates = [g.date, ...(g.alt_dates ?? [])];
  return types.flatMap((type) => dates.map((date) => ({ pair: g.pair, type, date })));
}

for (const set of sets) {
  if (!existsSync(set.dir) || !existsSync(set.gold)) {
    console.error(`pin: ${set.name}: ${set.dir} or ${set.gold} is not there; skipped`);
    continue;
  }
  const gold = JSON.parse(readFileSync(set.gold, "utf8")) as Gold;
  const events: ExportedEvent[] = await exportFolder(set.dir);
  const articles: Record<string, { expect: { pair: string[]; type: string; date: GoldEvent["date"] }[]; allow: ReturnType<typeof variants>; extra: number }> = {};
  for (const a of gold.articles) {
    const mine = events.filter((e) => e.sources.some((s) => articleOf(s.url) === a.article));
    const used = new Set<ExportedEvent>();
    const expect: { pair: string[]; type: string; date: GoldEvent["date"] }[] = [];
    for (const g of [...a.events].sort((x, y) => Number(y.required) - Number(x.required))) {
      const hit = mine.find((e) => !used.has(e) && variants(g).some((v) => sameDevelopment(v, e)));
      if (!hit) continue;
      used.add(hit);
      const v = variants(g).find((x) => sameDevelopment(x, hit))!;
      expect.push({ pair: [...g.pair].sort(), type: v.type, date: v.date });
    }
    articles[a.article] = { expect, allow: a.events.flatMap(variants), extra: mine.filter((e) => !used.has(e)).length };
  }
  const out = resolve(root, `test/fixtures/pinned/${set.name}.json`);
  writeFileSync(out, `${JSON.stringify({ about: `Pinned developments of ${set.name}: written by scripts/pin-expected.ts from the analyzer's output and the gold; read by test/analyze/pinned.test.ts.`, articles }, null, 1)}\n`);
  const n = Object.values(articles).reduce((s, a) => s + a.expect.length, 0);
  console.log(`pin: ${set.name}: ${n} developments pinned over ${gold.articles.length} articles → ${out}`);
}
