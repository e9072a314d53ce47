/**
 * `npm run i18n:coverage`: the share of reply strings the app can send in both languages, by
 * section of the catalog (src/chat/i18n/en.ts and vi.ts), and how many Vietnamese strings are
 * word for word the English one (commands and names may rightly be; anything else is untranslated).
 */
import { en } from "../src/chat/i18n/en.ts";
import { vi } from "../src/chat/i18n/vi.ts";

const enKeys = Object.keys(en);
const viKeys = new Set(Object.keys(vi));
const all = [...new Set([...enKeys, ...viKeys])];
const rows = new Map<string, { keys: number; both: number; same: string[] }>();
for (const k of all) {
  const section = k.split(".")[0]!;
  const r = rows.get(section) ?? { keys: 0, both: 0, same: [] };
  r.keys++;
  const e = (en as Record<string, string>)[k];
  const v = (vi as Record<string, string>)[k];
  if (e !== undefined && v !== undefined && v.trim() !== "") r.both++;
  if (e !== undefined && e === v && /[A-Za-z]{4,}/.test(e.replace(/\{\w+\}/g, ""))) r.same.push(k);
  rows.set(section, r);
}
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;
console.log("| section | strings | in English and Vietnamese | share | Vietnamese equal to English |");
console.log("| --- | --- | --- | --- | --- |");
let keys = 0;
let both = 0;
for (const [section, r] of [...rows].sort()) {
  keys += r.keys;
  both += r.both;
  console.log(`| ${section} | ${r.keys} | ${r.both} | ${pct(r.both, r.keys)} | ${r.same.join(", ") || "—"} |`);
}
console.log(`| **all** | ${keys} | ${both} | **${pct(both, keys)}** | |`);
