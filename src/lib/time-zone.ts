/**
 * The one time-zone offset helper: how far an IANA zone is from UTC at an instant, and the UTC
 * instant of a wall-clock time in a zone (the digest's week bounds, a page's local stamp).
 */

// Building an Intl.DateTimeFormat costs far more than using one; one per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(timeZone);
  if (fmt) return fmt;
  try {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
  } catch {
    throw new RangeError(`unknown time zone: ${timeZone} (expected an IANA name such as Asia/Ho_Chi_Minh)`);
  }
  formatters.set(timeZone, fmt);
  return fmt;
}

/** Offset in minutes of `timeZone` at the instant `utcMs` (e.g. +420 for Asia/Ho_Chi_Minh); a RangeError for an unknown zone. */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(utcMs))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** A wall-clock time in `timeZone` (given as if it were UTC milliseconds) → the UTC milliseconds; two passes settle DST edges. */
export function wallTimeToUtc(wallMs: number, timeZone: string): number {
  const utc = wallMs - zoneOffsetMinutes(timeZone, wallMs) * 60000;
  return wallMs - zoneOffsetMinutes(timeZone, utc) * 60000;
}
