/**
 * The timeline use case: a page of a pair's developments (newest first) with their sources and
 * the pair's totals, and a country's partners. Pure over the repo; no Slack, no formatting.
 */
import type { TimelineCursor, TimelineFilter, TimelineRepo, PairStats, SourceRow } from "../db/timeline.repo.ts";
import { EVENT_TYPES, type CountryPair, type DatePrecision, type DevelopmentCore, type DevelopmentFacts, type EventType } from "../domain/types.ts";
import { systemClock, type Clock } from "../lib/clock.ts";
import { silentLogger, type Logger } from "../lib/log.ts";
import { buildActivity, type ActivitySeries } from "./activity.ts";

export type { TimelineCursor, TimelineFilter, PairStats } from "../db/timeline.repo.ts";

/** One development as shown in a timeline. */
export interface TimelineEntry extends DevelopmentCore {
  sources: Omit<SourceRow, "developmentId">[];
  /** what was extracted, for a summary written in another language at reply time */
  facts: DevelopmentFacts;
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
  /** the latest development's dates (YYYY-MM-DD) and precision */
  latest: string;
  latestEnd: string;
  latestPrecision: DatePrecision;
}

/** The timeline use cases. */
export interface TimelineService {
  /** A page of at most `limit` developments, newest first, after `cursor`. */
  page(pair: CountryPair, filter: TimelineFilter, cursor: TimelineCursor | null, limit: number): TimelinePage;
  /** The country's partners, most developments first. */
  partners(code: string): PartnerSummary[];
  /** The pair's developments per quarter or year and type (the activity chart); null when it has none. */
  activity(pair: CountryPair, filter: TimelineFilter): ActivitySeries | null;
  /**
   * Builds the in-memory totals of every pair (in chunks, yielding to the event loop) and keeps
   * them fresh from then on; resolves when the first build is done.
   */
  warm(): Promise<void>;
  /** Stops background rebuilds (before the database closes). */
  stop(): void;
}

export interface TimelineServiceOptions {
  clock?: Clock;
  logger?: Logger;
  /** how long cached totals stay valid even when the data stamp did not move */
  cacheTtlMs?: number;
  /** most cached entries kept */
  cacheSize?: number;
  /** least time between two background rebuilds of the pair totals (default 5 s) */
  rebuildIntervalMs?: number;
  /** rows read per chunk of a rebuild before yielding to the event loop (default 20,000) */
  chunkRows?: number;
}

/** A pair's totals as the in-memory index keeps them. */
interface PairAgg {
  total: number;
  byType: Partial<Record<EventType, number>>;
  /** the latest development's start, end and precision */
  latest: string;
  latestEnd: string;
  latestPrecision: DatePrecision;
  lastUpdated: string;
  articles: Set<number>;
}

const pairKey = (a: string, b: string) => `${a}|${b}`;

/**
 * Totals of every pair, held in memory so that the context line and partner lists of the
 * heaviest pairs cost a map lookup instead of tens of thousands of row reads. Built from scratch
 * by rowid chunks in the background; valid only while the repo's data stamp is the one it was
 * built at (any write makes the service fall back to SQL until the next rebuild).
 */
class PairTotalsIndex {
  private state: { stamp: string; pairs: Map<string, PairAgg> } | null = null;
  private building: Promise<void> | null = null;
  private lastStart = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  enabled = false;

  constructor(
    private readonly repo: TimelineRepo,
    private readonly log: Logger,
    private readonly intervalMs: number,
    private readonly chunk: number,
  ) {}

  /** The pairs map when it matches the data; otherwise null (and a rebuild is scheduled). */
  fresh(): Map<string, PairAgg> | null {
    if (!this.enabled || this.stopped) return null;
    if (this.state && this.state.stamp === this.repo.dataStamp()) return this.state.pairs;
    this.schedule();
    return null;
  }

  build(): Promise<void> {
    this.enabled = true;
    this.building ??= this.rebuild().finally(() => (this.building = null));
    return this.building;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.building || this.timer || this.stopped) return;
    const wait = Math.max(0, this.lastStart + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.build().catch((err) => this.log.error("timeline: rebuilding pair totals failed", { err }));
    }, wait);
    this.timer.unref();
  }

  private async rebuild(): Promise<void> {
    this.lastStart = Date.now();
    const started = performance.now();
    const stamp = this.repo.dataStamp();
    const max = this.repo.maxRowids();
    const pairs = new Map<string, PairAgg>();
    const get = (a: string, b: string) => {
      const k = pairKey(a, b);
      let p = pairs.get(k);
      if (!p) pairs.set(k, (p = { total: 0, byType: {}, latest: "", latestEnd: "", latestPrecision: "day", lastUpdated: "", articles: new Set() }));
      return p;
    };
    const yieldNow = () => new Promise<void>((r) => setImmediate(r));
    // development id → its pair's totals, so sources need no join
    const ofDevelopment: (PairAgg | undefined)[] = [];
    for (let from = 0; from < max.developments; from += this.chunk) {
      if (this.stopped) return;
      for (const r of this.repo.scanDevelopments(from, from + this.chunk)) {
        const p = get(r.a, r.b);
        ofDevelopment[r.id] = p;
        p.total++;
        p.byType[r.type] = (p.byType[r.type] ?? 0) + 1;
        if (r.dateStart > p.latest) Object.assign(p, { latest: r.dateStart, latestEnd: r.dateEnd, latestPrecision: r.datePrecision });
        if (r.updatedAt > p.lastUpdated) p.lastUpdated = r.updatedAt;
      }
      await yieldNow();
    }
    // About two sources per development: chunks of half as many development ids.
    const step = Math.max(1, this.chunk >> 1);
    for (let from = 0; from < max.developments; from += step) {
      if (this.stopped) return;
      for (const r of this.repo.scanSources(from, from + step)) ofDevelopment[r.developmentId]?.articles.add(r.articleId);
      await yieldNow();
    }
    this.state = { stamp, pairs };
    this.log.debug("timeline: pair totals built", { pairs: pairs.size, ms: Math.round(performance.now() - started), stale: stamp !== this.repo.dataStamp() });
  }
}

/**
 * Builds the service. Totals and partner lists are the only queries whose cost grows with the
 * pair's size, so they are cached, keyed by the repo's data stamp (which moves on every insert).
 */
export function createTimelineService(repo: TimelineRepo, opts: TimelineServiceOptions = {}): TimelineService {
  const clock = opts.clock ?? systemClock;
  const totals = new PairTotalsIndex(repo, opts.logger ?? silentLogger, opts.rebuildIntervalMs ?? 5000, opts.chunkRows ?? 20_000);
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
        facts: { pair: [r.countryA, r.countryB], type: r.type, status: r.status, dateStart: r.dateStart, actors: r.actors, places: r.places, details: r.details, actorCountry: r.actorCountry, destination: r.destination, summary: r.summary },
      }));
      const last = shown[shown.length - 1];
      const index = !filter.since && !filter.type ? totals.fresh() : null;
      const agg = index?.get(pairKey(pair.a, pair.b));
      const stats: PairStats = index
        ? { developments: agg?.total ?? 0, sources: agg?.articles.size ?? 0, lastUpdated: agg?.lastUpdated || null }
        : cached(`s|${pair.a}|${pair.b}|${filter.since ?? ""}|${filter.type ?? ""}`, () => repo.statsFor(pair, filter));
      return {
        pair,
        filter,
        stats,
        entries,
        nextCursor: rows.length > limit && last ? { dateStart: last.dateStart, id: last.id } : null,
      };
    },

    partners(code) {
      const c = code.toUpperCase();
      const index = totals.fresh();
      if (index) {
        const out: PartnerSummary[] = [];
        for (const [k, p] of index) {
          const [a, b] = k.split("|") as [string, string];
          if (a !== c && b !== c) continue;
          out.push({ partner: a === c ? b : a, total: p.total, byType: { ...p.byType }, latest: p.latest, latestEnd: p.latestEnd, latestPrecision: p.latestPrecision });
        }
        return out.sort(byVolume);
      }
      return cached(`p|${c}`, () => {
        const by = new Map<string, PartnerSummary>();
        for (const r of repo.partnersOf(code)) {
          const p: PartnerSummary = by.get(r.partner) ?? { partner: r.partner, total: 0, byType: {}, latest: "", latestEnd: "", latestPrecision: "day" };
          p.total += r.count;
          p.byType[r.type] = (p.byType[r.type] ?? 0) + r.count;
          if (r.latest > p.latest) Object.assign(p, { latest: r.latest, latestEnd: r.latestEnd, latestPrecision: r.latestPrecision });
          by.set(r.partner, p);
        }
        return [...by.values()].sort(byVolume);
      });
    },

    activity: (pair, filter) => buildActivity(repo.activityCounts(pair, filter)),

    warm: () => totals.build(),
    stop: () => totals.stop(),
  };
}

const byVolume = (x: PartnerSummary, y: PartnerSummary) => y.total - x.total || y.latest.localeCompare(x.latest) || x.partner.localeCompare(y.partner);

/** The event types in their canonical order (for stable listings). */
export const TYPE_ORDER: readonly EventType[] = EVENT_TYPES;
