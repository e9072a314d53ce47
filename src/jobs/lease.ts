/**
 * Holding a DB lease while a job runs: acquired with an expiry, renewed on a timer while the
 * job runs, released at the end. If renewal fails (the lease expired and another process took
 * it) the lease's signal aborts, so the job stops starting new work.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/client.ts";
import { getLease, releaseLease, renewLease, takeOverLease, tryAcquireLease } from "../db/leases.repo.ts";
import { systemClock, type Clock } from "../lib/clock.ts";

/** How a lease is taken. */
export interface LeaseOptions {
  name: string;
  /** who we are; default host:pid:random */
  holder?: string;
  /** lifetime of the lease without renewal; default 5 minutes */
  ttlMs?: number;
  /** renewal period; default a third of ttlMs */
  renewEveryMs?: number;
  clock?: Clock;
}

/** A lease we hold. */
export interface HeldLease {
  readonly name: string;
  readonly holder: string;
  /** aborts when the lease was lost */
  readonly signal: AbortSignal;
  /** stops renewing and deletes the lease row */
  release(): void;
}

/** Who else holds a lease we could not take. */
export interface LeaseBusy {
  holder: string;
  expiresAt: string;
}

/** A holder id unique to this process and call. */
export function makeHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/**
 * True when `holder` (host:pid:nonce, as makeHolderId writes it) names a process on THIS host
 * that no longer runs. Elsewhere, or when unsure (another user's process: EPERM), false: only
 * the expiry frees the lease then.
 */
export function holderIsGone(holder: string, host = hostname()): boolean {
  const m = /^(.*):(\d+):[0-9a-f]+$/.exec(holder);
  if (!m || m[1] !== host) return false;
  const pid = Number(m[2]);
  if (pid === process.pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Takes the lease and starts renewing it; null when someone else holds it. A lease left by a
 * process of this host that is provably gone (kill -9, a crash) is taken over at once instead
 * of after its expiry (5 minutes by default).
 */
export function acquireLease(db: Db, opts: LeaseOptions): HeldLease | null {
  const clock = opts.clock ?? systemClock;
  const holder = opts.holder ?? makeHolderId();
  const ttlMs = opts.ttlMs ?? 5 * 60_000;
  if (!tryAcquireLease(db, opts.name, holder, clock(), ttlMs)) {
    const current = getLease(db, opts.name);
    if (!current || !holderIsGone(current.holder) || !takeOverLease(db, opts.name, current.holder, holder, clock(), ttlMs)) return null;
  }
  const ctrl = new AbortController();
  const timer = setInterval(() => {
    let ok = false;
    try {
      ok = renewLease(db, opts.name, holder, clock(), ttlMs);
    } catch {
      ok = false; // a busy DB for longer than the busy timeout: treat as lost, to be safe
    }
    if (!ok) {
      clearInterval(timer);
      ctrl.abort(new Error(`lease: lost "${opts.name}"`));
    }
  }, opts.renewEveryMs ?? Math.max(10, Math.floor(ttlMs / 3)));
  timer.unref();
  let released = false;
  return {
    name: opts.name,
    holder,
    signal: ctrl.signal,
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      if (db.$client.open) releaseLease(db, opts.name, holder);
    },
  };
}

/** Runs `fn` while holding the lease; `{ busy }` without running it when another holds it. */
export async function withLease<T>(
  db: Db,
  opts: LeaseOptions,
  fn: (lease: HeldLease) => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false; busy: LeaseBusy }> {
  const lease = acquireLease(db, opts);
  if (!lease) {
    const row = getLease(db, opts.name);
    return { acquired: false, busy: { holder: row?.holder ?? "?", expiresAt: row?.expiresAt ?? "?" } };
  }
  try {
    return { acquired: true, value: await fn(lease) };
  } finally {
    lease.release();
  }
}
