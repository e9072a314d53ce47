/**
 * What the analyzer needs from the gazetteer and the date finder. The real implementations are
 * src/analyze/gazetteer.ts and src/analyze/dates.ts; tests may pass a small dictionary instead.
 */
import type { DateSpan } from "../domain/types.ts";
import type { EntityMention, FoundDate } from "./types.ts";

export interface CountryNames {
  code: string;
  en: string;
  vi: string;
  demonymEn: string;
}

export interface PersonInfo {
  id: string;
  nameEn: string;
}

export interface GazetteerPort {
  findMentions(text: string, opts?: { at?: string }): EntityMention[];
  country(code: string): CountryNames | null;
  /** English name and role title of a person at a date, when known */
  describePerson(id: string, at: string): { name: string; country: string | null; title: string | null; role?: string | null; held?: boolean; nameVi?: string | null } | null;
  /** The person holding an office of a country on a day, when the gazetteer knows exactly one */
  officeHolder?(country: string, role: string, at: string): string | null;
}

export interface DateFinderPort {
  findDates(text: string, ctx: { ref: string; refPrecision: "day" | "month" | "year"; lang: "vi" | "en"; pastBias?: boolean }): FoundDate[];
  inferPublicationDate(text: string, lang: "vi" | "en"): { iso: string; precision: "day" | "month" | "year"; evidence: string } | null;
  spanFromIso(iso: string): DateSpan;
}
