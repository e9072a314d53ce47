/**
 * The timeline use case: a page of a pair's developments (newest first) with their sources and
 * the pair's totals, and a country's partners. Pure over the repo; no Slack, no formatting.
 */
import type { TimelineCursor, TimelineFilter, TimelineRepo, PairStats, SourceRow } from "../db/timeline.repo.ts";
import { EVENT_TYPES, type CountryPair, type DatePrecision, type DevelopmentStatus, type EventType } from "../domain/types.ts";
import { systemClock, type Clock } from "../lib/clock.ts";

export type { TimelineCursor, TimelineFilter, PairStats } from "../db/timeline.repo.ts";

/** One development as shown in a timeline. */
export interface TimelineEntry {
  id: number;
  type: EventType;
  status: DevelopmentStatus;
  dateStart: string;
  dateEnd: string;
  datePrecision: DatePrecision;
  summary: string;
  sources: Omit<SourceRow, "developmentId">[];
}

/** One page of a pair's timeline. */
export interface TimelinePage {
  pair: CountryPair;
  filter: TimelineFilter;
  stats: PairStats;
  entries: TimelineEntry[];
  /** where the next older page starts; null when this page reaches the oldest */
  nextCursor: TimelineCursor | null;
}

/** A partner of a country with counts by type. */
export interface PartnerSummary {
  partner: string;
  total: number;
  byType: Partial<Record<EventType, number>>;
  /** YYYY-MM-DD of the latest development's end */
  latest: string;
}

/** The timeline use cases. */
export interface TimelineService {
  /** A page of at most `limit` developments, newest first, after `cursor`. */
  page(pair: CountryPair, filter: TimelineFilter, cursor: TimelineCursor | null, limit: number): TimelinePage;
  /** The country's partners, most developments first. */
  partners(code: string): PartnerSummary[];
}

export interface TimelineServiceOptions {
  clock?: Clock;
  /** how long cached totals stay valid even when no row was added (catches in-place updates) */
  cacheTtlMs?: number;
  /** most cached entries kept */
  cacheSize?: number;
}

/**
 * Builds the service. Totals and partner lists are the only queries whose cost grows with the
 * pair's size, so they are cached, keyed by the repo's data stamp (which moves on every insert).
 */
export function createTimelineService(repo: TimelineRepo, opts: TimelineServiceOptions = {}): TimelineService {
  const clock = opts.clock ?? systemClock;
  const ttl = opts.cacheTtlMs ?? 60_000;
  const max = opts.cacheSize ?? 5000;
  const cache = new Map<string, { stamp: string; at: number; value: unknown }>();

  const cached = <T>(key: string, compute: () => T): T => {
    const stamp = repo.dataStamp();
    const now = clock().getTime();
    const hit = cache.get(key);
    if (hit && hit.stamp === stamp && now - hit.at < ttl) return hit.value as T;
    const value = compute();
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(key, { stamp, at: now, value });
    return value;
  };

  return {
    page(pair, filter, cursor, limit) {
      // One extra row tells whether an older page exists without a count query.
      const rows = repo.listDevelopments(pair, filter, cursor, limit + 1);
      const shown = rows.slice(0, limit);
      const sources = repo.listSources(shown.map((r) => r.id));
      const entries: TimelineEntry[] = shown.map((r) => ({
        id: r.id,
        type: r.type,
        status: r.status,
        dateStart: r.dateStart,
        dateEnd: r.dateEnd,
        datePrecision: r.datePrecision,
        summary: r.summary,
        sources: (sources.get(r.id) ?? []).map(({ developmentId: _d, ...s }) => s),
      }));
      const last = shown[shown.length - 1];
      const stats = cached(`s|${pair.a}|${pair.b}|${filter.since ?? ""}|${filter.type ?? ""}`, () => repo.statsFor(pair, filter));
      return {
        pair,
        filter,
        stats,
        entries,
        nextCursor: rows.length > limit && last ? { dateStart: last.dateStart, id: last.id } : null,
      };
    },

    partners(code) {
      return cached(`p|${code.toUpperCase()}`, () => {
        const by = new Map<string, PartnerSummary>();
        for (const r of repo.partnersOf(code)) {
          const p = by.get(r.partner) ?? { partner: r.partner, total: 0, byType: {}, latest: "" };
          p.total += r.count;
          p.byType[r.type] = (p.byType[r.type] ?? 0) + r.count;
          if (r.latest > p.latest) p.latest = r.latest;
          by.set(r.partner, p);
        }
        return [...by.values()].sort((x, y) => y.total - x.total || y.latest.localeCompare(x.latest) || x.partner.localeCompare(y.partner));
      });
    },
  };
}

/** The event types in their canonical order (for stable listings). */
export const TYPE_ORDER: readonly EventType[] = EVENT_TYPES;
