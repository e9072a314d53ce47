/**
 * The part of the gazetteer (src/analyze/gazetteer.ts) the chat core needs. Typed structurally so
 * the chat core does not import analyze/ and tests may pass the real gazetteer.
 */

/** A country as the gazetteer describes it. */
export interface CountryInfo {
  code: string;
  en: string;
  vi: string;
}

/** Resolves names (English, Vietnamese, codes, aliases) to countries. */
export interface CountryDirectory {
  /** the country a name means, or null */
  resolveCountryName(q: string): CountryInfo | null;
  /** up to `n` countries whose names are close to `q` */
  suggestCountries(q: string, n: number): CountryInfo[];
  /** the country with this ISO alpha-2 code */
  country(code: string): CountryInfo | null | undefined;
  /** "vi" or "en" when a name is written only in that language ("Trung Quốc", "trung quoc" / "China"), else null */
  nameLanguage?(q: string): "en" | "vi" | null;
}

/** The name of a code in a language (English by default), or the code itself when the gazetteer does not know it. */
export function countryName(dir: CountryDirectory, code: string, lang: "en" | "vi" = "en"): string {
  return dir.country(code)?.[lang] ?? code;
}
