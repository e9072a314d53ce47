/**
 * The shared benchmark database: N articles and M developments between country pairs, with
 * 1–3 sources each, generated deterministically (seeded PRNG) and cached under bench/out/ keyed
 * by size, so bench:query, the digest and follow-up benchmarks all measure the same data.
 *
 *   import { makeBenchDb } from "./make-db.ts";
 *   const path = makeBenchDb({ articles: 100_000, developments: 300_000 });   // cached after the first call
 *
 *   npx tsx bench/make-db.ts [--articles 100000] [--developments 300000] [--force]
 *
 * Shape: 60 countries, pairs weighted by a Zipf law (exponent 0.8) so a few pairs are heavy
 * (the top pair holds ~5% of developments) and most are light; dates 2010–2025, precision
 * 70% day / 20% month / 10% year; every article analyzed by the current analyzer version, and
 * one disabled source so the app does not seed its samples into the benchmark database.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { closeDb, openDb } from "../src/db/client.ts";
import { loadGazetteer } from "../src/analyze/gazetteer.ts";
import { ANALYZER_VERSION } from "../src/analyze/version.ts";
import { EVENT_TYPES } from "../src/domain/types.ts";

export const BENCH_OUT = join(dirname(fileURLToPath(import.meta.url)), "out");

/** Size and seed of a benchmark database. */
export interface BenchDbOptions {
  articles: number;
  developments: number;
  seed?: number;
  /** regenerate even when cached */
  force?: boolean;
  log?: (msg: string) => void;
}

/** What the generator produced, for benchmarks that sample from it. */
export const BENCH_COUNTRIES = 60;

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The cached file for a size. */
export function benchDbPath(o: Pick<BenchDbOptions, "articles" | "developments" | "seed">): string {
  return join(BENCH_OUT, `bench-${o.articles}a-${o.developments}d-s${o.seed ?? 1}.db`);
}

/** The 60 countries used, most newsworthy first (codes). */
export function benchCountries(): string[] {
  const prefer = ["US", "CN", "RU", "VN", "IN", "JP", "KR", "KP", "PH", "AU", "FR", "GB", "DE", "BY", "IR", "PK", "ID", "MY", "TH", "LA", "KH", "SG", "TR", "IL", "SA", "AE", "EG", "UA", "PL", "IT", "ES", "CA", "BR", "MX", "NZ", "MM", "BD", "LK", "NP", "MN", "KZ", "UZ", "AM", "AZ", "GE", "RS", "HU", "GR", "NL", "SE", "NO", "FI", "ZA", "NG", "ET", "KE", "DZ", "MA", "CU", "VE"];
  const g = loadGazetteer();
  return prefer.filter((c) => g.country(c)).slice(0, BENCH_COUNTRIES);
}

const WORDS_EN = "defence ministers met in the capital to discuss joint exercises naval patrols training of officers and the supply of air defence systems under a new agreement signed after talks between delegations".split(" ");
const WORDS_VI = "bộ trưởng quốc phòng hai nước hội đàm tại thủ đô về tập trận chung tuần tra trên biển huấn luyện sĩ quan và thỏa thuận hợp tác quốc phòng được ký kết sau chuyến thăm".split(" ");

function sentence(r: () => number, words: string[], n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(r() * words.length)]!);
  const s = out.join(" ");
  return s[0]!.toUpperCase() + s.slice(1) + ".";
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Generates (or reuses) the benchmark database and returns its path. */
export function makeBenchDb(o: BenchDbOptions): string {
  const path = benchDbPath(o);
  const log = o.log ?? ((m: string) => process.stderr.write(m + "\n"));
  if (existsSync(path) && !o.force) return path;
  mkdirSync(BENCH_OUT, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const started = performance.now();
  const db = openDb(tmp);
  const c = db.$client;
  c.pragma("synchronous = OFF");
  const r = prng(o.seed ?? 1);
  const now = "2025-06-30T00:00:00.000Z";
  const countries = benchCountries();

  c.prepare("INSERT INTO sources (kind, url, name, enabled, created_at) VALUES ('feed', 'https://bench.invalid/feed.xml', 'benchmark (disabled)', 0, ?)").run(now);

  const outlets = ["VnExpress", "Tuoi Tre", "Thanh Nien", "QĐND", "Reuters", "AP", "Xinhua", "TASS", "Nikkei Asia", "The Diplomat", "Defense News", "BelTA"];
  const insArticle = c.prepare(
    `INSERT INTO articles (canonical_url, outlet, title, language, text, captions, published_at, published_precision, published_source, fetched_at, content_hash, analyzed_version, analyzed_at)
     VALUES (?, ?, ?, ?, ?, '[]', ?, 'day', 'feed', ?, ?, ?, ?)`,
  );
  c.transaction(() => {
    for (let i = 1; i <= o.articles; i++) {
      const vi = r() < 0.6;
      const words = vi ? WORDS_VI : WORDS_EN;
      const y = 2010 + Math.floor(r() * 16);
      const date = `${y}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
      const paras = Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => sentence(r, words, 8 + Math.floor(r() * 10))).join(" ")).join("\n\n");
      const outlet = outlets[Math.floor(r() * outlets.length)]!;
      insArticle.run(`https://news${i % 50}.example.com/${y}/article-${i}`, outlet, sentence(r, words, 9).slice(0, -1), vi ? "vi" : "en", paras, date, now, `hash${i}`, ANALYZER_VERSION, now);
    }
  })();
  log(`make-db: ${o.articles} articles in ${Math.round(performance.now() - started)} ms`);

  // Zipf-weighted pairs: cumulative weights for sampling by binary search.
  const pairs: [string, string][] = [];
  for (let i = 0; i < countries.length; i++) for (let j = i + 1; j < countries.length; j++) pairs.push([countries[i]!, countries[j]!].sort() as [string, string]);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  const cum: number[] = [];
  let total = 0;
  pairs.forEach((_, k) => cum.push((total += 1 / Math.pow(k + 1, 0.8))));
  const pickPair = () => {
    const x = r() * total;
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return pairs[lo]!;
  };

  const insDev = c.prepare(
    `INSERT INTO developments (country_a, country_b, type, status, date_start, date_end, date_precision, date_certain, summary, evidence, evidence_lang, score, analyzer_version, first_seen_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insSrc = c.prepare(
    `INSERT OR IGNORE INTO development_sources (development_id, article_id, extraction, sentence, span_start, span_end, is_caption, added_at) VALUES (?, ?, '{}', ?, ?, ?, 0, ?)`,
  );
  const t2 = performance.now();
  c.transaction(() => {
    for (let i = 1; i <= o.developments; i++) {
      const [a, b] = pickPair();
      const type = EVENT_TYPES[Math.floor(r() * EVENT_TYPES.length)]!;
      const y = 2010 + Math.floor(r() * 16);
      const m = 1 + Math.floor(r() * 12);
      const p = r();
      const precision = p < 0.7 ? "day" : p < 0.9 ? "month" : "year";
      let start: string, end: string;
      if (precision === "day") {
        const d = 1 + Math.floor(r() * 20);
        start = `${y}-${pad(m)}-${pad(d)}`;
        end = r() < 0.2 ? `${y}-${pad(m)}-${pad(d + Math.floor(r() * 8))}` : start;
      } else if (precision === "month") {
        start = `${y}-${pad(m)}-01`;
        end = `${y}-${pad(m)}-28`;
      } else {
        start = `${y}-01-01`;
        end = `${y}-12-31`;
      }
      const summary = `${a} and ${b}: ${sentence(r, WORDS_EN, 14 + Math.floor(r() * 14))}`;
      const seen = `${y}-${pad(m)}-15T00:00:00.000Z`;
      const st = r() < 0.85 ? "held" : r() < 0.5 ? "announced" : "planned";
      const id = Number(insDev.run(a, b, type, st, start, end, precision, summary, summary, "en", r(), ANALYZER_VERSION, seen, seen).lastInsertRowid);
      const ns = 1 + Math.floor(r() * 3);
      for (let k = 0; k < ns; k++) insSrc.run(id, 1 + Math.floor(r() * o.articles), summary, k * 10, k * 10 + 5, seen);
    }
  })();
  log(`make-db: ${o.developments} developments in ${Math.round(performance.now() - t2)} ms`);
  closeDb(db);
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  renameSync(tmp, path);
  log(`make-db: wrote ${path} in ${Math.round(performance.now() - started)} ms`);
  return path;
}

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = makeBenchDb({ articles: arg("articles", 100_000), developments: arg("developments", 300_000), seed: arg("seed", 1), force: process.argv.includes("--force") });
  process.stdout.write(path + "\n");
}
