/**
 * Events API deliveries are handled once per event_id: a global middleware claims the id (through
 * the injected `claim`, backed by processed_events in SQLite) before any listener runs, and drops
 * a delivery whose id was already claimed — Slack's retries (x-slack-retry-num) of a slow answer,
 * even after a restart. Bolt has already acknowledged the event by then, so Slack stops retrying.
 * Commands and button presses carry no event_id and pass through.
 */
import type { App } from "@slack/bolt";
import type { Logger } from "../../lib/log.ts";

/** Claims an event id; true the first time. */
export type ClaimEvent = (eventId: string) => boolean;

/** Registers the dedupe middleware on `app`. A failing claim lets the event through (better twice than never). */
export function registerEventDedupe(app: App, claim: ClaimEvent, logger: Logger): void {
  app.use(async ({ body, next }) => {
    const id = (body as { event_id?: unknown }).event_id;
    if (typeof id === "string" && id) {
      let first = true;
      try {
        first = claim(id);
      } catch (err) {
        logger.error("slack: claiming an event id failed; handling it anyway", { err, eventId: id });
      }
      if (!first) {
        logger.info("slack: duplicate event delivery ignored", { eventId: id });
        return;
      }
    }
    await next();
  });
}
