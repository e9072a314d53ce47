/**
 * The reply catalog: every string the app sends, in English (en.ts) and Vietnamese (vi.ts), and
 * how a reply's language is chosen. `t(lang, key, vars)` fills a template; `tn` picks the plural form.
 */
import { en } from "./en.ts";
import { vi } from "./vi.ts";

/** The languages the app answers in; English is the default. */
export const LANGS = ["en", "vi"] as const;
export type Lang = (typeof LANGS)[number];

export type MessageKey = keyof typeof en;
/** One catalog: every key of the English one, with a string value. */
export type Messages = { readonly [K in MessageKey]: string };

export const CATALOGS: Record<Lang, Messages> = { en, vi };

/** Keys with a `.one`/`.other` pair, named without the suffix. */
export type PluralKey = { [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never }[MessageKey];

/** The template of `key` in `lang` with `{name}` replaced by `vars.name` (unknown names are kept). */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return CATALOGS[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** The count form of `key`: "1 development", "3 developments", "3 sự kiện". */
export function tn(lang: Lang, key: PluralKey, n: number, vars: Record<string, string | number> = {}): string {
  return t(lang, `${key}.${n === 1 ? "one" : "other"}` as MessageKey, { ...vars, n });
}

/** "vi" or "en" from free text (a setting's value); null for anything else. */
export function parseLang(s: string): Lang | null {
  const k = s.trim().toLowerCase();
  return (LANGS as readonly string[]).includes(k) ? (k as Lang) : null;
}
