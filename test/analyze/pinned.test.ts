/**
 * Keeps the analyzer from sliding back on the articles it started from: for the bundled samples
 * (always) and the seeds (when ../shared is beside the project, as in CI), every development it
 * found (pair, type, date) must still be found through the real pipeline (ingest, analyze,
 * cluster, export), and no article may gain developments that match no gold event. The pins are
 * written by scripts/pin-expected.ts; a better analyzer re-pins them.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { articleOf, exportFolder, sameDevelopment, type ExportedEvent } from "../helpers/export-folder.ts";

interface Pins {
  articles: Record<string, { expect: { pair: string[]; type: string; date: string }[]; allow: { pair: string[]; type: string; date: string }[]; extra: number }>;
}

const root = resolve(import.meta.dirname, "../..");
const sets = [
  { name: "samples", dir: resolve(root, "samples/articles") },
  { name: "seeds", dir: resolve(root, "../shared/seeds") },
];

for (const set of sets) {
  const pinsFile = resolve(root, `test/fixtures/pinned/${set.name}.json`);
  describe.skipIf(!existsSync(set.dir) || !existsSync(pinsFile))(`pinned developments: ${set.name}`, () => {
    const pins = existsSync(pinsFile) ? (JSON.parse(readFileSync(pinsFile, "utf8")) as Pins) : { articles: {} };
    let events: ExportedEvent[] = [];
    beforeAll(async () => {
      events = await exportFolder(set.dir);
    }, 60_000);
    it.each(Object.entries(pins.articles))("%s", (file, pin) => {
      const mine = events.filter((e) => e.sources.some((s) => articleOf(s.url) === file));
      const missing = pin.expect.filter((p) => !mine.some((e) => sameDevelopment(p, e)));
      expect(missing, `lost developments of ${file}`).toEqual([]);
      const extra = mine.filter((e) => !pin.allow.some((a) => sameDevelopment(a, e)));
      expect(extra.length, `developments of ${file} that match no gold event: ${extra.map((e) => `${e.pair.join("-")} ${e.type} ${e.date}`).join("; ")}`).toBeLessThanOrEqual(pin.extra);
    });
  });
}
