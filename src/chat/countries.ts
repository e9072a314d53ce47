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
}

/** The English name of a code, or the code itself when the gazetteer does not know it. */
export function countryName(dir: CountryDirectory, code: string): string {
  return dir.country(code)?.en ?? code;
}
