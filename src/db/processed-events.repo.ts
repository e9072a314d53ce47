/**
 * Slack event ids already handled (table processed_events). Slack redelivers an event it thinks
 * was not acknowledged in time, with the same event_id; claiming the id first, in SQLite, makes the
 * answer happen once even across a restart or a second process on the same database.
 */
import type { Db } from "./client.ts";

/** Records `eventId` as handled; true only for the first claim of an id. */
export function claimEvent(db: Db, eventId: string, at: string): boolean {
  return db.$client.prepare("INSERT OR IGNORE INTO processed_events (event_id, at) VALUES (?, ?)").run(eventId, at).changes === 1;
}

/** Forgets ids claimed before `before` (ISO time): Slack retries within minutes, so a day is plenty. */
export function pruneProcessedEvents(db: Db, before: string): number {
  return db.$client.prepare("DELETE FROM processed_events WHERE at < ?").run(before).changes;
}
