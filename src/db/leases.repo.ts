/**
 * Named leases in SQLite: one holder at a time, with an expiry so a dead holder's lease can be
 * taken over. Each operation is one statement, so two connections cannot both win.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "./client.ts";
import { leases } from "./schema.ts";

export type LeaseRow = typeof leases.$inferSelect;

/**
 * Takes the lease `name` for `holder` until now + ttlMs when it is free, expired, or already
 * ours; true when we hold it afterwards.
 */
export function tryAcquireLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): boolean {
  const at = now.toISOString();
  const until = new Date(now.getTime() + ttlMs).toISOString();
  const res = db.$client
    .prepare(
      `insert into leases (name, holder, expires_at) values (?, ?, ?)
       on conflict(name) do update set holder = excluded.holder, expires_at = excluded.expires_at
       where leases.expires_at <= ? or leases.holder = excluded.holder`,
    )
    .run(name, holder, until, at);
  return res.changes > 0;
}

/**
 * Takes the lease from `deadHolder` (a process known to be gone) whatever its expiry; false when
 * someone else changed the row first. One statement, so two restarts cannot both win.
 */
export function takeOverLease(db: Db, name: string, deadHolder: string, holder: string, now: Date, ttlMs: number): boolean {
  const until = new Date(now.getTime() + ttlMs).toISOString();
  return (
    db
      .update(leases)
      .set({ holder, expiresAt: until })
      .where(and(eq(leases.name, name), eq(leases.holder, deadHolder)))
      .run().changes > 0
  );
}

/** Extends our lease; false when it is no longer ours (expired and taken over). */
export function renewLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): boolean {
  const until = new Date(now.getTime() + ttlMs).toISOString();
  return (
    db
      .update(leases)
      .set({ expiresAt: until })
      .where(and(eq(leases.name, name), eq(leases.holder, holder)))
      .run().changes > 0
  );
}

/** Gives the lease up if we hold it. */
export function releaseLease(db: Db, name: string, holder: string): void {
  db.delete(leases)
    .where(and(eq(leases.name, name), eq(leases.holder, holder)))
    .run();
}

/** The current row for a lease, expired or not. */
export function getLease(db: Db, name: string): LeaseRow | null {
  return db.select().from(leases).where(eq(leases.name, name)).get() ?? null;
}
