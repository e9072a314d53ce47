/**
 * A pair's activity over time, for the chart (issue 13): developments counted per quarter (per
 * year when the span is over 8 years), by type, from the first period with data to the last, with
 * the empty periods in between. Pure: rows in, series out.
 */
import { EVENT_TYPES, type EventType } from "../domain/types.ts";

/** Developments of one month and type (what the repo's GROUP BY returns). */
export interface MonthTypeCount {
  /** YYYY-MM */
  month: string;
  type: EventType;
  n: number;
}

/** One bar. */
export interface ActivityPeriod {
  year: number;
  /** 1–4, or 0 for a whole year */
  quarter: number;
  counts: Partial<Record<EventType, number>>;
  total: number;
}

/** The chart's data. */
export interface ActivitySeries {
  unit: "quarter" | "year";
  periods: ActivityPeriod[];
  /** the types present, in canonical order (the legend) */
  types: EventType[];
  total: number;
  /** index in `periods` of the latest period with data */
  latest: number;
  /** first and last year with data */
  fromYear: number;
  toYear: number;
}

/** Over this many quarters (8 years) the chart counts per year. */
export const MAX_QUARTERS = 32;

/** Builds the series; null when there is nothing to chart. */
export function buildActivity(rows: readonly MonthTypeCount[]): ActivitySeries | null {
  const valid = rows.filter((r) => r.n > 0 && /^\d{4}-\d{2}$/.test(r.month));
  if (valid.length === 0) return null;
  // quarters counted from year 0: 2024-08 → 2024 * 4 + 2
  const quarterOf = (m: string) => Number(m.slice(0, 4)) * 4 + Math.floor((Number(m.slice(5, 7)) - 1) / 3);
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of valid) {
    const q = quarterOf(r.month);
    lo = Math.min(lo, q);
    hi = Math.max(hi, q);
  }
  const unit = hi - lo + 1 > MAX_QUARTERS ? "year" : "quarter";
  const key = (m: string) => (unit === "year" ? Number(m.slice(0, 4)) : quarterOf(m));
  const first = unit === "year" ? Math.floor(lo / 4) : lo;
  const last = unit === "year" ? Math.floor(hi / 4) : hi;
  const periods: ActivityPeriod[] = [];
  for (let k = first; k <= last; k++) {
    periods.push(unit === "year" ? { year: k, quarter: 0, counts: {}, total: 0 } : { year: Math.floor(k / 4), quarter: (k % 4) + 1, counts: {}, total: 0 });
  }
  const present = new Set<EventType>();
  let total = 0;
  for (const r of valid) {
    const p = periods[key(r.month) - first]!;
    p.counts[r.type] = (p.counts[r.type] ?? 0) + r.n;
    p.total += r.n;
    total += r.n;
    present.add(r.type);
  }
  let latest = periods.length - 1;
  while (latest > 0 && periods[latest]!.total === 0) latest--;
  return {
    unit,
    periods,
    types: EVENT_TYPES.filter((t) => present.has(t)),
    total,
    latest,
    fromYear: Math.floor(lo / 4),
    toYear: Math.floor(hi / 4),
  };
}
