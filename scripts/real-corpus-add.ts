/**
 * `npm run corpus:add -- MANIFEST GOLD --batch NAME`: appends a batch of newly annotated articles
 * (a manifest and a gold file in the formats of eval/real/) to the real-news corpus.
 *
 * The split is the corpus's one rule, applied to the new file names: an article goes to the
 * frozen test part when the first byte of the sha256 of its file name is below 0x60, else to dev.
 * Each entry records its batch (`added`), so `npm run eval:real -- --batch NAME` can score a batch
 * on its own — first before any rule is changed while reading it, which is the analyzer's figure
 * on text it has never seen.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { corpusDir, Manifest } from "./real-corpus.ts";

const args = process.argv.slice(2);
const bi = args.indexOf("--batch");
const batch = bi >= 0 ? args.splice(bi, 2)[1] : undefined;
const [manifestPath, goldPath] = args;
if (!manifestPath || !goldPath || !batch) {
  console.error("corpus:add: usage: npm run corpus:add -- MANIFEST GOLD --batch NAME");
  process.exit(2);
}

type GoldFile = { version?: number; about?: string; articles: { article: string; events: unknown[] }[] };
const read = <T>(p: string): T => JSON.parse(readFileSync(p, "utf8")) as T;
const mainManifestPath = join(corpusDir, "manifest.json");
const mainGoldPath = join(corpusDir, "gold.json");
const main = Manifest.parse(read(mainManifestPath));
const gold = read<GoldFile>(mainGoldPath);
const incoming = Manifest.parse(read(manifestPath));
const incomingGold = read<GoldFile>(goldPath);

export const partOf = (file: string): "dev" | "test" => (createHash("sha256").update(file).digest()[0]! < 0x60 ? "test" : "dev");

const known = new Set(main.articles.map((e) => e.file));
const knownSources = new Set(main.articles.map((e) => `${e.source.repo}:${e.source.path}:${JSON.stringify(e.cut)}`));
const goldOf = new Map(incomingGold.articles.map((a) => [a.article, a]));
let added = 0;
for (const e of incoming.articles) {
  if (known.has(e.file)) throw new Error(`corpus:add: ${e.file} is already in the corpus`);
  if (knownSources.has(`${e.source.repo}:${e.source.path}:${JSON.stringify(e.cut)}`)) throw new Error(`corpus:add: ${e.file} cuts the same text as an article already in the corpus`);
  if (!e.sha256) throw new Error(`corpus:add: ${e.file} has no sha256: materialize it once and record the hash`);
  const g = goldOf.get(e.file);
  if (!g) throw new Error(`corpus:add: ${e.file} has no gold in ${goldPath}`);
  main.articles.push({ ...e, part: partOf(e.file), added: batch });
  gold.articles.push(g);
  added++;
}
writeFileSync(mainManifestPath, JSON.stringify(main, null, 1) + "\n");
writeFileSync(mainGoldPath, JSON.stringify(gold, null, 1) + "\n");
const parts = main.articles.filter((e) => e.added === batch);
console.log(`corpus:add: ${added} articles of batch ${batch}: ${parts.filter((e) => e.part === "dev").length} dev, ${parts.filter((e) => e.part === "test").length} test`);
